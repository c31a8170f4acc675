"""PO round trip: files from Poedit, Weblate and msgmerge are read without loss and
rewritten by `campaigngen extract` with the smallest diff (byte-identical when nothing changed)."""

from __future__ import annotations

import difflib

import pytest
from campaign_kit import edit_config
from click.testing import CliRunner
from conftest import MINIMAL, write_campaign

from campaigngen.catalogs.po import entries_by_id, read_catalog, write_catalog
from campaigngen.cli import main
from campaigngen.exceptions import InputError

# As Poedit 3 saves it: licence comment, extra headers, Plural-Forms, lines wrapped at 79
# columns, a translator comment, a fuzzy entry with its previous source (#|), and an obsolete
# entry with its own previous source (#~|), which Babel's reader rejects.
POEDIT = """\
# Spanish translation of the demo campaign.
# Copyright (C) 2026 Outreach volunteers
# Ana Pérez <ana@example.org>, 2026.
#
msgid ""
msgstr ""
"Project-Id-Version: demo 0.1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2026-11-01 09:00+0000\\n"
"PO-Revision-Date: 2026-11-20 10:12+0100\\n"
"Last-Translator: Ana Pérez <ana@example.org>\\n"
"Language-Team: Spanish <es@example.org>\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4.2\\n"
"X-Poedit-SourceCharset: UTF-8\\n"

# Revisado por Ana: tono cálido y directo, tuteo como en los otros carteles de
# la campaña.
#. Max length: 60 characters.
#, max-length:60
msgctxt "headline"
msgid "Is someone forcing you to work?"
msgstr ""
"¿Alguien te obliga "
"a trabajar?"

#. Keep {phone} exactly as written: they become the contact details.
#, fuzzy, python-brace-format
#| msgid "Phone {phone}"
msgctxt "call"
msgid "Call {phone}"
msgstr "Llama al {phone}"

#~| msgid "Help is free."
#~ msgctxt "extra"
#~ msgid "Help is free and private."
#~ msgstr ""
#~ "La ayuda es gratis "
#~ "y privada."
"""

