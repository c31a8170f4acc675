"""Every message the studio can show, in the user's words: each page in each state it can be
in (a failing line, an untranslated one, a refused form, a conflict, a page that cannot be
drawn, the check report), and every sentence its templates and handlers hold, read as a person
reads them (not inside "Details", which keeps the technical line one click away) and checked
for words only the terminal speaks: setting paths of campaign.toml, file names of fonts and
catalogs, library names, script codes and bare language codes.

CAMPAIGNGEN_UPDATE_MESSAGES=1 writes the list to docs/studio-messages.md."""

from __future__ import annotations

import ast
import html
import os
import re
from pathlib import Path

import pytest
from campaign_kit import sample_campaign, set_translation
from studio_helpers import CAMPAIGN, catalog_hash_of, csrf_of, form_fields, studio_client

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")

STUDIO = Path(__file__).resolve().parents[1] / "campaigngen" / "studio"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "studio-messages.md"

_TABLES = "contact|flyer|brand|radio|traffic|delivery|messages|spots|print|review|waivers|recordings|sheets|text_line"
_ENGLISH_WORDS = {"am", "my", "so", "hi", "to", "be", "he", "is", "it", "in", "on", "or", "as", "at", "an", "no", "id"}
JARGON = {
    "a setting's path in campaign.toml": re.compile(rf"\b(?:{_TABLES})\.[a-z_]+"),
    "a file name": re.compile(r"\b[\w-]+\.(?:ttf|otf|ttc|toml|pot?|mo)\b|LC_MESSAGES|\bPO file"),
    "a library's name": re.compile(
        r"\b(?:INFLESZ|LIX|espeak(?:-ng)?|argos\w*|Babel|phonenumbers|libphonenumber|pyloudnorm|ffmpeg|Poedit|msgfmt|gTTS)\b",
        re.I,
    ),
    "a script code": re.compile(r"\b(?:Latn|Hans|Hant|Arab|Cyrl|Deva|Kore|Ethi|Mymr|Hebr|Beng|Jpan|Thaa)\b"),
    "a command": re.compile(
        r"\bcampaigngen (?:new|extract|approve|approvals|check|build|publish|keys|waive|translate)\b"
    ),
}


def _language_codes() -> re.Pattern[str]:
    from campaigngen.studio.workspace import language_matrix

    tags = {row["tag"] for row in language_matrix()} | {"en", "es-419", "pt-br", "cmn"}
    short = sorted((t for t in tags if t.lower() not in _ENGLISH_WORDS), key=len, reverse=True)
    alone = "|".join(re.escape(t) for t in short)
    # A code standing for a language: alone, in brackets, or listed with commas.
    return re.compile(rf"(?:^|[(\[,]\s*)(?:{alone})(?=\s*(?:$|[)\],]))|\b(?:zh-Hans|zh-Hant|es-419|pt-br)\b")


def shown_text(page_html: str) -> list[str]:
    """The text nodes a person reads without opening anything: not Details, not scripts, not
    what a translator or the campaign wrote (elements carrying lang=, form values)."""
    body = re.sub(r"<details class=\"detail\".*?</details>", " ", page_html, flags=re.S)
    body = re.sub(r"<(script|style|textarea|title)\b.*?</\1>", " ", body, flags=re.S)
    for _ in range(3):  # nested lang= elements
        body = re.sub(r"<(?!html\b)(\w+)\b[^>]*\blang=\"[^\"]*\"[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<code\b[^>]*>.*?</code>", " ", body, flags=re.S)  # ids and placeholders as typed
    nodes = (re.sub(r"\s+", " ", html.unescape(t)).strip() for t in re.split(r"<[^>]+>", body))
    return [n for n in nodes if len(n) > 1]


def _visit(client, root) -> dict[str, list[str]]:
    """Each page in each state it can be in, by what a person did to get there."""
    seen: dict[str, list[str]] = {}

    def get(what: str, path: str) -> str:
        response = client.get(path)
        assert response.status_code < 500, (path, response.text)
        seen[what] = shown_text(response.text)
        return response.text

    get("the list of campaigns", "/")
    get("a new campaign", "/new")
    get("the campaign form", f"/c/{CAMPAIGN}/settings")
    get("the campaign form after creating", f"/c/{CAMPAIGN}/settings?created=1")
    page = get("the campaign form", f"/c/{CAMPAIGN}/settings")
    fields = form_fields(page, f"/c/{CAMPAIGN}/settings")
    for name, value in (("contact.region", "USA"), ("contact.phone", "555"), ("flyer.formats", [])):
        refused = client.post(f"/c/{CAMPAIGN}/settings", data={**fields, name: value, "csrf_token": csrf_of(page)})
        seen[f"the campaign form refusing {name}"] = shown_text(refused.text)
    new = client.get("/new").text
    refused = client.post("/new", data={"csrf_token": csrf_of(new), "id": "../x", "contact.phone": "12"})
    seen["a new campaign refused"] = shown_text(refused.text)
    get("the languages to translate", f"/c/{CAMPAIGN}/translate")
    for tag in ("es", "ar", "vi"):
        translate = get(f"translating into {tag}", f"/c/{CAMPAIGN}/translate/{tag}")
    translate = client.get(f"/c/{CAMPAIGN}/translate/es").text
    headers = {"X-CSRF-Token": csrf_of(translate), "HX-Request": "true"}
    typed = client.post(f"/c/{CAMPAIGN}/translate/es/check/help", data={"text": "x" * 90}, headers=headers)
    seen["a line checked as typed"] = shown_text(typed.text)
    conflict = client.post(
        f"/c/{CAMPAIGN}/translate/es/save/help", data={"text": "Hola", "sha256": "0" * 64}, headers=headers
    )
    seen["a conflict"] = shown_text(conflict.text)
    saved = client.post(
        f"/c/{CAMPAIGN}/translate/es/save/free",
        data={"text": "Gratis.", "sha256": catalog_hash_of(translate)},
        headers=headers,
    )
    seen["a saved line"] = shown_text(saved.text)
    for tag in ("es", "ar", "vi"):
        get(f"the preview in {tag}", f"/c/{CAMPAIGN}/preview?lang={tag}&format=letter")
    get("the people page, nobody signing in", "/people")
    get("the languages, their drafts and voices", "/languages")
    languages = client.get("/languages").text
    refused = client.post(
        "/install/model", data={"csrf_token": csrf_of(languages)}, files={"file": ("m.argosmodel", b"not a model")}
    )
    seen["a model file refused"] = shown_text(refused.text)
    get("the first-run page", "/setup")
    get("the languages to approve", f"/c/{CAMPAIGN}/approve")
    for tag in ("en", "es"):
        get(f"approving {tag}", f"/c/{CAMPAIGN}/approve/{tag}")
    get("check and publish", f"/c/{CAMPAIGN}/check")
    get("the check report", f"/c/{CAMPAIGN}/check/report")
    return seen


