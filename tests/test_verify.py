"""verify: a partner or a coordinator re-checks a release folder against its manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_kit import cli_runner
from publish_helpers import install_fake_renderer, make_project, writable

from campaigngen.cli import main


@pytest.fixture
def release(tmp_path, monkeypatch) -> Path:
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    install_fake_renderer(monkeypatch.setattr)
    result = cli_runner().invoke(main, ["publish", "demo", "--version", "1"])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "releases" / "demo" / "1"


def verify(path: Path):
    return cli_runner().invoke(main, ["verify", str(path)])


def test_untouched_release_verifies_through_latest_too(release):
    for path in (release, release.parent / "latest"):
        result = verify(path)
        assert result.exit_code == 0, result.stdout
        files = json.loads((release / "manifest.json").read_text())["files"]
        assert f"{len(files)} files match" in result.stdout


def test_missing_changed_and_extra_files_are_named_exit_1(release):
    (writable(release) / "es" / "letter.pdf").unlink()
    with (release / "radio.zip").open("ab") as handle:
        handle.write(b"\0")
    (release / "en" / "notes.txt").write_text("left behind")
    result = verify(release)
    assert result.exit_code == 1
    assert "missing  es/letter.pdf" in result.stdout
    assert "changed  radio.zip" in result.stdout
    assert "extra    en/notes.txt" in result.stdout
    assert "1 missing, 1 changed, 1 extra" in result.stdout
    assert "does not match its manifest" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_same_size_change_is_caught_by_the_hash(release):
    target = writable(release) / "en" / "spot-30s.txt"
    data = bytearray(target.read_bytes())
    data[0] ^= 0x20
    target.write_bytes(bytes(data))
    result = verify(release)
    assert result.exit_code == 1 and "changed  en/spot-30s.txt" in result.stdout


def test_bundle_links_are_checked_like_any_file(release):
    manifest = json.loads((release / "manifest.json").read_text())
    listed = {entry["path"] for entry in manifest["files"]}
    assert {"print.zip", "radio.zip", "print/README.txt", "radio/README.txt", "index.html"} <= listed
    bundled = release / "print" / "letter" / "demo_letter_es.pdf"
    assert bundled.read_bytes() == (release / "es" / "letter.pdf").read_bytes()


def test_not_a_release_exit_2(release, tmp_path):
    for path in (tmp_path / "nowhere", tmp_path / "content"):
        result = verify(path)
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    build_like = tmp_path / "build-like"
    shutil.copytree(release, build_like)
    data = json.loads((build_like / "manifest.json").read_text())
    del data["release"]
    (build_like / "manifest.json").write_text(json.dumps(data))
    result = verify(build_like)
    assert result.exit_code == 2 and "not a release one" in result.stderr
