"""The gate's promise, over mutated campaigns: `check` exit 0 means `build` and `publish`
exit 0. Each case changes a small sample campaign the way people do (long translations,
typos, a shorter booking, a new sheet, waivers, settings) and runs the commands for real."""

from __future__ import annotations

import random
import shutil
import wave
from pathlib import Path

import pytest
from campaign_kit import (
    add_waiver,
    config_path,
    one_approval,
    sample_campaign,
    sample_config,
    set_translation,
)
from cli_kit import cli_runner
from warm_audio import share_kept_work

from campaigngen.cli import main

CASES = 30
# The publishable cases' seeds (random.Random(f"publishable-{seed}")), at least ten: together
# they draw every change in PUBLISHABLE, and no two draw the same project. Seeds 0-9 drew
# a_tight_limit_waived in none, and 7 drew what 5 did (offline_voice_only alone, so its build
# and publish were 5's again); 32 in its place draws a_tight_limit_waived.
PUBLISHABLE_SEEDS = (0, 1, 2, 3, 4, 5, 6, 32, 8, 9)
PUBLISHABLE_CASES = len(PUBLISHABLE_SEEDS)
LONG = (
    "Nadie le dirá a su jefe ni a la policía que usted llamó para pedir ayuda, y puede "
    "llamar a cualquier hora del día o de la noche"
)


def long_translation(root, rng):
    set_translation(
        root, rng.choice(["es", "ar"]), rng.choice(["headline", "help", "free"]), " ".join([LONG] * rng.randint(1, 3))
    )


def placeholder_typo(root, rng):
    set_translation(
        root,
        "es",
        "call",
        rng.choice(
            [
                "Llame al {phon}",
                "Llame al {{phone}}",
                "Llame {phone} {phone}",
                "Llame al {text_number}",
                "Llame al número",
            ]
        ),
    )


def fuzzy_line(root, rng):
    set_translation(root, rng.choice(["es", "ar"]), "help", "Ayuda.", fuzzy=True)


def added_number(root, rng):
    set_translation(root, "es", "free", "La llamada es gratis. WhatsApp: 1-8OO-3O7-O1O9")


def another_booking(root, rng):
    with sample_config(root) as config:
        config["spots"][0]["seconds"] = rng.choice([10, 15, 60])


def longer_script(root, rng):
    script = rng.choice(
        [
            ["headline", "free", "name", "language", "call", "again"],
            ["headline", "help", "free", "name", "language", "hours", "call", "again"],
        ]
    )
    with sample_config(root) as config:
        config["spots"][0]["script"] = script


def another_preset(root, rng):
    preset = rng.choice(["atsc-a85", "prss", "streaming", "streaming", "ebu-r129"])
    with sample_config(root) as config:
        config["radio"]["preset"] = preset


def another_engine(root, rng):
    order = rng.choice([["gtts"], ["gtts", "espeak"], ["espek"]])
    with sample_config(root) as config:
        config["radio"]["engines"]["default"] = order


def a_sheet(root, rng):
    sheet = rng.choice([["en", "es"], ["en", "es", "ar"], ["es", "ar", "en", "fr"]])
    with sample_config(root) as config:
        config["flyer"]["multilingual"] = [sheet]


def more_formats(root, rng):
    another = rng.choice(["letter", "tearoff", "wallet", "poster"])
    with sample_config(root) as config:
        config["flyer"]["formats"] = ["wallet", another]


def tight_max_length(root, rng):
    limit = rng.choice([12, 35, 45, 45])
    with sample_config(root) as config:
        limited = [message for message in config["messages"].values() if "max_length" in message]
        for message in limited[: rng.randint(1, 4)]:  # the first few, in the file's order
            message["max_length"] = limit


def a_waiver(root, rng):
    check = rng.choice(
        [
            "max-length",
            "layout-fit",
            "spot-length",
            "reading-level",
            "reading-level-speech",
            "placeholders",
            "max-lenght",
        ]
    )
    scope = rng.choice([{}, {"target": "wallet"}, {"target": "30s"}, {"target": "multilingual"}])
    language = rng.choice(["es", "*", "ar"])
    with sample_config(root) as config:
        add_waiver(config, check, language=language, **scope)


