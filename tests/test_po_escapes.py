"""PO escapes mean what GNU gettext says they mean.

A reviewer reads a catalog in Poedit or through gettext's own tools; flyers print what
campaigngen decoded. Each case is compiled by Debian's `msgfmt` and read back from the .mo
file, and campaigngen must decode the same string, or refuse the file (one line, file and
line, none of its contents) where msgfmt refuses it.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from campaign_kit import catalog, sample_campaign
from cli_kit import cli_runner

from campaigngen.catalogs.po import entries_by_id, read_catalog
from campaigngen.cli import main
from campaigngen.exceptions import InputError

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'


def po_file(folder: Path, msgstr_lines: list[str], charset: str = "UTF-8") -> Path:
    """A one-entry catalog; msgstr_lines are the quoted strings exactly as written in the file."""
    path = folder / "case.po"
    body = "\n".join(msgstr_lines)
    path.write_bytes(
        (HEADER.format(charset=charset) + f'msgctxt "m"\nmsgid "source"\nmsgstr {body}\n').encode(
            "latin-1" if charset != "UTF-8" else "utf-8"
        )
    )
    return path


def compile_mo(path: Path) -> bytes | None:
    """The .mo file msgfmt compiles from path, or None when msgfmt refuses it."""
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed (make setup installs it)")
    mo = path.with_suffix(".mo")
    done = subprocess.run(["msgfmt", "-o", str(mo), str(path)], capture_output=True, check=False)
    return mo.read_bytes() if done.returncode == 0 else None


def msgfmt(path: Path) -> tuple[bool, bytes | None]:
    """(accepted, msgstr bytes) as msgfmt compiled the one-entry catalog at path."""
    mo = compile_mo(path)
    # The raw bytes, not gettext.GNUTranslations: decoding would hide what msgfmt wrote.
    return (False, None) if mo is None else (True, _mo_msgstr(mo, b"m\x04source"))


def _mo_msgstr(data: bytes, key: bytes) -> bytes:
    """The translation of key in a little-endian .mo file (the format msgfmt writes here)."""
    _, _, count, ids_at, strs_at = struct.unpack("<5I", data[:20])
    for i in range(count):
        length, offset = struct.unpack("<2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        if data[offset : offset + length] == key:
            length, offset = struct.unpack("<2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
            return data[offset : offset + length]
    raise AssertionError(f"{key!r} not in the .mo file")


def decoded(path: Path) -> str:
    return entries_by_id(read_catalog(path))["m"].string


@pytest.mark.parametrize(
    "written",
    [
        r'"a\x35b"',  # every hex digit belongs to the escape: 0x35b -> 0x5b "["
        r'"\x35 and \x4A\x4b"',
        r'"\xc3\xa9t\xC3\xA9"',  # UTF-8 bytes of é
        r'"\x0000041"',  # only the low byte is kept
        r'"a\x04b"',  # not an EOT: 0x04b -> "K"
        r'"a\101b\1014"',  # octal: at most three digits
        r'"\60\061\0062"',
        r'"tab\there\nnew\rline\\ \"quoted\""',
        r'"\a\b\f\v"',
        r'"\342\202\254 euro"',  # octal UTF-8 bytes
        '"plain ünïcødé, nothing escaped"',
    ],
)
def test_escapes_decode_exactly_as_msgfmt_compiles_them(tmp_path, written):
    path = po_file(tmp_path, [written])
    accepted, compiled = msgfmt(path)
    assert accepted
    assert decoded(path) == compiled.decode("utf-8")


def test_escapes_in_a_latin1_catalog_are_bytes_of_latin1(tmp_path):
    path = po_file(tmp_path, [r'"caf\351 and \xe9t\xE9 and é"'], charset="ISO-8859-1")
    accepted, compiled = msgfmt(path)
    assert accepted
    assert decoded(path) == compiled.decode("latin-1") == "café and été and é"


@pytest.mark.parametrize(
    "written, column",
    [
        (r'"a\qb"', 3),
        (r'"\e[31m red"', 2),  # a terminal escape
        (r'"\u0041"', 2),
        (r'"it\'s"', 4),
        (r'"\xZZ"', 2),
        (r'"\?"', 2),
    ],
)
def test_escapes_msgfmt_refuses_are_refused_naming_file_line_and_column(tmp_path, written, column):
    path = po_file(tmp_path, ['""', '"first line "', written])
    accepted, _ = msgfmt(path)
    assert not accepted
    with pytest.raises(InputError) as raised:
        read_catalog(path)
    message = raised.value.format_message()
    assert message.startswith(f"{path}:8: column {column}: an escape sequence gettext does not know")
    assert "\n" not in message and written not in message and "first line" not in message


@pytest.mark.parametrize("written", [r'"\xff"', r'"\777"', r'"\xc3"', r'"ok \x7fe"'])
def test_escapes_that_make_invalid_utf8_are_refused(tmp_path, written):
    """msgfmt compiles these bytes, but no tool can show them as text: msgcat and msgunfmt
    report an invalid multibyte sequence. campaigngen refuses the file."""
    path = po_file(tmp_path, [written])
    with pytest.raises(InputError, match=r"case\.po:6: its escape sequences make bytes that are not utf-8 text"):
        read_catalog(path)


def test_an_escaped_eot_is_refused_like_msgfmt_does(tmp_path):
    path = po_file(tmp_path, [r'"a\004b"'])
    assert not msgfmt(path)[0]
    with pytest.raises(InputError, match="EOT"):
        read_catalog(path)


def test_an_escaped_nul_is_kept_and_reported_by_the_check(tmp_path, monkeypatch):
    """msgfmt silently cuts the line's string at \\0 ("Llame al " is published, the rest is gone)
    while other readers keep going: the text differs between tools, so check fails on it."""
    path = po_file(tmp_path, [r'"Llame al {phone}\0 o al 555 0100"'])
    accepted, compiled = msgfmt(path)
    assert accepted and compiled == b"Llame al {phone}"
    assert decoded(path) == "Llame al {phone}\x00 o al 555 0100"

    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    po = catalog(tmp_path, "es")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Llame al {phone}"', r'msgstr "Llame al {phone}\0"'), encoding="utf-8")
    result = cli_runner().invoke(main, ["check", "help-is-here", "--json"])
    assert result.exit_code == 1, result.stdout
    findings = [f for f in json.loads(result.stdout)["findings"] if f["check"] == "invisible-characters"]
    assert [(f["language"], f["message_id"]) for f in findings] == [("es", "call")]
    assert "U+0000" in findings[0]["text"]


def test_a_control_character_from_an_escape_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    po = catalog(tmp_path, "es")
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgstr "Usted puede recibir ayuda."', r'msgstr "Usted puede\b\b\b\x1b[8m recibir ayuda."'),
        encoding="utf-8",
    )
    result = cli_runner().invoke(main, ["check", "help-is-here"])
    assert result.exit_code == 1
    assert "es" in result.stdout and "U+0008" in result.stdout and "U+001B" in result.stdout


def test_check_names_the_file_and_line_of_a_refused_escape(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    po = catalog(tmp_path, "es")
    lines = po.read_text(encoding="utf-8").split("\n")
    number = lines.index('msgstr "Llame al {phone}"') + 1
    lines[number - 1] = r'msgstr "Llame al {phone} \q secreto"'
    po.write_text("\n".join(lines), encoding="utf-8")
    result = cli_runner().invoke(main, ["check", "help-is-here"])
    assert result.exit_code == 2
    error = result.stderr.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    assert f"help-is-here.po:{number}: column 26: an escape sequence gettext does not know" in error
    assert "secreto" not in error


def test_the_sample_catalogs_read_as_msgfmt_compiles_them(tmp_path):
    """Every msgstr of every committed catalog, as campaigngen reads it and as msgfmt compiles it."""
    catalogs = sorted((Path(__file__).resolve().parent.parent / "locales").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    for path in catalogs:
        copy = tmp_path / path.parts[-3] / "case.po"
        copy.parent.mkdir()
        copy.write_bytes(path.read_bytes())
        mo = compile_mo(copy)
        assert mo is not None, path
        for message in entries_by_id(read_catalog(copy)).values():
            key = f"{message.context}\x04{message.id}".encode()
            assert _mo_msgstr(mo, key).decode("utf-8") == message.string, (path, message.context)
