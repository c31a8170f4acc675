"""The release store: releases nobody can lose or change, and a verify that never reassures
falsely. Each test is a case a careless user or an attacker tried (issue 23); each failed on
the code before the store. The renderer is the fast fake one (publish_helpers): these tests
are about what lands on disk and what verify says, not about flyers."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from campaign_kit import approve_written
from cli_kit import cli_runner
from publish_helpers import (
    ForkedHelper,
    change_with_its_hash,
    forked_publish,
    install_fake_renderer,
    make_project,
    writable,
)

from campaigngen.cli import main

SSH_KEYGEN = shutil.which("ssh-keygen")


def cli(*args: str):
    return cli_runner().invoke(main, [str(a) for a in args])


def published(result) -> Path:
    """The release a publish reported ('latest -> FOLDER')."""
    assert result.exit_code == 0, result.stderr
    return Path(re.search(r"^latest -> (.+)$", result.output, flags=re.M).group(1))


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def tree(folder: Path) -> dict[str, str]:
    """Every file under folder by path -> SHA-256 (links by their target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The small demo campaign (en, es) with a signing key made the way a user makes one."""
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    install_fake_renderer(monkeypatch.setattr)
    assert cli("keys", "new").exit_code == 0
    return tmp_path


def public_key() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "campaigngen" / "release-signing.pub"


def edit_spanish(root: Path, help_text: str) -> None:
    po = root / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'msgstr "Puedes recibir ayuda[^"]*"', f'msgstr "{help_text}"', text), encoding="utf-8")
    approve_written(root / "content" / "demo")  # a reviewer approves the new line


# --------------------------------------------------------------------------- builds cannot touch releases


def test_a_build_after_publishing_into_the_build_folder_loses_no_release(project):
    assert cli("build", "demo").exit_code == 0
    release = published(cli("publish", "demo", "--out", "output/demo", "--version", "1"))
    assert cli("build", "demo").exit_code == 0  # replaces output/demo whole
    result = cli("verify", release)
    assert result.exit_code == 0, result.output + result.stderr
    assert "output" not in release.relative_to(project).parts


def test_a_write_in_place_to_a_built_file_never_changes_the_release(project):
    assert cli("build", "demo").exit_code == 0
    release = published(cli("publish", "demo", "--version", "1"))
    built = project / "output" / "demo"
    inside: dict[tuple[int, int], int] = {}
    for path in release.rglob("*"):
        if path.is_file():
            st = path.stat()
            inside[(st.st_dev, st.st_ino)] = inside.get((st.st_dev, st.st_ino), 0) + 1
    for path in release.rglob("*"):  # no inode is shared with anything outside the release
        if path.is_file():
            assert path.stat().st_nlink == inside[(path.stat().st_dev, path.stat().st_ino)], path
            assert stat.S_IMODE(path.stat().st_mode) == 0o444, path  # written read-only
        elif path.is_dir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o555, path
    before = tree(release)
    for draft in built.rglob("*"):
        if draft.is_file() and draft.name != "manifest.json":
            with draft.open("r+b") as handle:  # a program saving over the draft in place
                handle.seek(0)
                handle.write(b"CHANGED")
    assert tree(release) == before
    assert cli("verify", release).exit_code == 0


@pytest.mark.parametrize("where", ["release", "campaign folder", "store"])
def test_a_build_or_publish_into_the_store_is_refused_and_writes_nothing(project, where):
    release = published(cli("publish", "demo", "--version", "1"))
    out = {"release": release, "campaign folder": release.parent, "store": release.parent.parent}[where]
    before = tree(release.parent.parent)
    for args in (["build", "demo", "--out", out], ["publish", "demo", "--out", out, "--version", "2"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "inside the release store" in one_line(result)
    assert tree(release.parent.parent) == before
    assert cli("verify", release).exit_code == 0


def test_a_store_inside_the_folder_a_build_replaces_is_refused(project):
    assert cli("build", "demo").exit_code == 0
    result = cli("publish", "demo", "--store", "output/demo/kept", "--version", "1")
    assert result.exit_code == 2 and "every build of 'demo' replaces" in one_line(result)
    assert not (project / "output" / "demo" / "kept").exists()
    # Releases moved into a build folder by hand are never swapped away with it either.
    release = published(cli("publish", "demo", "--version", "1"))
    shutil.copytree(release, project / "output" / "demo" / "kept", symlinks=True)
    result = cli("build", "demo")
    assert result.exit_code == 2 and "holds releases" in one_line(result)
    assert (project / "output" / "demo" / "kept" / "manifest.json").is_file()


def test_the_review_page_is_never_written_into_a_release(project):
    release = published(cli("publish", "demo", "--version", "demo"))  # a release named like the campaign
    before = tree(release)
    result = cli("review", "demo", "--out", release.parent)
    assert result.exit_code == 2 and "never written into" in one_line(result)
    assert tree(release) == before


# --------------------------------------------------------------------------- honest verify


def test_a_changed_file_with_its_hash_updated_fails_with_or_without_a_key(project, monkeypatch):
    release = published(cli("publish", "demo", "--version", "1"))
    change_with_its_hash(release, "es/letter.pdf")
    for extra in ([], ["--key", public_key()]):
        result = cli("verify", release, *extra)
        assert result.exit_code == 1, (extra, result.output)
        assert "signature: BROKEN" in result.output and "signed by" not in result.output
        assert "signature that does not hold" in one_line(result)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(project / "no-keys"))  # a partner with no keyring at all
    result = cli("verify", release)
    assert result.exit_code == 1 and "signature: BROKEN" in result.output


def test_a_release_re_signed_with_another_key_is_not_confirmed(project, tmp_path_factory, monkeypatch):
    from campaigngen.release.signing import RELEASE_NAMESPACE, describe, new_key, signer_of

    release = published(cli("publish", "demo", "--version", "1"))
    partner_keys = tmp_path_factory.mktemp("partner") / "allowed_signers"
    partner_keys.write_text(cli("keys", "export").output, encoding="utf-8")
    assert cli("verify", release, "--keyring", partner_keys).exit_code == 0

    attacker_key = tmp_path_factory.mktemp("attacker") / "attacker.key"
    new_key(attacker_key)
    attacker = signer_of(attacker_key)
    change_with_its_hash(release, "es/letter.pdf")
    manifest_path = release / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["signature"].update(describe(attacker.public))
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (release / "manifest.json.sig").write_bytes(attacker.sign(manifest_path.read_bytes(), RELEASE_NAMESPACE))

    # With the publisher's key in any form, the attacker's key is refused.
    for extra in (["--key", public_key()], ["--keyring", partner_keys], []):  # [] reads the user's own keyring
        result = cli("verify", release, *extra)
        assert result.exit_code == 1, (extra, result.output)
        assert "publisher: NOT confirmed" in result.output and "is not signed by a key you trust" in one_line(result)
    # With no key to compare with, verify cannot know, and says so plainly.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(project / "no-keys"))
    result = cli("verify", release)
    assert "publisher: NOT confirmed" in result.output and "signed by" not in result.output
    assert attacker.public.fingerprint in result.output


def test_a_signature_removed_from_a_signed_release_is_caught(project, monkeypatch):
    release = published(cli("publish", "demo", "--version", "1"))
    writable(release)
    manifest_path = release / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["signature"]
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    result = cli("verify", release)  # the signature file is still there: the block was removed
    assert result.exit_code == 1 and "manifest names no key" in result.output
    (release / "manifest.json.sig").unlink()
    result = cli("verify", release)  # unsigned now: the user's keyring cannot vouch for it
    assert result.exit_code == 1 and "unsigned" in result.output
    monkeypatch.setenv("XDG_CONFIG_HOME", str(project / "no-keys"))
    result = cli("verify", release)
    assert result.exit_code == 0 and "publisher: NOT confirmed: the release is unsigned" in result.output


def test_latest_moved_back_to_an_older_release_is_reported(project):
    first = published(cli("publish", "demo", "--version", "1"))
    second = published(cli("publish", "demo", "--version", "2"))
    latest = first.parent / "latest"
    os.unlink(latest)
    os.symlink("1", latest)
    for target in (latest, first, first.parent):
        result = cli("verify", target)
        assert result.exit_code == 1, (target, result.output)
        assert "latest names 1, but the last snapshot published and not withdrawn is 2" in result.output
    assert cli("verify", second).exit_code == 1  # its store is not in order either
    # The next publish puts it right.
    third = published(cli("publish", "demo", "--version", "3"))
    assert os.readlink(latest) == "3" and cli("verify", third.parent).exit_code == 0


def test_an_older_snapshot_published_after_a_newer_one_is_refused(project):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.exceptions import PublishSuperseded
    from campaigngen.release.publish import publish
    from campaigngen.sources.campaign import load_campaign

    older = take_snapshot(load_campaign(project / "content" / "demo"))
    edit_spanish(project, "Puedes recibir ayuda hoy.")
    newer = take_snapshot(load_campaign(project / "content" / "demo"))
    assert publish(newer, project / "output", "new").version == "new"
    with pytest.raises(PublishSuperseded, match="was published while this publish"):
        publish(older, project / "output", "old")
    store = project / "releases" / "demo"
    assert os.readlink(store / "latest") == "new" and not (store / "old").exists()


def test_verify_into_a_closed_pipe_says_nothing_more(project, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(published(cli("publish", "demo", "--version", "1")), damaged, symlinks=True)
    writable(damaged)
    for number in range(3000):  # far more than a pipe holds
        (damaged / f"stray-file-with-a-long-name-{number}.txt").write_text("x")
    result = subprocess.run(
        f"'{sys.executable}' -m campaigngen verify '{damaged}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.startswith("extra    ")
    assert "Broken pipe" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == ""


# --------------------------------------------------------------------------- withdraw and prune


def test_withdraw_marks_a_release_signed_and_kept_and_latest_moves_back(project, tmp_path_factory):
    first = published(cli("publish", "demo", "--version", "1"))
    second = published(cli("publish", "demo", "--version", "2"))
    before = tree(second)
    result = cli("withdraw", "demo", "2", "--reason", "Wrong hotline hours on the Spanish flyer")
    assert result.exit_code == 0, result.stderr
    assert os.readlink(first.parent / "latest") == "1"
    assert tree(second) == before  # kept for the record, untouched
    verified = cli("verify", second)
    assert verified.exit_code == 1 and "was withdrawn" in one_line(verified)
    assert "WITHDRAWN: on " in verified.output and "Wrong hotline hours" in verified.output
    assert cli("verify", first).exit_code == 0
    whole = cli("verify", first.parent)
    assert whole.exit_code == 0 and re.search(r"^WITHDRAWN\s+2\s", whole.output, flags=re.M)

    assert cli("withdraw", "demo", "2", "--reason", "again").exit_code == 2  # once is enough
    assert cli("withdraw", "demo", "9", "--reason", "none").exit_code == 2
    other = tmp_path_factory.mktemp("other") / "other.key"
    assert cli("keys", "new", "--out", other).exit_code == 0
    refused = cli("withdraw", "demo", "1", "--reason", "not mine", "--key", other)
    assert refused.exit_code == 2 and "only that key can withdraw it" in one_line(refused)

    # A forged record (reason changed) withdraws nothing and is reported.
    record = first.parent / "withdrawals" / "2.json"
    os.chmod(record, 0o644)
    record.write_text(record.read_text().replace("Wrong hotline hours", "Nothing wrong"), encoding="utf-8")
    forged = cli("verify", second)
    assert forged.exit_code == 1 and "was not signed by the release's key" in forged.output


def test_withdrawing_every_release_leaves_no_latest_and_a_new_publish_is_latest(project):
    only = published(cli("publish", "demo", "--version", "1"))
    assert cli("withdraw", "demo", "1", "--reason", "Recalled").exit_code == 0
    assert not (only.parent / "latest").exists()
    assert cli("verify", only.parent).exit_code == 0  # a store with only a withdrawn release is in order
    assert published(cli("publish", "demo", "--version", "2")).name == "2"
    assert os.readlink(only.parent / "latest") == "2"


def test_prune_removes_only_old_releases_never_latest_or_withdrawn(project):
    for version in "12345":
        published(cli("publish", "demo", "--version", version))
    store = project / "releases" / "demo"
    assert cli("withdraw", "demo", "2", "--reason", "Recalled").exit_code == 0
    assert cli("withdraw", "demo", "5", "--reason", "Recalled too").exit_code == 0  # latest moves back to 4
    dry = cli("prune", "demo", "--keep", "1", "--dry-run")
    assert dry.exit_code == 0 and "would remove" in dry.output
    assert sorted(p.name for p in store.iterdir() if p.name[0].isdigit()) == list("12345")
    result = cli("prune", "demo", "--keep", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in store.iterdir() if p.name[0].isdigit()) == ["2", "4", "5"]
    assert os.readlink(store / "latest") == "4"
    assert cli("verify", store).exit_code == 0
    assert cli("prune", "demo", "--keep", "0").exit_code == 2


# --------------------------------------------------------------------------- partners' own tools


def _unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(into)
    return into / archive.stem


def _readme_command(bundle: Path) -> str:
    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.strip().startswith(("ssh-keygen ", "sha256sum "))]
    assert len(commands) == 1, readme  # the one command
    return commands[0]


@pytest.mark.skipif(SSH_KEYGEN is None, reason="OpenSSH's ssh-keygen is not installed (make setup installs it)")
def test_each_bundle_checks_with_ssh_keygen_and_sha256sum_as_its_readme_says(project, tmp_path):
    release = published(cli("publish", "demo", "--version", "1"))
    allowed = cli("keys", "export").output  # what the campaign sends a partner, once
    for name in ("print", "radio"):
        bundle = _unzip(release / f"{name}.zip", tmp_path / name)
        (bundle / "allowed_signers").write_text(allowed, encoding="utf-8")
        command = _readme_command(bundle)
        assert command.startswith("ssh-keygen -Y verify -f allowed_signers -I publisher ")
        good = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True, timeout=60)
        assert good.returncode == 0, good.stdout + good.stderr
        assert 'Good "campaigngen-bundle" signature for publisher' in good.stdout + good.stderr
        assert ": FAILED" not in good.stdout and good.stdout.count(": OK") >= 3

        some_file = next(p for p in sorted(bundle.rglob("*")) if p.is_file() and p.suffix in (".pdf", ".wav"))
        some_file.write_bytes(some_file.read_bytes() + b"\0")
        changed = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True, timeout=60)
        assert changed.returncode != 0 and f"{some_file.relative_to(bundle).as_posix()}: FAILED" in changed.stdout

        sums = bundle / "SHA256SUMS"  # the attacker updates the list too: the signature catches it
        sums.write_text(
            sums.read_text().replace(
                next(line for line in sums.read_text().splitlines() if line.endswith(some_file.name)),
                f"{hashlib.sha256(some_file.read_bytes()).hexdigest()}  {some_file.relative_to(bundle).as_posix()}",
            )
        )
        forged = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True, timeout=60)
        assert forged.returncode != 0 and "Good" not in forged.stdout + forged.stderr


def test_an_unsigned_bundle_says_so_and_checks_with_sha256sum(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    install_fake_renderer(monkeypatch.setattr)
    release = published(cli("publish", "demo", "--version", "1"))
    bundle = _unzip(release / "print.zip", tmp_path / "unzipped")
    assert not (bundle / "SHA256SUMS.sig").exists()
    assert "not signed" in (bundle / "README.txt").read_text(encoding="utf-8")
    command = _readme_command(bundle)
    assert command == "sha256sum -c SHA256SUMS"
    checked = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and ": FAILED" not in checked.stdout


# --------------------------------------------------------------------------- keys and keyrings


def test_a_partner_keyring_confirms_the_publisher_routinely(project, tmp_path_factory, monkeypatch):
    release = published(cli("publish", "demo", "--version", "1"))
    exported = tmp_path_factory.mktemp("campaign") / "publisher.pub"
    shutil.copy(public_key(), exported)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("partner-config")))  # the partner's machine
    unconfirmed = cli("verify", release)
    assert unconfirmed.exit_code == 0 and "publisher: NOT confirmed" in unconfirmed.output
    trusted = cli(
        "keys", "trust", exported, "--name", "sample-outreach", "--comment", "given by hand at the 2026 meeting"
    )
    assert trusted.exit_code == 0 and "trusted: sample-outreach (publisher)" in trusted.output
    listed = cli("keys", "list")
    assert "sample-outreach" in listed.output and "publisher" in listed.output and "SHA256:" in listed.output
    confirmed = cli("verify", release)
    assert confirmed.exit_code == 0 and "publisher: confirmed: signed by sample-outreach" in confirmed.output
    # A reviewer's key (issue 22) may sign approvals, never releases.
    reviewer = tmp_path_factory.mktemp("reviewer-config") / "trusted-keys"
    assert cli("keys", "trust", exported, "--role", "reviewer", "--keyring", reviewer).exit_code == 0
    assert cli("verify", release, "--keyring", reviewer).exit_code == 1


def test_the_keyring_is_openssh_allowed_signers_and_a_list_of_keys_can_be_signed(tmp_path):
    from campaigngen.exceptions import InputError, SignatureInvalid
    from campaigngen.release.keyring import entry, load_keyring, parse_keyring, sign_keyring
    from campaigngen.release.signing import KEYRING_NAMESPACE, REVIEW_NAMESPACE, new_key, signer_of

    publisher_key, reviewer_key = tmp_path / "publisher.key", tmp_path / "ana.key"
    new_key(publisher_key, "sample-outreach")
    new_key(reviewer_key, "ana@example.org")
    publisher, reviewer = signer_of(publisher_key), signer_of(reviewer_key)
    own = tmp_path / "trusted-keys"
    own.write_text(entry(publisher.public, "sample-outreach", "publisher", "release key").line() + "\n")
    reviewers = tmp_path / "reviewers"
    reviewers.write_text(
        "# the reviewers the publisher trusts (issue 22)\n"
        + entry(reviewer.public, "ana@example.org", "reviewer", "Spanish, since 2026-11").line()
        + "\n"
    )
    with pytest.raises(SignatureInvalid, match="not signed"):
        load_keyring(reviewers, signed_by=load_keyring(own))
    sign_keyring(reviewers, publisher)
    ring = load_keyring(reviewers, signed_by=load_keyring(own))
    (ana,) = ring.keys
    assert ana.principals == ("ana@example.org",) and ana.role == "reviewer" and ana.comment == "Spanish, since 2026-11"
    assert ana.fingerprint == reviewer.public.fingerprint and ana.fingerprint.startswith("SHA256:")
    assert ring.trusted(reviewer.public, REVIEW_NAMESPACE) and not ring.trusted(reviewer.public, KEYRING_NAMESPACE)
    sign_keyring(reviewers, reviewer)  # signed by a key the user does not trust to sign lists
    with pytest.raises(SignatureInvalid, match="does not trust"):
        load_keyring(reviewers, signed_by=load_keyring(own))
    expired = parse_keyring(
        f'old namespaces="campaigngen-release",valid-before=20200101 {publisher.public.openssh()} retired\n', "x"
    )
    assert not expired.trusted(publisher.public, "campaigngen-release")
    with pytest.raises(InputError, match="x:1: not a trusted-key line"):
        parse_keyring(f"old cert-authority {publisher.public.openssh()}\n", "x")
    if SSH_KEYGEN:  # the same file, signed the same way, checks with the stock tool
        sign_keyring(reviewers, publisher)
        stock = subprocess.run(
            [SSH_KEYGEN, "-Y", "verify", "-f", own, "-I", "sample-outreach", "-n", KEYRING_NAMESPACE, "-s"]
            + [f"{reviewers}.sig"],
            input=reviewers.read_bytes(),
            capture_output=True,
            timeout=60,
        )
        assert stock.returncode == 0, stock.stderr


# --------------------------------------------------------------------------- publishes in snapshot order


def _spawn(root: Path, *args: str, gate_waits_for: Path | None = None) -> ForkedHelper:
    env = {**os.environ, "FAKE_JOB_DELAY": "0.02", "FAKE_GATE_WAITS_FOR": str(gate_waits_for or "")}
    return forked_publish(["publish", "demo", "--wait", "60", *args], cwd=root, env=env)


def _wait_for_line(process: ForkedHelper, wanted: str) -> None:
    for line in process.stdout:
        if line.strip() == wanted:
            return
    raise AssertionError(f"the publish ended before saying {wanted}: {process.stderr.read()}")


@pytest.mark.slow
def test_two_publishes_a_moment_apart_with_an_edit_between_end_at_the_newer(project, tmp_path):
    """The first publish reads its files, then its gate takes long (a cold cache); meanwhile
    the catalog is edited and a second publish starts, passes its gate and takes the lock
    first. latest must end at the newer snapshot, whichever order the two finish in."""
    edit_spanish(project, "Puedes recibir ayuda hoy.")
    go_on = tmp_path / "first-gate-may-go-on"
    first = _spawn(project, gate_waits_for=go_on)
    _wait_for_line(first, "GATE-WAITING")  # it has read its files
    edit_spanish(project, "Puedes recibir ayuda ahora mismo.")
    second = _spawn(project)
    _wait_for_line(second, "RENDER-START")  # the second holds the lock
    go_on.touch()
    out_second, err_second = second.communicate(timeout=120)
    out_first, err_first = first.communicate(timeout=120)
    assert second.returncode == 0, err_second
    assert first.returncode == 2 and "was published while this publish" in err_first, (out_first, err_first)
    latest = project / "releases" / "demo" / "latest"
    assert "ahora mismo" in json.dumps(json.loads((latest / "manifest.json").read_text(encoding="utf-8")))
    assert cli("verify", latest).exit_code == 0


def test_a_signing_key_carries_the_name_partners_check_it_by(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("keys", "new", "--out", tmp_path / "k.key", "--name", "two words").exit_code == 2
    made = cli("keys", "new", "--out", tmp_path / "k.key", "--name", "sample-outreach")
    assert made.exit_code == 0 and (tmp_path / "k.key").is_file()
    line = (tmp_path / "k.pub").read_text(encoding="ascii").split()
    assert line[0] == "ssh-ed25519" and line[2] == "sample-outreach"
    exported = cli("keys", "export", "--key", tmp_path / "k.key").output
    assert exported.startswith('sample-outreach namespaces="campaigngen-release,') and line[1] in exported
    if SSH_KEYGEN:  # the fingerprint verify prints is the one the stock tool prints
        printed = subprocess.run([SSH_KEYGEN, "-lf", tmp_path / "k.pub"], capture_output=True, text=True, timeout=60)
        assert made.output.split("fingerprint ", 1)[1].split()[0] == printed.stdout.split()[1]


def test_a_release_signed_before_sshsig_still_verifies(project):
    """Releases published before signatures were SSHSIG carry a bare Ed25519 signature and the
    key as raw base64: verify reads them, and still catches a change."""
    import base64

    from campaigngen.release.signing import default_key_path, signer_of

    release = writable(published(cli("publish", "demo", "--version", "1")))
    signer = signer_of(default_key_path())
    manifest_path = release / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["signature"] = {
        "file": "manifest.json.sig",
        "algorithm": "ed25519",
        "public_key_fingerprint": signer.public.legacy_fingerprint,
        "public_key": signer.public.text,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (release / "manifest.json.sig").write_bytes(base64.b64encode(signer.key.sign(manifest_path.read_bytes())) + b"\n")
    result = cli("verify", release)
    assert result.exit_code == 0 and "publisher: confirmed" in result.output, result.output
    manifest["release"]["published_at"] = "2020-01-01T00:00:00Z"
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    result = cli("verify", release)
    assert result.exit_code == 1 and "signature: BROKEN" in result.output
