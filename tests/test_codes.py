"""Codes, plain words and detail: every finding and error says what happened three ways.

The code list is one module (campaigngen/codes.py) and one page (docs/codes.md); every code the
code base gives a finding or an error is on it, and the sentence a translator or outreach
worker reads names no setting, font file, library or language tag.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
from pathlib import Path

import pytest
from campaign_kit import translated_edition
from cli_kit import cli_runner

from campaigngen import checknames, codes
from campaigngen.checks.findings import Finding, finding_of
from campaigngen.cli import main
from campaigngen.exceptions import (
    CampaignGenError,
    ChecksFailed,
    InputError,
    InvalidCampaign,
    LayoutFitError,
    SpotTooLong,
    UserFacingError,
)
from campaigngen.sources.campaign import load_campaign

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "campaigngen"
_CODE_SHAPE = re.compile(r"[a-z]+\.[a-z0-9-]+")


def _codes_written_in(tree: ast.AST) -> set[str]:
    """String constants given as a code: `code="..."` arguments (and the expressions they
    hold), `code = "..."` class attributes, the values of tables named *CODE*, and what a
    function named *code* returns."""
    found: set[str] = set()

    def strings(node: ast.AST) -> set[str]:
        """Constants shaped like a code ("area.what"): keys and measure names are not codes."""
        return {
            n.value
            for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and _CODE_SHAPE.fullmatch(n.value)
        }

    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "code":
            found |= strings(node.value)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if node.value is not None and "code" in names:
                found |= strings(node.value)
            elif node.value is not None and any("CODE" in name for name in names):
                if isinstance(node.value, ast.Dict):
                    found |= {v for value in node.value.values for v in strings(value)}
        elif isinstance(node, ast.FunctionDef) and "code" in node.name:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found |= strings(inner.value)
    return found


def _codes_in_package() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py" and path.parent == PACKAGE:
            continue
        for code in _codes_written_in(ast.parse(path.read_text(encoding="utf-8"))):
            used.setdefault(code, set()).add(path.relative_to(PROJECT).as_posix())
    return used


def test_every_code_the_code_base_gives_is_on_the_documented_list():
    used = _codes_in_package()
    assert len(used) >= 60, sorted(used)
    unknown = {code: where for code, where in used.items() if code not in codes.CODES}
    assert not unknown, f"codes missing from campaigngen/codes.py: {unknown}"


def test_every_code_on_the_list_is_given_somewhere():
    """The list documents what happens, not what might: a code nobody gives is a stale line."""
    assert set(codes.CODES) - set(_codes_in_package()) == set()


def test_the_docs_page_is_the_list():
    page = (PROJECT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert page == codes.markdown(), "docs/codes.md is stale: python -m campaigngen.codes > docs/codes.md"


def test_every_error_class_has_a_listed_code_and_codes_name_real_checks():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    assert all(cls.code in codes.CODES for cls in subclasses(UserFacingError))
    assert all(code.check in checknames.ALL for code in codes.CODES.values() if code.check is not None)
    assert all(_CODE_SHAPE.fullmatch(name) for name in codes.CODES)


# --------------------------------------------------------------------------- plain words

# What a translator or outreach worker must never have to read in a plain sentence.
_KEY_PATH = re.compile(r"\b[A-Za-z_]+(?:\.[A-Za-z_]+)+\b")  # brand.colours.panel, campaign.toml, radio.recordings
_FONT_FILE = re.compile(r"\.(?:ttf|otf|ttc)\b|\bNoto", re.IGNORECASE)
_LIBRARIES = re.compile(
    r"\b(?:espeak|espeak-ng|piper|gtts|argos\w*|babel|icu|harfbuzz|uharfbuzz|raqm|pillow|pypdf|pdfium|zxing"
    r"|libphonenumber|phonenumbers|lame|ffmpeg|resvg|tomlkit|fonttools|mecab|wordfreq|click|msgfmt|gettext)\b",
    re.IGNORECASE,
)
_TAGS = ("es", "zh-Hans", "vi", "ar", "en", "ko", "ru")


def _assert_plain(sentence: str, tags=_TAGS) -> None:
    assert sentence and sentence[0].isupper(), sentence
    assert not _KEY_PATH.search(sentence), sentence
    assert not _FONT_FILE.search(sentence), sentence
    assert not _LIBRARIES.search(sentence), sentence
    for tag in tags:
        assert not re.search(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", sentence), (tag, sentence)
    assert "{" not in sentence.replace("{phone}", ""), sentence  # every blank filled in


@pytest.fixture(scope="module")
def campaign():
    return load_campaign(PROJECT / "content" / "help-is-here")


def _real_findings(campaign) -> list[Finding]:
    """Findings as the checks make them, from hostile and careless translations."""
    from campaigngen.checks.glyphs import glyph_findings
    from campaigngen.checks.integrity import integrity_findings
    from campaigngen.checks.readability import print_findings
    from campaigngen.checks.translation import completeness_findings, length_findings

    hostile = translated_edition(
        campaign,
        "es",
        {
            "call": "Llama al +1 (888) 555-0100 o escribe a ayuda@example.org {phon}",
            "help": "Usted puede recibir ayuda.\u202e",
            "language": "Hablamos su idioma. Visite bit(.)ly/ayuda",
        },
    )
    wordy = translated_edition(
        campaign,
        "es",
        {
            "free": "La llamada es gratis y privada y nadie sabrá nada de usted ni de su familia ni de sus amigos "
            "ni de su trabajo ni de su casa ni de sus papeles, nunca, jamás.",
            "name": "No tiene que dar su nombre.",
        },
    )
    russian = translated_edition(campaign, "ru", {"help": "Вы можете пoлучить помощь."})  # a Latin o
    chinese = translated_edition(campaign, "zh-Hans", {"help": "您可以获得帮助\U0001fae8。"}, state="fuzzy")
    return [
        *integrity_findings(hostile),
        *integrity_findings(russian),
        *completeness_findings(wordy),
        *completeness_findings(chinese),
        *length_findings(wordy),
        *print_findings(wordy),
        *glyph_findings(chinese),
    ]


def test_real_findings_carry_a_listed_code_their_check_and_detail(campaign):
    findings = _real_findings(campaign)
    got = {f.code for f in findings}
    assert {
        "number.added",
        "address.added",
        "placeholders.differ",
        "text.hidden-characters",
        "text.look-alike-letters",
        "translation.untranslated",
        "translation.needs-review",
        "translation.too-long",
        "reading.long-sentence",
        "glyphs.missing",
    } <= got, got
    for finding in findings:
        assert codes.CODES[finding.code].check == finding.check, finding
        as_json = finding.to_json()
        assert as_json["code"] == finding.code and as_json["plain"] == finding.plain
        assert json.loads(json.dumps(as_json)) == as_json  # detail is plain data


def test_plain_sentences_of_real_findings_are_in_the_readers_words(campaign):
    findings = _real_findings(campaign)
    names = {"es": "Spanish", "ru": "Russian", "zh-Hans": "Chinese"}
    for finding in findings:
        _assert_plain(finding.plain)
        if "{language}" in codes.CODES[finding.code].plain:
            assert names[finding.language] in finding.plain, finding.plain
    # The technical line still says where: file and line for the translator's editor.
    added = next(f for f in findings if f.code == "number.added")
    assert "LC_MESSAGES" in added.text or "no catalog yet" in added.text
    assert added.detail["value"] and "file" in added.detail


@pytest.mark.parametrize("group", ["es", "zh-Hans", "en+es+vi", "*"])
@pytest.mark.parametrize("target", [None, "wallet", "multilingual", "30s"])
def test_every_findings_sentence_reads_plainly_for_any_language_and_piece(group, target):
    for code in codes.CODES.values():
        finding = Finding(code.check or "render", group, "headline", "technical", target=target, code=code.name)
        _assert_plain(finding.plain)
    sheet = Finding("layout-fit", "en+es+vi", "help", "x", target="multilingual", code="layout.too-long")
    assert "English, Spanish and Vietnamese" in sheet.plain and "multilingual sheet" in sheet.plain


def test_every_errors_sentence_reads_plainly():
    for name in codes.CODES:
        _assert_plain(CampaignGenError("technical", code=name).plain)
    config = InputError(Path("content/demo/campaign.toml"), "unknown setting 'brand.colour'", line=3)
    catalog = InputError(Path("locales/es/LC_MESSAGES/demo.po"), "unterminated string", line=12)
    assert (config.code, catalog.code) == ("config.invalid", "catalog.unusable")
    for error in (config, catalog):
        _assert_plain(error.plain)
        assert error.detail["line"] in (3, 12) and error.detail["file"].endswith((".toml", ".po"))


# --------------------------------------------------------------------------- errors without click


def test_domain_errors_need_no_command_line_library():
    assert not any(issubclass(cls, Exception) and cls.__module__.startswith("click") for cls in UserFacingError.__mro__)
    error = LayoutFitError(format_name="wallet", language="es", message_id="help", detail="2 lines too many")
    assert (error.exit_code, error.code, error.check) == (1, "layout.too-long", "layout-fit")
    assert error.detail["message_id"] == "help" and error.format_message().startswith("wallet [es]")


def test_errors_travel_between_processes_whole():
    error = SpotTooLong(spot_id="30s", language="es", measured_s=31.5, booked_s=30)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is SpotTooLong and back.message == error.message
    assert (back.code, dict(back.detail), back.language, back.target) == (
        "spot.too-long",
        dict(error.detail),
        "es",
        "30s",
    )


def test_a_failed_check_becomes_a_finding_with_its_code_and_detail():
    error = SpotTooLong(spot_id="30s", language="es", measured_s=31.5, booked_s=30)
    finding = finding_of(error)
    assert (finding.check, finding.code, finding.target, finding.language) == (
        "spot-length",
        "spot.too-long",
        "30s",
        "es",
    )
    assert finding.detail["booked_s"] == 30 and "Spanish" in finding.plain
    generic = finding_of(ChecksFailed("something odd"), "vi", "letter")
    assert (generic.code, generic.language, generic.target) == ("check.failed", "vi", "letter")


def test_the_command_line_prints_one_line_and_under_json_the_error_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plain = cli_runner().invoke(main, ["check", "no-such-campaign"])
    assert plain.exit_code == 2 and plain.stdout == ""
    assert plain.stderr.startswith("error: no-such-campaign: no campaign.toml") and plain.stderr.count("\n") == 1
    as_json = cli_runner().invoke(main, ["check", "no-such-campaign", "--json"])
    assert as_json.exit_code == 2 and as_json.stderr == plain.stderr
    error = json.loads(as_json.stdout)["error"]
    assert error["code"] == "campaign.not-found" and error["exit_code"] == 2
    assert error["detail"]["file"] == "no-such-campaign" and error["text"] in plain.stderr
    _assert_plain(error["plain"])


def test_every_mistake_in_a_campaign_file_is_a_line_of_its_own(tmp_path):
    problems = [InputError(tmp_path / "campaign.toml", f"problem {n}", line=n) for n in (3, 7)]
    error = InvalidCampaign(problems)
    assert error.code == "config.invalid" and [p["line"] for p in error.detail["problems"]] == [3, 7]
    assert error.lines()[:2] == (
        f"error: {tmp_path}/campaign.toml:3: problem 3",
        f"error: {tmp_path}/campaign.toml:7: problem 7",
    )


def test_the_findings_cache_keeps_code_and_detail_and_recomputes_what_lacks_a_code(tmp_path, monkeypatch):
    from campaigngen.release import findings_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(findings_cache, "_memory", {})
    made = Finding(
        "max-length",
        "es",
        "help",
        "60 characters, limit 50",
        detail={"value": 60, "limit": 50},
        code="translation.too-long",
    )
    calls = []

    def compute():
        calls.append(1)
        return [made]

    assert findings_cache.cached_findings("translation", "ab" * 32, compute) == [made]
    monkeypatch.setattr(findings_cache, "_memory", {})
    [back] = findings_cache.cached_findings("translation", "ab" * 32, compute)
    assert len(calls) == 1 and back == made and back.plain == made.plain
    # A file kept by a version whose findings had no codes is not this version's to read.
    stored = findings_cache.cache_dir() / "cd" / ("translation-" + "cd" * 32 + ".json")
    stored.parent.mkdir(parents=True)
    old = {k: v for k, v in made.to_json().items() if k not in ("code", "plain")}
    stored.write_text(json.dumps([old]), encoding="utf-8")
    assert findings_cache.cached_findings("translation", "cd" * 32, compute) == [made] and len(calls) == 2
