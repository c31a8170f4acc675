"""Test campaigns built as data: the sample campaign cut down for a test (chosen languages,
formats, sheets and spots), and any campaign.toml changed by key, not by editing its text.

    folder = sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    with sample_config(root) as config:          # campaign.toml as data (comments kept)
        config["radio"]["preset"] = "streaming"
        add_waiver(config, "max-length", language="es")

Everything not changed (messages, contact details, the reviewed sample translations) is the
real sample's, so a test campaign reads like the one users start from. Tests that need a
file that is not valid TOML, or bytes no editor would write, still write text: that is what
they test.
"""

from __future__ import annotations

import copy
import datetime
import re
import shutil
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tomlkit
from review_kit import approve_all

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = "help-is-here"
SAMPLE_CONFIG = PROJECT / "content" / SAMPLE / "campaign.toml"


def write_config(folder: Path, config: str | Mapping[str, Any]) -> Path:
    """The one place a test writes a campaign.toml: into folder (made if missing); returns folder.
    config is TOML text or data (a dict, or a document from edit_config). Every helper that
    builds a test campaign (this module's, conftest's, the flyer, publish, radio and
    reading-level kits) writes through here."""
    folder.mkdir(parents=True, exist_ok=True)
    text = config if isinstance(config, str) else tomlkit.dumps(config)
    (folder / "campaign.toml").write_text(text, encoding="utf-8")
    approve_written(folder)
    return folder


def approve_written(folder: Path) -> None:
    """The test reviewer approves what the test wrote (review_kit), so a test about one finding
    sees that finding; a campaign that cannot be read is the test's point, and stays as it is."""
    from campaigngen.exceptions import UserFacingError

    if _one_approval:
        return  # inside one_approval: approved once, when the edits are done
    try:
        approve_all(folder)
    except UserFacingError:
        pass


_one_approval: list[Path] = []


@contextmanager
def one_approval(root: Path) -> Iterator[None]:
    """Many edits, one approval: the test reviewer approves the campaign under root as the edits
    left it, once, at the end (each approval reads the whole campaign, a second or more with
    thirty languages; a corpus of a hundred edits paid it a hundred times). What is approved
    is the same final text either way."""
    _one_approval.append(root)
    try:
        yield
    finally:
        _one_approval.pop()
    approve_written(config_path(root).parent)


_parsed: dict[str, tomlkit.TOMLDocument] = {}


def parsed(text: str) -> tomlkit.TOMLDocument:
    """tomlkit.parse(text), a document of the caller's own to change. The suite parses the same
    few configs hundreds of times (the sample's is 12 KB of tables and comments: 40 ms a parse,
    half that to copy a parsed one), so each text is parsed once per process and copied."""
    if text not in _parsed:
        if len(_parsed) >= 64:
            _parsed.clear()
        _parsed[text] = tomlkit.parse(text)
    return copy.deepcopy(_parsed[text])


@contextmanager
def edit_config(folder: Path) -> Iterator[tomlkit.TOMLDocument]:
    """folder's campaign.toml as data to change in the with-block; written back when it ends.
    Tables and arrays read like dicts and lists; a key set where none was is added."""
    config = parsed((folder / "campaign.toml").read_text(encoding="utf-8"))
    yield config
    write_config(folder, config)


def sample_config(root: Path):
    """edit_config for the cut-down sample under root (see sample_campaign)."""
    return edit_config(config_path(root).parent)


def set_value(config: MutableMapping[str, Any], dotted_key: str, value: Any) -> None:
    """config["a"]["b"]["c"] = value for "a.b.c", making the tables on the way that are missing."""
    *tables, key = dotted_key.split(".")
    for name in tables:
        if name not in config:
            config[name] = tomlkit.table()
        config = config[name]  # the table as stored (a dict set into a document is copied)
    config[key] = value


def add_waiver(
    config: MutableMapping[str, Any],
    check: str,
    *,
    language: str = "*",
    by: str = "Coordinator",
    reason: str = "Checked by hand.",
    date: datetime.date = datetime.date(2026, 11, 30),
    **scope: Any,
) -> None:
    """A [[waivers]] entry, as a coordinator writes one (scope: message=..., target=...)."""
    waiver = {"check": check, "language": language, **scope, "by": by, "reason": reason, "date": date}
    if "waivers" not in config:
        config["waivers"] = tomlkit.aot()
    config["waivers"].append(waiver)


def without_videos(config: MutableMapping[str, Any]) -> None:
    """The sample makes a captioned video of every spoken spot (seconds of encoding each):
    tests of other things build it without them; tests of videos ask for them."""
    if "share_cards" in config:
        config["share_cards"]["video"] = False


_last_outputs: dict[str, Path] = {}  # per series of cases: the output folder its last case left


@contextmanager
def last_output_carried(series: str, root: Path) -> Iterator[None]:
    """The cases of one series build into the output folder the case before left (moved to
    root/output), as a user edits a campaign and builds again in the same folder: a job whose
    every input is the same as the case before's is taken from it (release/reuse.py keys a
    job by everything it depends on: texts, settings, voices, fonts, code), a changed one is
    made. A build must be right from any output folder it finds, so each case still tests
    what it tests; what the case before made from the same inputs is not made again. The
    campaign (sources, catalogs, releases) stays each case's own. A case run alone starts
    from no output, as before."""
    last = _last_outputs.get(series)
    if last is not None and last.is_dir() and not (root / "output").exists():
        shutil.move(str(last), str(root / "output"))
    try:
        yield
    finally:
        _last_outputs[series] = root / "output"


def config_path(root: Path) -> Path:
    return root / "content" / SAMPLE / "campaign.toml"


def catalog(root: Path, tag: str) -> Path:
    return root / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{SAMPLE}.po"


