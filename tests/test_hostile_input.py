"""The hotline cannot be bent, output never lands on sources, a killed build never damages the
previous one, and a release's manifest is signed."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from campaign_kit import sample_campaign, sample_config
from cli_kit import cli_runner
from publish_helpers import ForkedHelper

from campaigngen.cli import main

RLO = "\u202e"


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    # No share cards: no test here reads one; the wallet flyers are the files a killed, full
    # or tampered build is judged by (and the killed-build test builds two dozen times).
    sample_campaign(tmp_path, languages=("es", "ar"), formats=("wallet",), spots=(), share_cards=())
    return tmp_path


# --------------------------------------------------------------------------- the hotline


def set_contact(root: Path, key: str, value: str) -> None:
    with sample_config(root) as config:
        config["contact"][key] = value


def test_a_direction_override_in_the_configured_phone_is_refused(root):
    set_contact(root, "phone", f"1-888-{RLO}373-7888")
    result = run("check", "help-is-here")
    assert result.exit_code == 2
    assert "contact.phone" in result.stderr and "U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    assert "campaign.toml:" in result.stderr and RLO not in result.stderr
    assert run("publish", "help-is-here").exit_code == 2
    assert not (root / "releases" / "help-is-here").exists()


def test_the_laid_out_number_is_read_back_even_if_the_config_were_bypassed(root, tmp_path):
    """Defence in depth: a Campaign built around the validation still cannot print a reordered number."""
    from campaigngen.catalogs.load import localize
    from campaigngen.exceptions import WrongNumberPrinted
    from campaigngen.renderers.flyer import fit_findings, render_flyer
    from campaigngen.sources.campaign import load_campaign

    campaign = load_campaign("help-is-here")
    bent = replace(campaign, contact=replace(campaign.contact, phone=f"1-888-{RLO}373-7888"))
    for tag in ("en", "ar"):
        edition = localize(bent, tag)
        with pytest.raises(WrongNumberPrinted, match="1-888-8887-373"):
            render_flyer(edition, "wallet", tmp_path / tag)
        assert not list((tmp_path / tag).glob("*")) if (tmp_path / tag).exists() else True
        assert [f.check for f in fit_findings(edition, "wallet")] == ["number"]


@pytest.mark.parametrize(
    "phone,why",
    [
        ("abc123xyz", "digits"),
        ("1-888-373-78889", "not a valid number"),
        ("555", "not a valid number"),
        ("1-888-373-7888 x", "digits"),
    ],
)
def test_a_phone_that_is_not_a_valid_number_is_refused(root, phone, why):
    set_contact(root, "phone", phone)
    result = run("check", "help-is-here")
    assert result.exit_code == 2 and why in result.stderr and "contact.phone" in result.stderr


def test_the_phone_is_printed_in_one_canonical_form(root):
    set_contact(root, "phone", "+1 (888) 373.7888")
    result = run("build", "help-is-here", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((root / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    call = next(m for m in manifest["languages"][0]["messages"] if m["id"] == "call")
    assert call["text"] == "Llame al 1-888-373-7888"


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/"><script>alert(1)</script>',
        "javascript:alert(1)",
        "https://good.org@evil.example/x",
        "https://localhost/",
        "https://exa mple.org",
    ],
)
def test_a_url_with_markup_or_a_hidden_host_is_refused(root, url):
    set_contact(root, "url", url)
    result = run("check", "help-is-here")
    assert result.exit_code == 2 and "contact.url" in result.stderr and "<script>" not in result.stdout


# --------------------------------------------------------------------------- output never touches sources


@pytest.mark.parametrize("out", ["content", "locales", "content/help-is-here", "locales/es"])
def test_output_inside_the_sources_is_refused_and_nothing_is_lost(root, out):
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    before.update({p: p.read_bytes() for p in (root / "locales").rglob("*") if p.is_file()})
    result = run("build", "help-is-here", "--lang", "es", "--out", out)
    assert result.exit_code == 2 and "holds the project's sources" in result.stderr
    after = {p: p.read_bytes() for p in [*(root / "content").rglob("*"), *(root / "locales").rglob("*")] if p.is_file()}
    assert after == before


def test_a_folder_campaigngen_did_not_make_is_never_replaced(root):
    (root / "mine" / "help-is-here").mkdir(parents=True)
    (root / "mine" / "help-is-here" / "holiday.jpg").write_bytes(b"photo")
    result = run("build", "help-is-here", "--out", "mine")
    assert result.exit_code == 2 and "was not made by campaigngen" in result.stderr
    assert (root / "mine" / "help-is-here" / "holiday.jpg").read_bytes() == b"photo"
    (root / "afile").write_text("x")
    result = run("build", "help-is-here", "--out", "afile")
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_a_full_disk_is_one_line_and_the_previous_build_survives(root, monkeypatch):
    assert run("build", "help-is-here").exit_code == 0
    out = root / "output" / "help-is-here"
    manifest = (out / "manifest.json").read_bytes()
    import campaigngen.release.build as build

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out.parent / ".help-is-here.build-x"))

    monkeypatch.setattr(build, "write_manifest", disk_full)
    os.utime(root / "content" / "help-is-here" / "campaign.toml")  # saved again: a build, not a no-op
    result = run("build", "help-is-here")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr and "--out" in result.stderr
    assert (out / "manifest.json").read_bytes() == manifest
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".help-is-here.build-")]


# --------------------------------------------------------------------------- killed builds


def _killed_build(root: Path, delay: float, kind: str) -> tuple[int, str]:
    """`build` in a child forked from this process (it has what a build imports already),
    SIGKILLed after delay seconds, or just before ("swap") or just after ("after-swap") it
    swaps the new build in. Returns the child's exit code (-SIGKILL when the kill landed)
    and the end of what it wrote to stderr."""
    import threading

    import campaigngen.release.outfolder as outfolder

    def build_and_be_killed() -> None:
        if kind == "random":
            threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
        else:
            real = outfolder._exchange

            def dying(a, b):
                if kind == "after-swap":
                    real(a, b)
                os.kill(os.getpid(), signal.SIGKILL)

            outfolder._exchange = dying
        main(["build", "help-is-here"], prog_name="campaigngen")

    child = ForkedHelper(build_and_be_killed, cwd=root, env=dict(os.environ), quiet=True)
    try:
        returncode = child.wait(120)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        raise AssertionError(f"a build to be killed ran over 120 s ({kind}, {delay})") from None
    return returncode, child.stderr.read()[-500:]


def _matches_its_manifest(out: Path) -> bool:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {a["path"]: a["sha256"] for a in manifest["artifacts"]}
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    return set(listed) == present and all(
        hashlib.sha256((out / path).read_bytes()).hexdigest() == digest for path, digest in listed.items()
    )


@pytest.mark.serial
@pytest.mark.slow
@pytest.mark.forks  # its render workers die with it
def test_a_build_killed_at_any_moment_never_damages_the_previous_one(root):
    """21 SIGKILLs: at random moments, and exactly at the swap (before and after it). Each
    time the output is a whole build that matches its manifest, and the next build cleans up.
    (A kill at the swap is the same build stopped at the same line each time: two of each,
    not four.)"""
    assert run("build", "help-is-here").exit_code == 0
    out = root / "output" / "help-is-here"

    def edited() -> None:  # a source edit: this build makes new files
        with sample_config(root) as config:
            config["messages"]["headline"]["text"] += " "

    def saved_again() -> None:  # a build that reuses its files (not a no-op, which writes nothing)
        os.utime(root / "content" / "help-is-here" / "campaign.toml")

    def seconds_of_a_build(change) -> float:
        change()
        started = time.monotonic()
        assert run("build", "help-is-here").exit_code == 0
        return time.monotonic() - started

    # A kill lands at a random moment of the build it interrupts: somewhere in as long as
    # the same kind of build takes whole on this machine now.
    lasts = {edited: seconds_of_a_build(edited), saved_again: seconds_of_a_build(saved_again)}
    rng = random.Random(7)
    kinds = ["random"] * 17 + ["swap"] * 2 + ["after-swap"] * 2
    outcomes = []
    for kind in kinds:
        change = edited if kind == "random" and rng.random() < 0.5 else saved_again
        change()
        delay = rng.uniform(0.02, 0.95) * lasts[change]
        returncode, stderr = _killed_build(root, delay, kind)
        outcomes.append(returncode)
        time.sleep(0.05)
        assert out.is_dir() and _matches_its_manifest(out), (kind, delay, stderr)
    assert outcomes.count(-signal.SIGKILL) >= 16  # the kills really landed (at most 5 random ones too late)
    leftovers = [p for p in out.parent.iterdir() if p.name.startswith(".help-is-here.build-")]
    assert leftovers  # killed builds left their scratch folders...
    assert run("build", "help-is-here").exit_code == 0
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".help-is-here.build-")]  # ...and now none
    assert _matches_its_manifest(out)


# --------------------------------------------------------------------------- signed releases


@pytest.mark.slow
def test_a_signed_manifest_catches_a_tampered_release(root, tmp_path_factory):
    from publish_helpers import change_with_its_hash

    keys = run("keys", "new")
    assert keys.exit_code == 0 and "fingerprint" in keys.stdout
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    public = config_home / "campaigngen" / "release-signing.pub"
    assert public.is_file() and oct((config_home / "campaigngen" / "release-signing.key").stat().st_mode)[-3:] == "600"
    assert run("keys", "new").exit_code == 2  # never overwritten

    published = run("publish", "help-is-here", "--version", "1")
    assert published.exit_code == 0 and "signed" in published.stdout
    release = root / "releases" / "help-is-here" / "1"
    assert run("verify", str(release), "--key", str(public)).exit_code == 0

    # Change a file and its hash in the manifest together: the hashes agree, the signature does not,
    # and verify says so whether or not it is given the key.
    change_with_its_hash(release, "es/flyer-wallet.png")
    for extra in ([], ["--key", str(public)]):
        result = run("verify", str(release), *extra)
        assert result.exit_code == 1 and "signature: BROKEN" in result.stdout, extra
        assert "signed by" not in result.stdout and len(result.stderr.strip().splitlines()) == 1

    # Another key cannot vouch for it either.
    other = tmp_path_factory.mktemp("elsewhere") / "k.key"
    assert run("keys", "new", "--out", str(other)).exit_code == 0
    assert run("verify", str(release), "--key", str(other.with_suffix(".pub"))).exit_code == 1


def test_a_private_key_is_not_made_inside_the_project(root):
    result = run("keys", "new", "--out", "content/release.key")
    assert result.exit_code == 2 and "outside" in result.stderr
    assert not (root / "content" / "release.key").exists()
