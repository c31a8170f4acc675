"""Which voice speaks which language, and whether a listener would understand it.

"Has a voice file" is not "usable": espeak-ng's Thai and Burmese spell words letter by letter
(FIELD-NOTES), so those languages, like Tagalog and Somali (no voice at all), need a person's
recording (campaign radio.recordings) or an online engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from campaigngen.sources.broadcast import ESPEAK


@dataclass(frozen=True)
class VoiceSupport:
    language: str
    engine: str | None  # the offline engine that would speak it, None if none
    voice: str | None
    usable: bool
    note: str


@dataclass(frozen=True)
class _EspeakVoice:
    voice: str
    usable: bool
    note: str = ""
    # Multiplies the words-per-minute we ask for. The uk voice file slows itself to 80%
    # ("speed 80"): its digits came out twice as long as Russian ones (measured 0.95 s vs
    # 0.44 s for "eight"), enough to push a 30 s spot over.
    rate_scale: float = 1.0


# Voices chosen for US outreach audiences: Latin American Spanish, Brazilian Portuguese,
# Mandarin for both Chinese scripts (espeak-ng 1.52 reads Han characters correctly).
ESPEAK_VOICES: Mapping[str, _EspeakVoice] = MappingProxyType({
    "en": _EspeakVoice("en-us", True),
    "es": _EspeakVoice("es-419", True),
    "zh-Hans": _EspeakVoice("cmn", True, "Mandarin"),
    "zh-Hant": _EspeakVoice("cmn", True, "Mandarin (Taiwan listeners: review)"),
    "vi": _EspeakVoice("vi", True),
    "ko": _EspeakVoice("ko", True),
    "ru": _EspeakVoice("ru", True),
    "uk": _EspeakVoice("uk", True, rate_scale=1.25),
    # Measured ~3.5 syllables/s at our text rate, against ~4.5 for the other voices, and the
    # digit words are long (ثَمَانِيَة): without this the number alone takes 11 s.
    "ar": _EspeakVoice("ar", True, "needs fully vowelled text to sound right", rate_scale=1.3),
    "fa": _EspeakVoice("fa", True),
    "hi": _EspeakVoice("hi", True),
    "ur": _EspeakVoice("ur", True),
    "pt": _EspeakVoice("pt-br", True, "Brazilian Portuguese"),
    "fr": _EspeakVoice("fr", True),
    "ht": _EspeakVoice("ht", True),
    "am": _EspeakVoice("am", True, "robotic; a recording is better"),
    "th": _EspeakVoice("th", False, "espeak-ng reads Thai letter by letter: unintelligible"),
    "my": _EspeakVoice("my", False, "espeak-ng reads Burmese letter by letter: unintelligible"),
})

# gTTS (online) languages among the core set, checked against gtts.lang.tts_langs() 2.5.4:
# no fa, ht or so. Used only when a campaign lists "gtts".
GTTS_LANGS: Mapping[str, str] = MappingProxyType({
    "en": "en", "es": "es", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "vi": "vi", "ko": "ko", "tl": "tl",
    "th": "th", "ru": "ru", "uk": "uk", "ar": "ar", "hi": "hi", "ur": "ur", "pt": "pt", "fr": "fr",
    "my": "my", "am": "am",
})


def espeak_voice(language_tag: str) -> _EspeakVoice | None:
    return ESPEAK_VOICES.get(language_tag) or ESPEAK_VOICES.get(language_tag.split("-")[0])


def voice_support(language_tag: str) -> VoiceSupport:
    """The offline answer for `campaigngen languages`: can a spot be made with no network and
    no recording?"""
    found = espeak_voice(language_tag)
    if found is None:
        return VoiceSupport(language_tag, None, None, False,
                            "no offline voice: import a recording (radio.recordings)")
    if not found.usable:
        return VoiceSupport(language_tag, ESPEAK, found.voice, False,
                            f"{found.note}; import a recording (radio.recordings)")
    from campaigngen.renderers.radio.espeak import has_voice

    try:
        present = has_voice(found.voice)
    except Exception as exc:  # the library itself is missing: say so rather than crash a table
        return VoiceSupport(language_tag, ESPEAK, found.voice, False, f"espeak-ng unavailable: {exc}")
    if not present:
        return VoiceSupport(language_tag, ESPEAK, found.voice, False, f"espeak-ng has no '{found.voice}' voice here")
    return VoiceSupport(language_tag, ESPEAK, found.voice, True, found.note or "espeak-ng")
