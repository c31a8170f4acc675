"""Inputs that are not ordinary files, or far too large, get one line and exit 2: never a hang
(a named pipe where a catalog should be), never a read without end (a catalog linked to
/dev/zero), never a whole oversized file in memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from campaign_kit import catalog, sample_campaign

from campaigngen.exceptions import InputError
from campaigngen.sources.input_files import CATALOG_LIMIT, read_input
from campaigngen.sources.media import read_media

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


def _check(root, *args: str) -> subprocess.CompletedProcess:
    """`campaigngen check` in its own process, with a deadline: a hang is a failure, not a stuck suite."""
    return subprocess.run(
        [sys.executable, "-m", "campaigngen", "check", "help-is-here", "--lang", "es", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and all(word in lines[0] for word in words), lines


def test_a_named_pipe_in_place_of_a_catalog_is_one_line_not_a_hang(tmp_path):
    sample_campaign(tmp_path, languages=("es",))
    po = catalog(tmp_path, "es")
    po.unlink()
    os.mkfifo(po)
    _one_clear_line(_check(tmp_path), "help-is-here.po", "named pipe", "not an ordinary file")


def test_a_catalog_linked_to_a_device_is_one_line_not_a_read_without_end(tmp_path):
    sample_campaign(tmp_path, languages=("es",))
    po = catalog(tmp_path, "es")
    po.unlink()
    po.symlink_to("/dev/zero")
    _one_clear_line(_check(tmp_path), "help-is-here.po", "device")


def test_a_catalog_larger_than_any_catalog_is_refused_before_it_is_read(tmp_path):
    sample_campaign(tmp_path, languages=("es",))
    po = catalog(tmp_path, "es")
    with po.open("r+b") as handle:
        handle.truncate(CATALOG_LIMIT + 1)  # sparse: no disk used, 16 MB and a byte to the reader
    _one_clear_line(_check(tmp_path), "help-is-here.po", "MB")


def test_read_input_takes_what_fits_and_refuses_what_does_not(tmp_path):
    small = tmp_path / "small.po"
    small.write_bytes(b"x" * 10)
    assert read_input(small, "catalog", 10) == b"x" * 10
    with pytest.raises(InputError, match="more than a catalog can be"):
        read_input(small, "catalog", 9)
    with pytest.raises(InputError, match="a folder"):
        read_input(tmp_path, "catalog", 10)
    with pytest.raises(FileNotFoundError):  # the caller words what is missing, as before
        read_input(tmp_path / "absent.po", "catalog", 10)


def test_a_named_pipe_as_a_recording_is_noted_not_waited_on(tmp_path):
    pipe = tmp_path / "es.wav"
    os.mkfifo(pipe)
    media = read_media(pipe, audio=True)
    assert media.data is None and "named pipe" in (media.problem or "")


def test_lists_nested_five_hundred_deep_are_one_line_not_a_recursion_traceback(tmp_path):
    from campaign_kit import config_path

    sample_campaign(tmp_path, languages=("es",))
    config = config_path(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "\n[extra]\nv = " + "[" * 500 + "]" * 500 + "\n")
    _one_clear_line(_check(tmp_path), "campaign.toml", "nested more than")


def test_a_font_list_nested_five_hundred_deep_is_one_line(tmp_path):
    from campaigngen.sources.fonts import load_manifest

    fonts = tmp_path / "fonts.toml"
    fonts.write_text("[families]\nx = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nested more than"):
        load_manifest(fonts)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_campaign_folder_whose_name_is_not_utf8_is_one_line_in_check_and_build_alike(tmp_path):
    folder = sample_campaign(tmp_path, languages=("es",))
    odd = os.fsencode(folder.parent) + b"/caf\xe9"
    os.rename(os.fsencode(folder), odd)
    for command in ("check", "build"):
        result = subprocess.run(
            [sys.executable, "-m", "campaigngen", command, os.fsdecode(odd), "--lang", "es"],
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
        )
        err = result.stderr.decode("utf-8")  # printable: the odd byte is shown as \\xe9
        assert result.returncode == 2 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1 and "caf\\xe9" in err and "not UTF-8" in err


@pytest.mark.parametrize(
    "svg, says",
    [
        (
            'width="200000" height="200"',
            "200000 x 200 px",
        ),
        (
            'viewBox="0 0 50000 50000"',
            "50000 x 50000",
        ),
        (
            'width="1in" height="100in"',
            "times as long",
        ),
    ],
)
def test_an_svg_logo_declaring_an_absurd_size_is_refused_before_it_is_drawn(tmp_path, svg, says):
    """resvg allocates the whole canvas first: 200000 px wide took the process down (exit 134)."""
    from campaigngen.sources.brand import logo_from

    path = tmp_path / "logo.svg"
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" {svg}><rect width="9" height="9"/></svg>', encoding="utf-8"
    )
    logo, problem = logo_from(read_media(path))
    assert logo is None and problem and says in problem, problem


def test_a_png_logo_of_twelve_thousand_pixels_square_is_refused_from_its_header(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # A header saying 12000 x 12000 and one tiny (broken) data chunk: never decoded.
    header = struct.pack(">IIBBBBB", 12000, 12000, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    path = tmp_path / "logo.png"
    path.write_bytes(png)
    from campaigngen.sources.brand import logo_from

    logo, problem = logo_from(read_media(path))
    assert logo is None and "12000 x 12000 px" in (problem or ""), problem


@pytest.mark.slow
def test_a_font_kept_outside_the_project_passes_check_and_publish_alike(tmp_path, monkeypatch):
    """check said 0, then publish refused: the manifest named the font by its local path
    (/tmp/..., /home/...), which the privacy gate treats as personal data."""
    import shutil

    from cli_kit import cli_runner

    from campaigngen.cli import main

    root = tmp_path / "project"
    root.mkdir()
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    shutil.copytree(Path(__file__).resolve().parent.parent / "fonts", root / "fonts")
    elsewhere = tmp_path / "my-fonts"
    elsewhere.mkdir()
    shutil.copy(root / "fonts" / "NotoSans-Regular.ttf", elsewhere / "NotoSans-Regular.ttf")
    manifest = root / "fonts" / "fonts.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            'regular = "NotoSans-Regular.ttf"', f'regular = "{elsewhere / "NotoSans-Regular.ttf"}"', 1
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    runner = cli_runner()
    checked = runner.invoke(main, ["check", "help-is-here"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    published = runner.invoke(main, ["publish", "help-is-here"])
    assert published.exit_code == 0, published.stdout + published.stderr
    sources = json.loads(next((root / "releases" / "help-is-here").glob("*/manifest.json")).read_text())["sources"]
    assert "fonts (outside the project)/NotoSans-Regular.ttf" in sources and not any(
        str(tmp_path) in k for k in sources
    )