def a_recording(root, rng):
    name = rng.choice(["es.wav", "missing.wav"])
    if name == "es.wav":
        with wave.open(str(config_path(root).parent / name), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes(
                b"".join(
                    int(8000 * ((i // 40) % 2 * 2 - 1)).to_bytes(2, "little", signed=True)
                    for i in range(16000 * rng.choice([2, 20]))
                )
            )
    with sample_config(root) as config:
        config["radio"]["recordings"] = {"es": name}


def untranslated_line(root, rng):
    set_translation(root, "ar", rng.choice(["headline", "call", "scan"]), "")


def long_url(root, rng):
    with sample_config(root) as config:
        config["contact"]["url"] = f"https://humantraffickinghotline.org/{'ayuda/' * rng.choice([3, 40])}"


def brand_changes(root, rng):
    """A pale brand colour, a small or broken logo, a pictogram or partner logo: findings or input errors."""
    from PIL import Image

    folder = config_path(root).parent
    choice = rng.choice(["pale", "small-logo", "not-a-logo", "partner", "pictogram"])
    if choice == "pale":
        with sample_config(root) as config:
            config["brand"]["colours"]["panel"] = rng.choice(["#7fd3e0", "#0c5460", "#ffffff"])
    elif choice in ("small-logo", "partner"):
        Image.new("RGB", (rng.choice([120, 2400]), 100), (200, 60, 40)).save(folder / "brand" / "logo.png")
        with sample_config(root) as config:
            if choice == "small-logo":
                config["brand"]["logo"] = "brand/logo.png"
            else:
                config["brand"]["partner_logos"] = ["brand/logo.png"]
    elif choice == "not-a-logo":
        (folder / "brand" / "logo.svg").write_text("<html>not an svg</html>", encoding="utf-8")
    else:
        with sample_config(root) as config:
            config["brand"]["pictograms"] = ["phone", "free", "24h", rng.choice(["confidential", "secret"])]


def crowded_sheet(root, rng):
    """Long translations on a sheet: kept on two pages, or lines left out with a finding."""
    with sample_config(root) as config:
        if not config["flyer"]["multilingual"]:
            config["flyer"]["multilingual"] = [["en", "es", "ar"]]
    if rng.random() < 0.7:
        set_translation(root, "es", rng.choice(["help", "free", "name"]), " ".join([LONG] * rng.randint(2, 4)))


MUTATIONS = [
    brand_changes,
    crowded_sheet,
    long_translation,
    placeholder_typo,
    fuzzy_line,
    added_number,
    another_booking,
    longer_script,
    another_preset,
    another_engine,
    a_sheet,
    more_formats,
    tight_max_length,
    a_waiver,
    a_recording,
    untranslated_line,
    long_url,
]


# Changes that keep the campaign publishable: check must still exit 0 after any of them.


def a_valid_preset(root, rng):
    with sample_config(root) as config:
        config["radio"]["preset"] = rng.choice(["atsc-a85", "prss", "streaming"])


def a_shorter_script(root, rng):
    with sample_config(root) as config:
        config["spots"][0]["script"] = rng.choice(
            [["headline", "call", "again"], ["headline", "free", "call", "again"]]
        )


def a_second_format(root, rng):
    with sample_config(root) as config:
        config["flyer"]["formats"] = ["wallet", rng.choice(["letter", "a4", "tabloid", "tearoff"])]


def a_sheet_that_fits(root, rng):
    with sample_config(root) as config:
        config["flyer"]["multilingual"] = [rng.choice([["en", "es"], ["en", "es", "ar"]])]


def a_tight_limit_waived(root, rng):
    with sample_config(root) as config:
        config["messages"]["help"]["max_length"] = 20  # the English is 17; the translations are longer
        add_waiver(config, "max-length", message="help", reason="Checked on the printed card: it fits.")


def a_pale_colour_waived(root, rng):
    with sample_config(root) as config:
        config["brand"]["colours"]["panel"] = "#7fd3e0"
        add_waiver(config, "brand-contrast", reason="The partner's colour, agreed for this run.")


def fewer_pictograms(root, rng):
    with sample_config(root) as config:
        config["brand"]["pictograms"] = rng.choice([["phone", "free"], ["phone", "24h", "language"], []])


def offline_voice_only(root, rng):
    with sample_config(root) as config:
        config["radio"]["engines"]["default"] = ["espeak"]


def another_site(root, rng):
    with sample_config(root) as config:
        config["contact"]["url"] = rng.choice(["https://example.org/help", "https://humantraffickinghotline.org/es"])


def stereo_playout(root, rng):
    with sample_config(root) as config:
        config["delivery"]["channels"] = "dual-mono"


def own_spot_codes(root, rng):
    with sample_config(root) as config:
        config["traffic"]["code_prefix"] = rng.choice(["NHTH", "HX"])
        config["delivery"]["live_read_cards"] = rng.choice(["all", "unvoiced"])


PUBLISHABLE = [
    a_valid_preset,
    a_shorter_script,
    a_second_format,
    a_sheet_that_fits,
    a_tight_limit_waived,
    a_pale_colour_waived,
    fewer_pictograms,
    offline_voice_only,
    another_site,
    stereo_playout,
    own_spot_codes,
]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One findings cache for every case of this module: each case meets what the cases before
    it left there (other campaigns' findings under other keys, the same languages' unchanged
    checks under the same), the "any cache state" the promise is about; and the unchanged
    languages are not laid out and spoken again for every case. Mastered spots and font
    subsets are the run's (tests/warm_audio.py)."""
    folder = tmp_path_factory.mktemp("findings-cache")
    share_kept_work(folder)
    return folder


@pytest.fixture(autouse=True)
def _cases_share_the_cache(shared_cache, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))


@pytest.fixture(scope="module")
def sample_output(shared_cache, tmp_path_factory) -> Path:
    """The output folder of the unchanged sample's build (es + ar (+ en), wallet, the 30 s
    spot), which every case starts from."""
    root = tmp_path_factory.mktemp("sample-build")
    sample_campaign(root, languages=("es", "ar"), formats=("wallet",))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("XDG_CACHE_HOME", str(shared_cache))
        built = run("build", "help-is-here")
    assert built.exit_code == 0, built.stderr
    return root / "output"


@pytest.fixture(autouse=True)
def _edits_a_built_sample(sample_output, tmp_path):
    """Each case changes a campaign that was built, and builds into the same output folder, as
    a user edits and builds again: a job whose every input is the same as the sample's is
    taken from that build (release/reuse.py keys a job by everything it depends on: texts,
    settings, voices, fonts, code), each job a change touches is made. The promise holds
    for any output folder the build finds, as for any cache state; the sample's own jobs
    are not rendered again for every case. Copied with their times, which reuse checks."""
    shutil.copytree(sample_output, tmp_path / "output", symlinks=True)


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: traceback {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _mutated_sample(root: Path, mutations, rng: random.Random) -> list[str]:
    # The test reviewer approves the campaign once, as the changes left it (campaign_kit.one_approval),
    # not after the sample and again after each change: the same final text is approved.
    with one_approval(root):
        sample_campaign(root, languages=("es", "ar"), formats=("wallet",))  # and the sample's 30 s spot
        applied = rng.sample(mutations, rng.randint(1, 3))
        for mutate in applied:
            mutate(root, rng)
    return [m.__name__ for m in applied]


def _build_and_publish_succeed(names: list[str], checked, version: str) -> None:
    built = run("build", "help-is-here")
    assert built.exit_code == 0, (names, checked.stdout, built.stdout, built.stderr)
    published = run("publish", "help-is-here", "--version", version)
    assert published.exit_code == 0, (names, published.stdout, published.stderr)
    assert run("verify", "releases/help-is-here/latest").exit_code == 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(CASES))
def test_check_exit_0_means_build_and_publish_succeed(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    monkeypatch.chdir(tmp_path)
    names = _mutated_sample(tmp_path, MUTATIONS, rng)
    checked = run("check", "help-is-here")
    assert checked.exit_code in (0, 1, 2), names
    if checked.exit_code == 0:
        _build_and_publish_succeed(names, checked, f"case-{seed}")
        return
    built = run("build", "help-is-here")
    if checked.exit_code == 2:
        assert built.exit_code == 2, (names, built.stderr)  # unusable input is unusable everywhere
    else:
        assert built.exit_code in (0, 1), (names, built.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("seed", PUBLISHABLE_SEEDS)
def test_after_changes_that_keep_it_publishable_check_exits_0_and_build_and_publish_succeed(
    tmp_path, monkeypatch, seed
):
    """The mixed cases above reach check exit 0 only now and then (4 of 30 seeds: 0, 9, 15,
    22), so these make sure the promise itself is exercised: at least PUBLISHABLE_CASES times,
    check must pass, and then build, publish and verify must too."""
    rng = random.Random(f"publishable-{seed}")
    monkeypatch.chdir(tmp_path)
    names = _mutated_sample(tmp_path, PUBLISHABLE, rng)
    checked = run("check", "help-is-here")
    assert checked.exit_code == 0, (names, checked.stdout, checked.stderr)
    _build_and_publish_succeed(names, checked, f"publishable-{seed}")
