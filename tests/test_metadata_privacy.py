"""Published files carry no personal data: no translator from a PO header, no local path,
no user or host name, in any file's bytes or in what is compressed inside it."""

from __future__ import annotations

import getpass
import json
import socket
import struct
from pathlib import Path

import pytest
from publish_helpers import TRANSLATOR, TRANSLATOR_EMAIL, expanded_blobs, real_release

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return real_release(tmp_path_factory)


def forbidden(release: Path) -> list[str]:
    project_root = release.parents[2]  # <root>/releases/demo/1
    words = [
        TRANSLATOR,
        TRANSLATOR_EMAIL,
        "jane@",
        str(project_root),
        str(PROJECT),
        "/tmp/",
        "/root/",
        str(Path.home()) + "/",
        f"{getpass.getuser()}@",
    ]
    if len(socket.gethostname()) >= 6:
        words.append(socket.gethostname())
    return words


@pytest.mark.slow
def test_the_catalog_really_credits_the_translator(release):
    po = release.parents[2] / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    text = po.read_text(encoding="utf-8")
    assert f"Last-Translator: {TRANSLATOR} <{TRANSLATOR_EMAIL}>" in text  # so the scan below means something


@pytest.mark.slow
def test_no_name_email_or_local_path_in_any_published_byte(release):
    leaks = []
    words = forbidden(release)
    for path in sorted(p for p in release.rglob("*") if p.is_file()):
        for label, blob in expanded_blobs(path):
            for word in words:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if word.encode(encoding) in blob:
                        leaks.append(f"{path.relative_to(release)} [{label}] holds {word!r} ({encoding})")
    assert not leaks, "\n".join(leaks)


def _wav_chunks(path: Path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    chunks, offset = {}, 12
    while offset + 8 <= len(data):
        name, size = data[offset : offset + 4], struct.unpack("<I", data[offset + 4 : offset + 8])[0]
        chunks[name] = data[offset + 8 : offset + 8 + size]
        offset += 8 + size + (size & 1)
    return chunks


@pytest.mark.slow
def test_metadata_fields_name_no_person(release):
    user = getpass.getuser()
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["artifacts"]:
        path = release / entry["path"]
        if path.suffix == ".mp3":
            from mutagen.id3 import ID3, ID3NoHeaderError

            try:
                tags = ID3(path)
            except ID3NoHeaderError:
                continue
            for frame in tags.values():
                text = str(frame)
                assert TRANSLATOR not in text and user + "@" not in text and "/" + user not in text, frame
        elif path.suffix == ".wav":
            bext = _wav_chunks(path).get(b"bext")
            if bext:
                originator = bext[256:288].rstrip(b"\0").decode("ascii", "replace")
                assert originator.lower() not in (user.lower(), socket.gethostname().lower()), originator
                assert TRANSLATOR.encode() not in bext
        elif path.suffix == ".pdf":
            raw = path.read_bytes()
            for key in (b"/Author", b"/Creator"):
                start = raw.find(key)
                if start >= 0:
                    value = raw[start : start + 80]
                    assert user.encode() + b"@" not in value and TRANSLATOR.encode() not in value, value


def _leaky_renderer(monkeypatch, text: str) -> None:
    from publish_helpers import fake_facts, fake_plan_jobs, install_fake_renderer

    import campaigngen.release.build as build

    install_fake_renderer(monkeypatch.setattr)

    def plan(snapshot):
        jobs, skipped = fake_plan_jobs(snapshot)

        def leak(folder, _snapshot):
            from campaigngen.renderers.artifacts import Artifact

            (folder / "es").mkdir(parents=True, exist_ok=True)
            sheet = folder / "es" / "notes.txt"
            sheet.write_bytes(b"\x00\x01" + text.encode("utf-16-le") + b" / " + text.encode("utf-8"))
            return [Artifact(sheet, "script-sheet", "es", "30s", fake_facts("script-sheet"))]

        return jobs + [build.Job("leak", leak, "es", "audio", "30s")], skipped

    monkeypatch.setattr(build, "plan_jobs", plan)


@pytest.mark.parametrize("leak", ["translator", "email", "project path", "user@host"])
def test_publish_refuses_a_renderer_that_leaks(tmp_path, monkeypatch, leak):
    from cli_kit import cli_runner
    from publish_helpers import make_project

    from campaigngen.cli import main

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    text = {
        "translator": f"Translated by {TRANSLATOR}",
        "email": TRANSLATOR_EMAIL,
        "project path": f"{tmp_path}/locales/es/LC_MESSAGES/demo.po",
        "user@host": f"{getpass.getuser()}@{socket.gethostname()}",
    }[leak]
    _leaky_renderer(monkeypatch, text)
    result = cli_runner().invoke(main, ["publish", "demo"])
    assert result.exit_code == 1, result.stderr
    assert "es/notes.txt contains" in result.stderr and "nothing was published" in result.stderr
    releases = tmp_path / "releases" / "demo"
    assert not releases.exists() or sorted(p.name for p in releases.iterdir()) == []


def test_a_url_that_merely_looks_like_a_path_is_not_a_leak(tmp_path, monkeypatch):
    from cli_kit import cli_runner
    from publish_helpers import make_project

    from campaigngen.cli import main

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    _leaky_renderer(monkeypatch, "https://example.org/tmp/help")
    result = cli_runner().invoke(main, ["publish", "demo"])
    assert result.exit_code == 0, result.stderr
