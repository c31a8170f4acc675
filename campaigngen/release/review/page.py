"""Turn a manifest into the review page: cards per language, thumbnails, players, findings."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from campaigngen.atomic import write_bytes_atomic
from campaigngen.release.entries import ManifestEntry
from campaigngen.release.manifest import Manifest
from campaigngen.renderers.artifacts import ArtifactKind
from campaigngen.renderers.facts import ShareCardFacts, SpotFacts, TextMessageFacts, VideoFacts

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

REVIEW_DIR = "review"  # thumbnails live here, beside index.html
INDEX_NAME = "index.html"
THUMB_HEIGHT = 300  # shown at 150 CSS px: sharp on a 2x screen, ~30-60 KB each
_HERE = Path(__file__).parent
_MARK_ORDER = ("fail", "waived", "warn")  # the worst finding decides a sentence's highlight
STATUS_FILTERS = (("all", "All"), ("ready", "Ready"), ("draft", "Draft"), ("fail", "Failing"), ("waived", "Waived"))
_AUDIO_TYPES = {".mp3": "audio/mpeg", ".wav": "audio/wav"}


@dataclass(frozen=True)
class Flyer:
    label: str
    full: str  # href of the full-size image (or the PDF when no image was made)
    pdf: str | None
    thumb: str | None
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Source:
    src: str
    type: str


@dataclass(frozen=True)
class Spot:
    label: str
    sources: tuple[Source, ...]
    script: str | None
    facts: str


@dataclass(frozen=True)
class ShareCardView:
    """A share card shown as posted (scaled down), with its alt text as the image's own."""

    label: str  # "square", "story"
    href: str
    width: int  # as shown on the page
    height: int
    alt: str
    facts: str


@dataclass(frozen=True)
class VideoView:
    """A captioned video, playable on the page with its WebVTT captions."""

    label: str  # "square 30s", "story 30s"
    href: str
    captions: str | None  # the .vtt beside it
    width: int  # as shown on the page
    height: int
    facts: str


@dataclass(frozen=True)
class PhoneText:
    """A text message as staff will paste it, with how carriers count it."""

    label: str  # "plain" or "discreet"
    href: str
    text: str
    facts: str


@dataclass(frozen=True)
class TextLine:
    id: str
    text: str
    mark: str  # "", "fail", "waived", "warn"
    state: str  # "" or "fuzzy" / "untranslated"


@dataclass(frozen=True)
class Card:
    tag: str
    name: str
    english_name: str
    direction: str
    single: bool  # False for a multilingual sheet
    langs: tuple[str, ...]
    status: tuple[str, ...]
    unfinished: tuple[str, ...]
    flyers: tuple[Flyer, ...]
    spots: tuple[Spot, ...]
    skipped: tuple[Mapping[str, Any], ...]
    phone_texts: tuple[PhoneText, ...]
    share_cards: tuple[ShareCardView, ...]
    findings: tuple[Mapping[str, Any], ...]
    texts: tuple[TextLine, ...]
    videos: tuple[VideoView, ...] = ()

    @property
    def fail_count(self) -> int:
        return sum(1 for f in self.findings if f["status"] == "fail")

    @property
    def waived_count(self) -> int:
        return sum(1 for f in self.findings if f["status"] == "waived")

    @property
    def warn_count(self) -> int:
        return sum(1 for f in self.findings if f["status"] == "warn")


@dataclass(frozen=True)
class ReviewPage:
    index: Path
    thumbnails: tuple[Path, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.index, *self.thumbnails)


def _standalone(name: str) -> str:
    """CLDR names are lower-case for use mid-sentence ("español"); a heading starts upper-case.
    Only the first letter changes, and scripts without case are left as they are."""
    return name[:1].upper() + name[1:]


def _href(rel: str) -> str:
    """A relative URL for a file path: "+" in "en+es" and non-ASCII names must survive file://."""
    return quote(rel, safe="/")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def make_thumbnail(source: Path, target: Path) -> tuple[int, int]:
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        scale = THUMB_HEIGHT / image.height
        image.load()
        # A page is written in RGB: convert would only copy the decoded page (25 MB for Letter)
        # before it is shrunk in place.
        thumb = image if image.mode == "RGB" else image.convert("RGB")
        thumb.thumbnail((max(1, round(image.width * scale)), THUMB_HEIGHT), Image.Resampling.LANCZOS, reducing_gap=2.0)
    # No pnginfo: a thumbnail carries no text chunks, so nothing personal can ride along.
    thumb.save(target, format="PNG")
    return thumb.width, thumb.height


def _is_flyer_image(entry: ManifestEntry) -> bool:
    return entry.kind is ArtifactKind.FLYER_IMAGE


