"""A build with nothing changed answers from the last build's manifest: it writes nothing,
loads no renderer, and says what that build said; any change to anything the build was made
from (a catalog, a new file, an output, the code, a voice, the keyring, the languages asked
for) sends it the full way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from campaign_kit import sample_campaign, set_translation
from cli_kit import cli_runner

from campaigngen.cli import main
from campaigngen.release import findings_cache, keys
from campaigngen.release.unchanged import STAMP_KEY

pytestmark = pytest.mark.slow


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def state(out: Path) -> tuple[int, int, int]:
    """The output folder and its manifest as the file system knows them: a build that
    writes anything swaps in a new folder with a new manifest."""
    manifest = (out / "manifest.json").stat()
    return out.stat().st_ino, manifest.st_ino, manifest.st_mtime_ns


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("noop-first")
    cache = tmp_path_factory.mktemp("noop-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.setattr(findings_cache, "_memory", {})
        # No share cards: nothing here reads them, and the flyer's and the spot's files
        # stand for every output the stamp covers (each drawn again by every test whose
        # change sends the build the full way).
        sample_campaign(root, languages=("es",), formats=("wallet",), share_cards=())
        assert run("build", "help-is-here").exit_code == 0
    return root, cache


@pytest.fixture
def built(first_build, tmp_path, monkeypatch):
    """A project just built in this test's environment: a copy of the first build, built
    once more (everything reused), so its manifest holds this environment's stamp."""
    root, cache = first_build
    project = tmp_path / "project"
    shutil.copytree(root, project, symlinks=True)
    shutil.copytree(cache, os.environ["XDG_CACHE_HOME"], dirs_exist_ok=True, symlinks=True)
    monkeypatch.chdir(project)
    result = run("build", "help-is-here")
    assert result.exit_code == 0, result.stderr
    out = project / "output" / "help-is-here"
    assert STAMP_KEY in json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return project, out, result


def test_nothing_changed_nothing_is_written_and_the_same_is_said(built):
    project, out, first = built
    before = state(out)
    again = run("build", "help-is-here")
    assert again.exit_code == 0
    assert state(out) == before
    assert again.stdout == first.stdout
    assert "ready" in again.stdout and "manifest  " in again.stdout


def test_a_noop_build_loads_no_renderer_and_reads_no_catalog(built):
    project, out, _ = built
    probe = (
        "import sys\n"
        "from campaigngen.cli import main\n"
        "try:\n"
        "    main(['build', 'help-is-here'], standalone_mode=False)\n"
        "finally:\n"
        "    loaded = [m for m in sys.modules if m.split('.')[1:2] in (['renderers'], ['catalogs'], ['checks'])]\n"
        "    print('LOADED', loaded, file=sys.stderr)\n"
    )
    before = state(out)
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr
    assert state(out) == before


def _edit_catalog(project: Path, out: Path) -> None:
    set_translation(project, "es", "help", "Puede recibir ayuda ahora mismo.")


def _touch_catalog(project: Path, out: Path) -> None:
    po = next((project / "locales" / "es").rglob("*.po"))
    os.utime(po)


def _new_catalog(project: Path, out: Path) -> None:
    (project / "locales" / "vi" / "LC_MESSAGES").mkdir(parents=True)
    (project / "locales" / "vi" / "LC_MESSAGES" / "other.po").write_text("", encoding="utf-8")


def _new_top_level_file(project: Path, out: Path) -> None:
    (project / "languages.toml").write_text("", encoding="utf-8")


def _edit_campaign(project: Path, out: Path) -> None:
    config = project / "content" / "help-is-here" / "campaign.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _delete_output(project: Path, out: Path) -> None:
    next(out.rglob("*.png")).unlink()


def _edit_output(project: Path, out: Path) -> None:
    pdf = next(out.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"\n")


def _install_voice(project: Path, out: Path) -> None:
    folder = Path(os.environ["CAMPAIGNGEN_VOICES_DIR"]) / "es_ES-test"
    folder.mkdir(parents=True)
    (folder / "es_ES-test.onnx").write_bytes(b"not really a voice")


@pytest.mark.parametrize(
    "change",
    [
        _edit_catalog,
        _touch_catalog,
        _new_catalog,
        _new_top_level_file,
        _edit_campaign,
        _delete_output,
        _edit_output,
        _install_voice,
    ],
)
def test_any_change_builds_the_full_way(built, change):
    project, out, _ = built
    before = state(out)
    time.sleep(0.01)  # a file system with coarse times still sees the change
    change(project, out)
    result = run("build", "help-is-here")
    assert result.exit_code == 0, result.stderr
    assert state(out) != before
    # ... and the build it made stands for the next one
    after = state(out)
    assert run("build", "help-is-here").exit_code == 0
    assert state(out) == after


def test_another_keyring_code_version_or_language_choice_builds_the_full_way(built, monkeypatch, tmp_path):
    project, out, _ = built
    before = state(out)
    assert run("build", "help-is-here", "--lang", "es").exit_code == 0
    assert state(out) != before

    before = state(out)
    same_keys = tmp_path / "same-keys"
    shutil.copy(os.environ["CAMPAIGNGEN_KEYRING"], same_keys)
    monkeypatch.setenv("CAMPAIGNGEN_KEYRING", str(same_keys))
    assert run("build", "help-is-here", "--lang", "es").exit_code == 0
    assert state(out) != before

    before = state(out)
    monkeypatch.setattr(keys, "code_version", lambda: "another version")
    assert run("build", "help-is-here", "--lang", "es").exit_code == 0
    assert state(out) != before


def test_the_stamp_counts_every_input_the_snapshot_read(built):
    """Whatever the snapshot hashes (campaign, catalogs, approvals, fonts, recordings) lies
    in a folder the stamp walks or is one of its files."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.sources.campaign import load_campaign

    project, out, _ = built
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))[STAMP_KEY]
    snapshot = take_snapshot(load_campaign("help-is-here"))
    assert len(snapshot.inputs) > 3
    for name in snapshot.inputs:
        path = (Path(name) if Path(name).is_absolute() else project / name).resolve()
        assert (
            str(path) in recorded["files"]
            or any(path.is_relative_to(tree) for tree in recorded["trees"])
            or str(path.parent) in recorded["shallow"]
        ), name


def test_a_keyring_window_ends_the_stamp(built):
    project, out, _ = built
    manifest_path = out / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    data[STAMP_KEY]["valid_until"] = time.time() - 1  # a reviewer's key stopped counting a second ago
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    before = state(out)
    assert run("build", "help-is-here").exit_code == 0
    assert state(out) != before