def sample_campaign(
    root: Path,
    *,
    languages: Sequence[str] = ("es",),
    formats: Sequence[str] = ("letter",),
    sheets: Sequence[Sequence[str]] = (),
    spots: Sequence[Mapping[str, Any]] | str | None = None,
    share_cards: Sequence[str] | None = None,
) -> Path:
    """content/help-is-here/campaign.toml and the sample catalogs of `languages` under root.

    spots: the [[spots]] tables, as data or as the TOML of [[spots]] tables (None keeps the
    sample's 30 s spot, () has none).
    share_cards: the share cards' shapes (None keeps the sample's square and story, () draws
    none: a test of the radio folder reads no card, and each is drawn, checked and written).
    Returns the campaign folder.
    """
    cards = None if share_cards is None else tuple(share_cards)
    key = (tuple(languages), tuple(formats), tuple(map(tuple, sheets)), repr(spots), cards)
    if key not in _sample_texts:
        _sample_texts[key] = _sample_text(languages, formats, sheets, spots, share_cards)
    text = _sample_texts[key]
    # Approved once, with its catalogs: an approval of the config alone read and signed the
    # whole campaign once more, to be replaced by the approval of the same lines below.
    with one_approval(root):
        folder = write_config(config_path(root).parent, text)
        for item in SAMPLE_CONFIG.parent.iterdir():  # the files the config points at (the logo)
            if item.is_dir():
                shutil.copytree(item, folder / item.name, dirs_exist_ok=True)
        for tag in languages:
            if tag != "en":
                catalog(root, tag).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(
                    PROJECT / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{SAMPLE}.po", catalog(root, tag)
                )
    return folder


# The cut-down sample's campaign.toml for each set of sample_campaign's arguments, made once
# per process (a tenth of a second of TOML editing, asked for hundreds of times a run).
_sample_texts: dict[tuple, str] = {}


def _sample_text(
    languages: Sequence[str],
    formats: Sequence[str],
    sheets: Sequence[Sequence[str]],
    spots: Sequence[Mapping[str, Any]] | str | None,
    share_cards: Sequence[str] | None,
) -> str:
    config = parsed(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    config["languages"] = list(languages)
    config["flyer"]["formats"] = list(formats)
    without_videos(config)
    if share_cards is not None:
        config["share_cards"]["shapes"] = list(share_cards)
    config["flyer"]["multilingual"] = [list(sheet) for sheet in sheets]
    # Pronunciation notes for languages the cut-down campaign leaves out would name
    # languages it does not have (an error, as in a real campaign.toml).
    kept = {*languages, "en"}
    notes = config["delivery"]["pronunciation"]
    for tag in [tag for tag in notes if tag not in kept]:
        del notes[tag]
    # Likewise live reads of languages the campaign leaves out.
    if "live_reads" in config["delivery"]:
        config["delivery"]["live_reads"] = [t for t in config["delivery"]["live_reads"] if t.partition("/")[0] in kept]
    # And the sample's waivers for languages it leaves out.
    if "waivers" in config:
        kept_waivers = [w for w in config["waivers"] if w["language"] in (*kept, "*")]
        del config["waivers"]
        if kept_waivers:
            config["waivers"] = tomlkit.aot()
            config["waivers"].extend(kept_waivers)
    if isinstance(spots, str):
        spots = tomlkit.parse(spots).unwrap().get("spots", [])
    if spots is not None:
        old_ids = {spot["id"] for spot in config["spots"]}
        del config["spots"]
        if spots:
            config["spots"] = [dict(spot) for spot in spots]
        # Waivers of spots the campaign no longer books would name a spot it does not have.
        gone = old_ids - {spot.get("id") for spot in spots}
        if "waivers" in config and any(w.get("target") in gone for w in config["waivers"]):
            kept_waivers = [w for w in config["waivers"] if w.get("target") not in gone]
            del config["waivers"]
            if kept_waivers:
                config["waivers"] = tomlkit.aot()
                config["waivers"].extend(kept_waivers)
    return tomlkit.dumps(config)


def set_translation(
    root: Path, tag: str, message_id: str, text: str, *, fuzzy: bool = False, raw: bool = False
) -> None:
    """Replace one msgstr in a catalog, as a translator's tool would save it; raw: text is the
    msgstr exactly as it stands between the quotes in the file (escapes and all)."""
    path = catalog(root, tag)
    po = path.read_text(encoding="utf-8")
    escaped = text if raw else text.replace("\\", "\\\\").replace('"', '\\"')
    pattern = re.compile(
        rf'((?:#[^\n]*\n)*)(msgctxt "{re.escape(message_id)}"\nmsgid (?:"(?:[^"\\\n]|\\.)*"\n)+)msgstr (?:"[^\n]*"\n?)+'
    )
    match = pattern.search(po)
    assert match, f"{message_id} not in {path}"
    comments = match.group(1)
    if fuzzy and "#, fuzzy" not in comments:
        comments += "#, fuzzy\n"
    po = po[: match.start()] + comments + match.group(2) + f'msgstr "{escaped}"\n' + po[match.end() :]
    path.write_text(po, encoding="utf-8")
    approve_written(config_path(root).parent)


def translated_edition(campaign, tag: str, translations: dict[str, str], state: str = "translated"):
    """A language of `campaign` in which the given messages carry these translations (in
    `state`) and the rest are untranslated: a translator's catalog, without a file."""
    from campaigngen.catalogs.localized import UNTRANSLATED, LocalizedCampaign

    texts = {mid: m.text for mid, m in campaign.messages.items()}
    status = {mid: UNTRANSLATED for mid in campaign.messages}
    for mid, text in translations.items():
        texts[mid], status[mid] = text, state
    return LocalizedCampaign(campaign, campaign.language(tag), texts, status, submitted=dict(translations))