def _label(entry: ManifestEntry) -> str:
    return entry.format or Path(entry.path).stem


def _flyers(entries: Sequence[ManifestEntry], sizes: Mapping[str, tuple[int, int]]) -> tuple[Flyer, ...]:
    pdfs = {e.format: e for e in entries if e.suffix == ".pdf"}
    images = [e for e in entries if _is_flyer_image(e)]
    flyers = []
    for entry in images:
        pdf = pdfs.get(entry.format)
        width, height = sizes[entry.path]
        thumb = _href(_thumb_rel(entry.path))
        flyers.append(Flyer(_label(entry), _href(entry.path), _href(pdf.path) if pdf else None, thumb, width, height))
    shown = {e.format for e in images}
    # A PDF without an image still gets a link.
    flyers += [Flyer(_label(pdf), _href(pdf.path), None, None) for fmt, pdf in pdfs.items() if fmt not in shown]
    return tuple(flyers)


def _spot_facts(entry: ManifestEntry | None) -> str:
    facts = entry.facts if entry is not None else None
    if not isinstance(facts, SpotFacts):
        return ""
    return " · ".join(
        (
            f"{facts.duration_s:.1f} s",
            f"{facts.loudness_lufs:.1f} LUFS",
            f"true peak {facts.true_peak_dbtp:.1f} dBTP",
            f"engine {facts.engine}",
            f"voice {facts.voice}",
        )
    )


def _spots(entries: Sequence[ManifestEntry]) -> tuple[Spot, ...]:
    by_spot: dict[str, dict[str, ManifestEntry]] = {}
    for entry in entries:
        if entry.kind is ArtifactKind.SCRIPT_SHEET:
            by_spot.setdefault(entry.format or "spot", {})["script"] = entry
        elif entry.suffix in _AUDIO_TYPES:
            by_spot.setdefault(entry.format or "spot", {})[entry.suffix] = entry
    spots = []
    for label, files in by_spot.items():
        # MP3 first: smaller to load; the WAV master is the fallback and the broadcast file.
        sources = tuple(Source(_href(files[s].path), _AUDIO_TYPES[s]) for s in (".mp3", ".wav") if s in files)
        if sources:
            script = files.get("script")
            measured = _spot_facts(files.get(".wav") or files.get(".mp3"))
            spots.append(Spot(label, sources, _href(script.path) if script else None, measured))
    return tuple(spots)