def _template_sentences() -> list[tuple[str, str]]:
    """Every template's own words: its text with the Jinja expressions and tags taken out."""
    out = []
    for template in sorted((STUDIO / "templates").glob("*.html")):
        source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", template.read_text(encoding="utf-8"), flags=re.S)
        out.extend((template.name, text) for text in shown_text(source))
    return out


def _handler_sentences() -> list[tuple[str, str]]:
    """The words the studio's Python hands a page: title=, text= and problem texts."""
    out = []
    for module in sorted(STUDIO.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg in ("title", "text") and isinstance(node.value, ast.Constant):
                out.append((module.name, str(node.value.value)))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem":
                out.extend(
                    (module.name, a.value)
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
    return out


def _jargon(text: str, codes: re.Pattern[str]) -> list[str]:
    found = [f"{what}: {m.group(0)!r}" for what, rule in JARGON.items() for m in rule.finditer(text)]
    return found + [f"a bare language code: {m.group(0)!r}" for m in codes.finditer(text)]


@pytest.fixture
def root(tmp_path) -> Path:
    sample_campaign(tmp_path, languages=("es", "ar", "vi"), formats=("letter",), spots=())
    set_translation(tmp_path, "es", "call", "Llame al {phone} o llame al 555-0100")  # fails, cannot be drawn
    set_translation(tmp_path, "vi", "help", "")  # not translated
    return tmp_path


def test_every_message_the_studio_shows_is_in_the_users_words(root):
    codes = _language_codes()
    with studio_client(root) as client:
        pages = _visit(client, root)
    shown = [(where, text) for where, texts in pages.items() for text in texts] + _handler_sentences()
    messages = shown + _template_sentences()
    found = sorted({f"{where}: {text!r} has {problem}" for where, text in messages for problem in _jargon(text, codes)})
    assert found == [], "\n".join(found)
    if os.environ.get("CAMPAIGNGEN_UPDATE_MESSAGES"):
        unique = sorted({text for _, text in shown})
        DOCS.write_text(
            "# Every message the studio shows\n\nWritten by tests/test_studio_words.py "
            "(CAMPAIGNGEN_UPDATE_MESSAGES=1), which checks each for jargon: setting paths, "
            "file names, library names, script codes and bare language codes. The technical line "
            "behind each (under Details) is not listed.\n\n" + "".join(f"- {text}\n" for text in unique),
            encoding="utf-8",
        )


@pytest.mark.parametrize(
    "text, words",
    [
        ("line 16 contact.phone '555'", "a setting's path"),
        ("NotoSansCJK-Regular.ttc #2", "a file name"),
        ("Szigriszt-Pazos perspicuity (INFLESZ)", "a library's name"),
        ("espeak-ng es-419", "a library's name"),
        ("Latn", "a script code"),
        ("Spanish (es)", "a bare language code"),
        ("en, es, ar", "a bare language code"),
        ("number letter letter [es]", "a bare language code"),
        ("translate it in Poedit", "a library's name"),
        ("Save campaign.toml", "a file name"),
    ],
)
def test_the_jargon_rules_catch_what_people_were_shown(text, words):
    assert any(words in problem for problem in _jargon(text, _language_codes()))


def test_the_jargon_rules_let_plain_words_through():
    for text in (
        "Spanish",
        "the phone number is not valid for the United States",
        "So it prints as DRAFT",
        "Noto Sans",
    ):
        assert _jargon(text, _language_codes()) == []


def test_every_choice_on_the_campaign_form_is_in_words_not_its_code(root):
    """What campaign.toml holds ("ebu-r128", "dual-mono", 48000) is never what a choice says,
    alone or in front of its words; a number carries its unit."""
    with studio_client(root) as client:
        page = client.get(f"/c/{CAMPAIGN}/settings").text
    choices = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', page)
    choices += re.findall(r'<input type="checkbox" name="[^"]+" value="([^"]+)"[^>]*>\s*([^<]*?)\s*</label>', page)
    assert len(choices) > 40
    coded = [
        (value, label)
        for value, label in choices
        if label.strip() == value or label.startswith(f"{value}:") or re.fullmatch(r"[\d.]+", label.strip())
    ]
    assert coded == []
    said = dict(choices)
    assert said["ebu-r128"] == "EBU R128 / Tech 3341: -23 LUFS" and said["48000"] == "48 kHz"