PO_PATH = ("locales", "es", "LC_MESSAGES", "demo.po")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def place(root, text: str, *, crlf: bool = False, bom: bool = False):
    path = root.joinpath(*PO_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


@pytest.mark.parametrize("crlf, bom", [(False, False), (True, False), (False, True), (True, True)])
def test_poedit_file_is_read_without_loss(demo, crlf, bom):
    catalog = read_catalog(place(demo, POEDIT, crlf=crlf, bom=bom))
    assert str(catalog.locale) == "es" and catalog.num_plurals == 2
    entries = entries_by_id(catalog)
    headline, call = entries["headline"], entries["call"]
    assert headline.string == "¿Alguien te obliga a trabajar?"  # wrapped lines joined
    assert headline.user_comments == [
        "Revisado por Ana: tono cálido y directo, tuteo como en los otros carteles de",
        "la campaña.",
    ]
    assert headline.auto_comments == ["Max length: 60 characters."] and "max-length:60" in headline.flags
    assert "fuzzy" in call.flags and list(call.previous_id) == ["Phone {phone}"]
    assert call.user_comments == []  # '#|' is the previous source, not a translator comment
    (obsolete,) = catalog.obsolete.values()
    assert obsolete.context == "extra" and obsolete.string == "La ayuda es gratis y privada."
    assert list(obsolete.previous_id) == ["Help is free."]


@pytest.mark.parametrize("crlf, bom", [(False, False), (True, False), (False, True), (True, True)])
def test_extract_leaves_an_unchanged_catalog_byte_identical(demo, crlf, bom):
    path = place(demo, POEDIT, crlf=crlf, bom=bom)
    before = path.read_bytes()
    result = run("extract", "demo")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before


def test_a_changed_source_touches_only_its_entry(demo):
    path = place(demo, POEDIT, crlf=True, bom=True)
    before = path.read_bytes().decode("utf-8-sig").splitlines()
    with edit_config(demo / "content" / "demo") as config:
        config["messages"]["headline"]["text"] = "Is someone making you work?"
    result = run("extract", "demo")
    assert "es: 'headline'" in result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")  # style kept
    after = raw.decode("utf-8-sig").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # Only the headline entry differs: new msgid, fuzzy flag, the old source as '#|'.
    assert all(("headline" not in line) for line in changed), changed
    assert '+#| msgid "Is someone forcing you to work?"' in changed
    assert '+msgid "Is someone making you work?"' in changed
    assert '-msgid "Is someone forcing you to work?"' in changed
    # Every changed line belongs to the headline entry (its msgstr is re-wrapped, nothing else).
    (headline_entry,) = [chunk for chunk in POEDIT.split("\n\n") if 'msgctxt "headline"' in chunk]
    headline_lines = set(headline_entry.splitlines())
    assert all(line[1:] in headline_lines for line in changed if line.startswith("-")), changed
    for untouched in POEDIT.split("\n\n"):
        if "headline" not in untouched:
            assert untouched.strip("\n") in "\n".join(after)
    # Header (X-Generator, revision date), the other entries and the obsolete one are untouched.
    text = "\n".join(after)
    assert '"X-Generator: Poedit 3.4.2\\n"' in text and "2026-11-20 10:12+0100" in text
    assert '#~| msgid "Help is free."' in text and '#| msgid "Phone {phone}"' in text
    entries = entries_by_id(read_catalog(path))
    assert entries["headline"].string == "¿Alguien te obliga a trabajar?" and "fuzzy" in entries["headline"].flags


def test_a_new_translation_changes_only_that_entry(demo):
    path = place(demo, POEDIT)
    catalog = read_catalog(path)
    entry = entries_by_id(catalog)["call"]
    entry.string = "Llama gratis al {phone}"
    entry.flags.discard("fuzzy")
    entry.previous_id = ()
    write_catalog(path, catalog)
    diff = [
        line
        for line in difflib.unified_diff(POEDIT.splitlines(), path.read_text("utf-8").splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(diff) == sorted(
        [
            "-#, fuzzy, python-brace-format",
            '-#| msgid "Phone {phone}"',
            '-msgstr "Llama al {phone}"',
            "+#, python-brace-format",
            '+msgstr "Llama gratis al {phone}"',
        ]
    )


WEBLATE = """\
msgid ""
msgstr ""
"Project-Id-Version: demo\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;\\n"
"X-Generator: Weblate 5.8\\n"

#. Max length: 60 characters.
#, max-length:60
msgctxt "headline"
msgid "Is someone forcing you to work?"
msgstr "Кто-то заставляет вас работать?"

msgctxt "days"
msgid "{n} day"
msgid_plural "{n} days"
msgstr[0] "{n} день"
msgstr[1] "{n} дня"
msgstr[2] "{n} дней"
"""


def test_weblate_plural_forms_and_plural_entries(tmp_path):
    path = tmp_path / "ru.po"
    path.write_text(WEBLATE, encoding="utf-8")
    catalog = read_catalog(path)
    assert catalog.num_plurals == 3
    days = entries_by_id(catalog)["days"]
    assert days.id == ("{n} day", "{n} days") and days.string == ("{n} день", "{n} дня", "{n} дней")
    write_catalog(path, catalog)
    assert path.read_text(encoding="utf-8") == WEBLATE


@pytest.mark.parametrize(
    "broken, line",
    [
        ('msgctxt "headline"\nmsgid "Is someone forcing you to work?\nmsgstr "x"\n', 2),
        ('#~ msgctxt "extra"\n#~ msgid "Old\n#~ msgstr "x"\n', 2),
        ('msgctxt "a"\nmsgid "A"\nmsgstr "1"\n\nmsgctxt "a"\nmsgid "A"\nmsgstr "2"\n', 5),
    ],
)
def test_broken_files_name_the_line_and_nothing_is_written(demo, broken, line):
    path = place(demo, broken)
    with pytest.raises(InputError) as caught:
        read_catalog(path)
    assert caught.value.line == line and str(path) in str(caught.value)
    result = CliRunner().invoke(main, ["extract", "demo"])
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == broken


def test_files_from_the_old_babel_writer_and_templates_stay_byte_identical(demo):
    """Catalogs written before this reader existed (Babel's layout, trailing blank line) and a
    template rewritten with write_catalog keep every byte when nothing changed."""
    import io

    from babel.messages.pofile import write_po

    from campaigngen.catalogs.po import build_template, template_path
    from campaigngen.sources.campaign import load_campaign

    assert run("extract", "demo").exit_code == 0
    campaign = load_campaign("demo")
    for path, catalog in (
        (demo.joinpath(*PO_PATH), read_catalog(demo.joinpath(*PO_PATH))),
        (template_path(campaign), build_template(campaign)),
    ):
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=76, omit_header=False, include_previous=True)
        path.write_bytes(buffer.getvalue())
        write_catalog(path, catalog)
        assert path.read_bytes() == buffer.getvalue(), path


def test_the_committed_sample_catalogs_round_trip_byte_identical(tmp_path):
    from pathlib import Path

    samples = sorted((Path(__file__).resolve().parent.parent / "locales").glob("*/LC_MESSAGES/*.po"))
    if not samples:
        pytest.skip("no sample catalogs in this checkout")
    for sample in samples:
        copy = tmp_path / sample.parent.parent.name / sample.name
        copy.parent.mkdir(parents=True)
        copy.write_bytes(sample.read_bytes())
        write_catalog(copy, read_catalog(copy))
        assert copy.read_bytes() == sample.read_bytes(), sample


def test_any_text_survives_write_then_read(tmp_path):
    """Quotes, backslashes, tabs, newlines, long lines and any script come back unchanged."""
    from babel.messages.catalog import Catalog
    from hypothesis import given, settings
    from hypothesis import strategies as st

    # EOT (U+0004) is the one character gettext cannot carry in a string: refused, tested below.
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x04"), max_size=200)

    @settings(max_examples=150)
    @given(
        source=text.filter(bool),
        translation=text,
        comment=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60),
    )
    def check(source, translation, comment):
        path = tmp_path / "any.po"
        path.unlink(missing_ok=True)
        catalog = Catalog(locale="es", fuzzy=False)
        catalog.add(source, translation, context="m", user_comments=[comment.strip()] if comment.strip() else [])
        write_catalog(path, catalog)
        entry = entries_by_id(read_catalog(path))["m"]
        assert (entry.id, entry.string) == (source, translation)
        # A second write over the first changes nothing.
        before = path.read_bytes()
        write_catalog(path, read_catalog(path))
        assert path.read_bytes() == before

    check()


def test_a_removed_message_becomes_obsolete_once_and_then_stays_put(demo):
    path = place(
        demo, POEDIT.replace('#, fuzzy, python-brace-format\n#| msgid "Phone {phone}"\n', "#, python-brace-format\n")
    )
    with edit_config(demo / "content" / "demo") as config:
        del config["messages"]["call"]
        config["flyer"]["action"] = []
        config["spots"][0]["script"] = ["headline"]
    assert run("extract", "demo").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert '#~ msgctxt "call"' in text and '#~ msgstr "Llama al {phone}"' in text
    assert '#~ msgctxt "extra"' in text  # the older obsolete entry is still there
    once = path.read_bytes()
    assert run("extract", "demo").exit_code == 0
    assert path.read_bytes() == once


def test_a_write_naming_the_bytes_it_read_is_refused_once_they_changed(tmp_path):
    from campaigngen.catalogs.po import catalog_from_bytes, file_sha256
    from campaigngen.exceptions import CatalogChanged

    path = tmp_path / "es.po"
    path.write_text(POEDIT, encoding="utf-8")
    opened = path.read_bytes()
    catalog = catalog_from_bytes(path, opened)
    entries_by_id(catalog)["headline"].string = "¿Te obligan a trabajar?"
    meanwhile = POEDIT.replace("Revisado por Ana", "Revisado por Luis")
    path.write_text(meanwhile, encoding="utf-8")  # Poedit saved in between
    with pytest.raises(CatalogChanged) as refused:
        write_catalog(path, catalog, expect_sha256=file_sha256(opened))
    assert refused.value.current_sha256 == file_sha256(meanwhile.encode("utf-8"))
    assert path.read_text(encoding="utf-8") == meanwhile
    assert write_catalog(path, catalog, expect_sha256=file_sha256(meanwhile.encode("utf-8")))
    assert "¿Te obligan a trabajar?" in path.read_text(encoding="utf-8")


def test_text_gettext_cannot_carry_is_refused_before_writing(tmp_path):
    from babel.messages.catalog import Catalog

    from campaigngen.exceptions import InputError

    catalog = Catalog(locale="es", fuzzy=False)
    catalog.add("Call {phone}", "Llame\t\x04 al {phone}", context="call")
    path = tmp_path / "es.po"
    with pytest.raises(InputError, match="EOT") as caught:
        write_catalog(path, catalog)
    assert "'call'" in caught.value.format_message() and not path.exists()