def _released_text(folder: Path, rel: Path) -> str | None:
    """A text file of the release, or None where the folder no longer holds it as the manifest
    says (verify reports that; the page shows what there is)."""
    try:
        return (folder / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


SHARE_CARD_SHOWN_PX = 180  # the width a share card is shown at on the review page


_Facts = TypeVar("_Facts")


def _entries_of(
    entries: Sequence[ManifestEntry], kind: ArtifactKind, facts_type: type[_Facts]
) -> Iterator[tuple[ManifestEntry, _Facts]]:
    """The entries of one kind whose facts this version can read, with those facts."""
    for entry in entries:
        if entry.kind is kind and isinstance(entry.facts, facts_type):
            yield entry, entry.facts


def _share_cards(folder: Path, entries: Sequence[ManifestEntry]) -> tuple[ShareCardView, ...]:
    shown = []
    for entry, facts in _entries_of(entries, ArtifactKind.SHARE_CARD, ShareCardFacts):
        alt = (_released_text(folder, Path(entry.path).with_name(facts.alt_text)) or "").strip()
        width, height = facts.pixels
        qr = "QR code read back" if facts.qr_decoded else "no QR code"
        body = "" if facts.body else " · body left out"
        shown.append(
            ShareCardView(
                (entry.format or "card").removeprefix("card-"),
                _href(entry.path),
                SHARE_CARD_SHOWN_PX,
                round(SHARE_CARD_SHOWN_PX * height / width),
                alt,
                f"{width} x {height} px · number {facts.number_px:g} px · {qr}{body}",
            )
        )
    return tuple(shown)


def _videos(entries: Sequence[ManifestEntry]) -> tuple[VideoView, ...]:
    shown = []
    for entry, facts in _entries_of(entries, ArtifactKind.VIDEO, VideoFacts):
        width, height = facts.pixels
        label = Path(entry.path).stem.removeprefix("video-").replace("-", " ")
        captions = _href(str(Path(entry.path).with_name(facts.captions_file))) if facts.captions_file else None
        shown.append(
            VideoView(
                label,
                _href(entry.path),
                captions,
                SHARE_CARD_SHOWN_PX,
                round(SHARE_CARD_SHOWN_PX * height / width),
                f"{width} x {height} px · {facts.duration_s:g} s · {facts.loudness_lufs:g} LUFS, true peak "
                f"{facts.true_peak_dbtp:g} dBTP · {facts.captions} captions ({facts.caption_timing})",
            )
        )
    return tuple(shown)


def _phone_texts(folder: Path, entries: Sequence[ManifestEntry]) -> tuple[PhoneText, ...]:
    shown = []
    for entry, facts in _entries_of(entries, ArtifactKind.TEXT_MESSAGE, TextMessageFacts):
        text = _released_text(folder, Path(entry.path))
        if text is None:
            continue
        text = text.rstrip("\n")
        plural = "" if facts.segments == 1 else "s"
        counted = f"{facts.units} {facts.encoding} characters · {facts.segments} SMS{plural}"
        shown.append(PhoneText(facts.variant, _href(entry.path), text, counted))
    return tuple(shown)


def _texts(language: Listed, findings: Sequence[Mapping[str, Any]]) -> tuple[TextLine, ...]:
    lines = []
    for message in language.messages:
        statuses = {f["status"] for f in findings if f.get("message_id") == message["id"]}
        mark = next((m for m in _MARK_ORDER if m in statuses), "")
        state = message["status"] if message["status"] in ("fuzzy", "untranslated") else ""
        lines.append(TextLine(message["id"], message["text"], mark, state))
    return tuple(lines)


def _status(draft: bool, findings: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    states = {f["status"] for f in findings}
    tokens = []
    if draft:
        tokens.append("draft")
    if "fail" in states:
        tokens.append("fail")
    if "waived" in states:
        tokens.append("waived")
    if not tokens or tokens == ["waived"]:
        tokens.insert(0, "ready")
    return tuple(tokens)


def make_thumbnails(folder: Path, entries: Sequence[ManifestEntry]) -> dict[str, tuple[int, int]]:
    """Every flyer image's thumbnail, in threads: decoding a 300-dpi PNG (~0.25 s) releases
    the GIL, so this scales with cores. Returns source path -> thumbnail size."""
    from concurrent.futures import ThreadPoolExecutor

    images = [e.path for e in entries if _is_flyer_image(e)]
    with ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1))) as pool:
        sizes = pool.map(lambda rel: make_thumbnail(folder / rel, folder / _thumb_rel(rel)), images)
        return dict(zip(images, sizes))


def _thumb_rel(rel: str) -> str:
    return f"{REVIEW_DIR}/thumbs/{rel}"


@dataclass(frozen=True)
class Listed:
    """A language as the manifest lists it, with what the page shows when a value is missing."""

    tag: str
    name: str  # its own name, as a heading
    english_name: str
    direction: str
    draft: bool
    unfinished: tuple[str, ...]
    messages: tuple[Mapping[str, Any], ...]  # the text as printed: id, status, text

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Listed:
        tag = data["language"]
        return cls(
            tag,
            _standalone(data.get("name") or tag),
            data.get("english_name") or tag,
            data.get("direction") or "ltr",
            bool(data.get("draft")),
            tuple(data.get("unfinished", [])),
            tuple(data.get("messages", [])),
        )


def _language_card(
    folder: Path,
    language: Listed,
    own: Sequence[ManifestEntry],
    sizes: Mapping[str, tuple[int, int]],
    findings: Sequence[Mapping[str, Any]],
    skipped: Sequence[Mapping[str, Any]],
) -> Card:
    return Card(
        tag=language.tag,
        name=language.name,
        english_name=language.english_name,
        direction=language.direction,
        single=True,
        langs=(language.tag,),
        status=_status(language.draft, findings),
        unfinished=language.unfinished,
        flyers=_flyers(own, sizes),
        spots=_spots(own),
        skipped=tuple(skipped),
        phone_texts=_phone_texts(folder, own),
        share_cards=_share_cards(folder, own),
        findings=tuple(findings),
        texts=_texts(language, findings),
        videos=_videos(own),
    )


def _sheet_card(
    tag: str, own: Sequence[ManifestEntry], languages: Mapping[str, Listed], sizes: Mapping[str, tuple[int, int]]
) -> Card:
    """A multilingual sheet (or anything else not tied to one language) gets its own card."""
    tags = tuple(tag.split("+"))
    members = [languages[t] for t in tags if t in languages]
    return Card(
        tag=tag,
        name=" · ".join(m.name for m in members) or tag,
        english_name="Multilingual sheet: " + ", ".join(m.english_name for m in members),
        direction="ltr",
        single=False,
        langs=tags,
        status=("draft",) if any(m.draft for m in members) else ("ready",),
        unfinished=(),
        flyers=_flyers(own, sizes),
        spots=_spots(own),
        skipped=(),
        phone_texts=(),
        share_cards=(),
        findings=(),
        texts=(),
    )


