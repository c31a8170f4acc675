"""fsync_tree syncs what a power cut could otherwise lose before a folder is renamed into
view: every file written inside it, once per inode, and every folder; not the files a build
reused from the build before (their data was synced when that one was swapped in)."""

from __future__ import annotations

import os
from pathlib import Path


def _synced(monkeypatch, root: Path) -> tuple[list[str], list[str]]:
    import campaigngen.atomic as atomic

    files: list[str] = []
    folders: list[str] = []

    def record(path: Path, directory: bool = False) -> None:
        (folders if directory else files).append(Path(path).relative_to(root).as_posix())

    monkeypatch.setattr(atomic, "fsync_path", record)
    atomic.fsync_tree(root)
    return sorted(files), sorted(folders)


def test_a_file_with_its_bundle_twin_is_synced_once_and_reused_files_are_not(tmp_path, monkeypatch):
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "kept.png").write_bytes(b"reused from the last build")
    root = tmp_path / "release"
    (root / "es").mkdir(parents=True)
    (root / "radio" / "es").mkdir(parents=True)
    (root / "es" / "alone.pdf").write_bytes(b"one name")
    (root / "es" / "spot.wav").write_bytes(b"two names, both inside")
    os.link(root / "es" / "spot.wav", root / "radio" / "es" / "spot.wav")
    os.link(previous / "kept.png", root / "es" / "kept.png")  # a name outside root too
    os.symlink("es/alone.pdf", root / "link.pdf")

    files, folders = _synced(monkeypatch, root)

    # The WAV and its bundle twin share an inode: its data is synced once, under either name.
    assert len(files) == 2 and "es/alone.pdf" in files
    assert len({"es/spot.wav", "radio/es/spot.wav"} & set(files)) == 1
    assert "es/kept.png" not in files and "link.pdf" not in files
    assert folders == [".", "es", "radio", "radio/es"]
