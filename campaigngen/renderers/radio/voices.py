"""Which voice speaks which language, and whether a listener would understand it.

"Has a voice file" is not "usable": espeak-ng's Thai and Burmese spell words letter by letter
(heard here with espeak-ng 1.52), so those languages, like Tagalog and Somali (no voice at
all), need a person's recording (campaign radio.recordings) or an online engine. The facts
per language are the registry's (sources/languages.toml, [tag.voice]).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from campaigngen.sources.broadcast import ESPEAK, PIPER
from campaigngen.sources.registry import Voice, facts

if TYPE_CHECKING:
    from campaigngen.catalogs.localized import LocalizedCampaign


@dataclass(frozen=True)
class VoiceSupport:
    language: str
    engine: str | None  # the offline engine that would speak it, None if none
    voice: str | None
    usable: bool
    note: str


def espeak_voice(language_tag: str) -> Voice | None:
    """The language's espeak-ng voice (usable or not), or None where espeak-ng has none."""
    entry = facts(language_tag)
    return entry.voice if entry is not None and entry.voice.espeak else None


def gtts_code(language_tag: str) -> str | None:
    """Google's code for the online voice (gtts 2.5.4 has no fa, ht or so)."""
    entry = facts(language_tag)
    return entry.voice.gtts if entry is not None else None


def voice_support(language_tag: str) -> VoiceSupport:
    """The offline answer for `campaigngen languages`: can a spot be made with no network and
    no recording?"""
    found = espeak_voice(language_tag)
    if found is None or found.espeak is None:
        return VoiceSupport(language_tag, None, None, False, "no offline voice: import a recording (radio.recordings)")
    if not found.usable:
        return VoiceSupport(
            language_tag, ESPEAK, found.espeak, False, f"{found.note}; import a recording (radio.recordings)"
        )
    from campaigngen.renderers.radio.espeak import has_voice

    try:
        present = has_voice(found.espeak)
    except Exception as exc:  # the library itself is missing: say so rather than crash a table
        return VoiceSupport(language_tag, ESPEAK, found.espeak, False, f"espeak-ng unavailable: {exc}")
    if not present:
        return VoiceSupport(language_tag, ESPEAK, found.espeak, False, f"espeak-ng has no '{found.espeak}' voice here")
    return VoiceSupport(language_tag, ESPEAK, found.espeak, True, found.note or "espeak-ng")


def voice_inputs(language_tag: str, engines: Sequence[str]) -> dict[str, Any]:
    """What this language's speech depends on outside the campaign and the code: the Piper
    voice that would speak it (its files' hashes), or none. Cached findings and rendered
    spots are keyed by it, so installing or removing a voice between `check` and `build` is
    a new key, never a stale answer. espeak-ng's voices ship inside its library, whose
    version is in every key already (release/keys.py)."""
    inputs: dict[str, Any] = {}
    if PIPER in engines:
        from campaigngen.renderers.radio.piper import installed_voice, voice_fingerprint

        voice = installed_voice(language_tag)
        inputs[PIPER] = voice_fingerprint(voice) if voice is not None else None
    return inputs


def will_speak(localized: LocalizedCampaign) -> bool:
    """Will a spot be attempted for this language? A language with no usable offline voice
    (espeak-ng, or an installed Piper voice the campaign lists), no recording and no online
    engine asked for gets a script sheet instead (not a failure)."""
    radio = localized.campaign.radio
    order = radio.engines_for(localized.tag)
    if radio.recording_for(localized.tag) is not None or any(e not in (ESPEAK, PIPER) for e in order):
        return True
    if ESPEAK in order and voice_support(localized.tag).usable:
        return True
    if PIPER in order:
        from campaigngen.renderers.radio.piper import installed_voice

        return installed_voice(localized.tag) is not None
    return False