def build_cards(folder: Path, manifest: Manifest, thumbs: list[Path]) -> list[Card]:
    """A card per language, then one per multilingual sheet, from the manifest's entries."""
    sizes = make_thumbnails(folder, manifest.entries)
    thumbs.extend(folder / _thumb_rel(rel) for rel in sizes)
    data = manifest.data
    findings = data.get("checks", {}).get("findings", [])
    skipped = data.get("skipped", [])
    languages = {lang.tag: lang for lang in map(Listed.of, data.get("languages", []))}
    own: dict[str, list[ManifestEntry]] = {}
    for entry in manifest.entries:
        own.setdefault(entry.language, []).append(entry)
    cards = [
        _language_card(
            folder,
            language,
            own.get(tag, []),
            sizes,
            [f for f in findings if f["language"] == tag],
            [s for s in skipped if s["language"] == tag],
        )
        for tag, language in languages.items()
    ]
    cards += [_sheet_card(tag, entries, languages, sizes) for tag, entries in own.items() if tag not in languages]
    return cards


def _subtitle(data: Mapping[str, Any]) -> str:
    languages = len(data.get("languages", []))
    release = data.get("release")
    if release:
        return (
            f"Release {release['version']} · published {release['published_at']} · {languages} languages · "
            f"campaign {data.get('campaign')}"
        )
    return f"Draft build (not published) · {languages} languages · campaign {data.get('campaign')}"


# A phone number or a web address inside running text: at least three digits with the
# separators numbers are written with, or an http(s) address up to the next space.
_LTR_RUN = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]|\+?\(?\d[\d\s().\-/]*\d(?<=\d)")


def isolate_ltr(text: object) -> Markup:
    """Text escaped for HTML, with every number and address in its own left-to-right <bdi>.
    In Arabic, Persian or Urdu text the browser's bidi algorithm would otherwise carry a full
    stop or the word before into the number's run and show 1-888-373-7888 as 7888-373-888-1."""
    from markupsafe import Markup, escape

    source = str(text)
    parts: list[str] = []
    at = 0
    for match in _LTR_RUN.finditer(source):
        if sum(ch.isdigit() for ch in match.group(0)) < 3 and not match.group(0).startswith("http"):
            continue
        parts += [str(escape(source[at : match.start()])), f'<bdi dir="ltr">{escape(match.group(0))}</bdi>']
        at = match.end()
    parts.append(str(escape(source[at:])))
    return Markup("".join(parts))


@lru_cache(maxsize=1)
def _templates() -> Environment:
    """One environment per process: it keeps the page's template compiled (compiling it took
    ~0.1 s of every publish and review), and its loader still reads the file again if it changed."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # Autoescape everything: translated text is data a translator typed, never markup.
    env = Environment(
        loader=FileSystemLoader(str(_HERE)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["isolate_ltr"] = isolate_ltr
    return env


def render_html(folder: Path, manifest: Manifest, thumbs: list[Path]) -> str:
    from markupsafe import Markup

    css = (_HERE / "style.css").read_text(encoding="utf-8")
    script = (_HERE / "filter.js").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; img-src 'self'; media-src 'self'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; base-uri 'none'; form-action 'none'"
    )
    data = manifest.data
    checks = data.get("checks", {})
    counts = checks.get("counts", {"fail": 0, "warn": 0, "waived": 0})
    languages = data.get("languages", [])
    page = {
        "title": data.get("name") or data.get("campaign", "campaign"),
        "subtitle": _subtitle(data),
        "source_language": languages[0]["language"] if languages else "en",
        "publishable": bool(checks.get("publishable", True)),
        "counts": counts,
        "cards": build_cards(folder, manifest, thumbs),
        "status_filters": STATUS_FILTERS,
        "csp": csp,
        # Our own files, so they are trusted markup; their hashes are in the CSP above.
        "css": Markup(css),
        "script": Markup(script),
        "footer": (
            f"Made by campaigngen {data.get('tools', {}).get('campaigngen', '')}. "
            "manifest.json lists every file with its SHA-256. This page loads nothing from the network."
        ),
    }
    return _templates().get_template("index.html.j2").render(page=page)


def write_review(folder: Path, manifest: Manifest) -> ReviewPage:
    """Write index.html and its thumbnails into folder (a build or a release) from its manifest."""
    thumbs: list[Path] = []
    html = render_html(folder, manifest, thumbs)
    index = folder / INDEX_NAME
    write_bytes_atomic(index, html.encode("utf-8"))  # a reader never sees half a page
    return ReviewPage(index, tuple(thumbs))
