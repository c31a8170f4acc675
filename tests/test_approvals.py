"""Four eyes (issue 22): nothing is published unless a trusted second person approved it over
its exact text. Each test is a way someone tried to publish a line nobody approved."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from campaign_kit import edit_config
from cli_kit import cli_runner
from publish_helpers import SPANISH, make_project, write_po
from review_kit import reviewer_signer

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.cli import main
from campaigngen.release.approvals import review_findings, reviews
from campaigngen.sources.campaign import load_campaign

DO_NOT_CALL = {**SPANISH, "call": "No llames al {phone}"}  # passes every list: only a person sees it


def cli(*args: str, **kwargs):
    return cli_runner().invoke(main, [str(a) for a in args], **kwargs)


def unreviewed(root: Path) -> dict[tuple[str, str], str]:
    """(language, subject) -> the finding's text, for every line not approved as it is."""
    snapshot = take_snapshot(load_campaign(root / "content" / "demo"))
    return {
        (f.language, f.detail["subject"]): f.text for f in review_findings(snapshot) if f.code == "review.unreviewed"
    }


def po_without_approval(root: Path, translations: dict[str, str]) -> None:
    """A translator saves the catalog; nobody has approved it yet."""
    approvals = root / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml"
    kept = approvals.read_bytes()
    write_po(root, "es", translations)  # the kit approves what it writes ...
    approvals.write_bytes(kept)  # ... so put back what the reviewer had approved before


def new_reviewer(tmp_path: Path, name: str):
    from campaigngen.release.signing import new_key, signer_of

    path = tmp_path / f"{name}.key"
    new_key(path, name)
    return path, signer_of(path)


def test_a_project_the_kit_wrote_is_approved_whole(tmp_path):
    make_project(tmp_path)
    assert unreviewed(tmp_path) == {}


def test_a_meaning_change_fails_check_until_a_reviewer_approves_the_new_text(tmp_path, monkeypatch):
    make_project(tmp_path)
    po_without_approval(tmp_path, DO_NOT_CALL)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "demo", "--lang", "es", "--json")
    assert result.exit_code == 1

    failing = [f for f in json.loads(result.stdout)["findings"] if f["status"] == "fail"]
    assert [(f["code"], f["message_id"]) for f in failing] == [("review.unreviewed", "call")]
    assert "changed since test-reviewer approved it" in failing[0]["text"]
    assert "(it was: 'Llama al {phone}')" in failing[0]["text"]
    assert "campaigngen approve demo --lang es --message call" in failing[0]["text"]

    key, _ = reviewer_signer()
    approved = cli("approve", "demo", "--lang", "es", "--key", key, input="y\n")
    assert approved.exit_code == 0, approved.stderr
    assert "No llames al {phone}" in approved.stdout and "approve this exact text?" in approved.stdout
    assert cli("check", "demo", "--lang", "es").exit_code == 0


def test_answering_no_approves_nothing(tmp_path, monkeypatch):
    make_project(tmp_path)
    po_without_approval(tmp_path, DO_NOT_CALL)
    monkeypatch.chdir(tmp_path)
    key, _ = reviewer_signer()
    result = cli("approve", "demo", "--lang", "es", "--key", key, input="n\n")
    assert result.exit_code == 0 and "nothing approved" in result.stdout
    assert set(unreviewed(tmp_path)) == {("es", "message call")}


def test_an_approval_by_a_key_nobody_trusts_does_not_count(tmp_path, monkeypatch):
    make_project(tmp_path)
    po_without_approval(tmp_path, DO_NOT_CALL)
    monkeypatch.chdir(tmp_path)
    key, signer = new_reviewer(tmp_path, "mallory")
    result = cli("approve", "demo", "--lang", "es", "--key", key, "--yes")
    assert result.exit_code == 0 and "your key is not a trusted reviewer here" in result.stdout
    [text] = unreviewed(tmp_path).values()
    assert f"mallory's approval does not count: key {signer.public.fingerprint} is not a trusted reviewer's" in text


def test_a_reviewer_added_to_the_list_without_the_publishers_signature_does_not_count(tmp_path, monkeypatch):
    """The project's reviewers list counts only as the publisher signed it: adding a line
    (as anyone with write access to the project could) makes the whole list untrusted."""
    make_project(tmp_path)
    project = Path(__file__).resolve().parents[1]
    for name in ("reviewers", "reviewers.sig"):
        shutil.copy(project / name, tmp_path / name)
    po_without_approval(tmp_path, DO_NOT_CALL)
    key, signer = new_reviewer(tmp_path, "mallory")
    monkeypatch.chdir(tmp_path)
    assert cli("keys", "trust", key.with_suffix(".pub"), "--role", "reviewer", "--keyring", "reviewers").exit_code == 0
    cli("approve", "demo", "--lang", "es", "--key", key, "--yes")
    snapshot = take_snapshot(load_campaign(tmp_path / "content" / "demo"))
    findings = review_findings(snapshot)
    assert any(f.code == "review.list-untrusted" and "reviewers" in f.text for f in findings)
    assert [f.message_id for f in findings if f.code == "review.unreviewed"] == ["call"]


def test_a_reviewer_on_the_signed_list_counts(tmp_path, monkeypatch):
    """The publisher vouches for a new reviewer: trust, sign, and the approval counts."""
    from campaigngen.release.keyring import entry, sign_keyring
    from campaigngen.release.signing import new_key, signer_of

    make_project(tmp_path)
    po_without_approval(tmp_path, DO_NOT_CALL)
    publisher_key = tmp_path / "publisher.key"
    new_key(publisher_key, "publisher")
    publisher = signer_of(publisher_key)
    own = tmp_path / "own-keyring"
    own.write_text(entry(publisher.public, "publisher", "publisher").line() + "\n")
    monkeypatch.setenv("CAMPAIGNGEN_KEYRING", str(own))  # only this publisher: not the test reviewer
    key, ana = new_reviewer(tmp_path, "ana")
    (tmp_path / "reviewers").write_text(entry(ana.public, "ana", "reviewer").line() + "\n")
    sign_keyring(tmp_path / "reviewers", publisher)
    monkeypatch.chdir(tmp_path)
    assert cli("approve", "demo", "--lang", "es", "--key", key, "--yes").exit_code == 0
    assert ("es", "message call") not in unreviewed(tmp_path)


def test_an_approval_over_an_older_text_or_moved_to_another_line_does_not_count(tmp_path):
    make_project(tmp_path)
    approvals = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml"
    text = approvals.read_text(encoding="utf-8")
    # The approval of "help" relabelled as one of "call": its signature names "help".
    help_hash = re.search(r'subject = "message help"\n.*?sha256 = "([0-9a-f]+)"', text, re.S).group(1)
    call_hash = re.search(r'subject = "message call"\n.*?sha256 = "([0-9a-f]+)"', text, re.S).group(1)
    moved = text.replace(f'sha256 = "{help_hash}"', f'sha256 = "{call_hash}"').replace(
        'subject = "message help"', 'subject = "message call"'
    )
    approvals.write_text(moved, encoding="utf-8")
    found = unreviewed(tmp_path)
    assert set(found) == {("es", "message help")}
    # A hash edited to match a changed text: the signature no longer verifies.
    po_without_approval(tmp_path, DO_NOT_CALL)
    from campaigngen.catalogs.approvals import message_hash

    forged = approvals.read_text(encoding="utf-8").replace(
        call_hash, message_hash("call", "Call {phone}", DO_NOT_CALL["call"])
    )
    approvals.write_text(forged, encoding="utf-8")
    assert "its signature does not match" in unreviewed(tmp_path)[("es", "message call")]


def test_an_approval_copied_to_another_language_does_not_count(tmp_path):
    make_project(tmp_path, campaign=_with_languages(["es", "pt"]))
    write_po(tmp_path, "pt", SPANISH)  # the same words in both catalogs
    es = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml"
    pt = tmp_path / "locales" / "pt" / "LC_MESSAGES" / "demo.approvals.toml"
    shutil.copy(es, pt)
    assert {subject for tag, subject in unreviewed(tmp_path) if tag == "pt"} == {
        "message headline",
        "message help",
        "message call",
    }


def _with_languages(tags: list[str]) -> str:
    from publish_helpers import FAST_CAMPAIGN

    return FAST_CAMPAIGN.replace('languages = ["es"]', f"languages = {tags!r}".replace("'", '"'))


def test_a_changed_source_message_or_contact_needs_approval_in_every_language(tmp_path):
    make_project(tmp_path)
    folder = tmp_path / "content" / "demo"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.approvals.toml")} | {
        folder / "approvals.toml": (folder / "approvals.toml").read_bytes()
    }
    with edit_config(folder) as config:
        config["messages"]["help"]["text"] = "You can get help now."
        config["contact"]["phone"] = "1-888-373-7889"
    for path, data in before.items():  # undo the kit's approval of what it wrote
        path.write_bytes(data)
    found = unreviewed(tmp_path)
    assert set(found) == {("en", "message help"), ("*", "contact")}
    assert "--lang en --contact" in found[("*", "contact")]
    # The Spanish line translated the old English: it is held back as stale until re-translated,
    # and once it is, its approval names the new English, so the old one does not count.
    snapshot = take_snapshot(load_campaign(folder))
    assert snapshot.edition("es").status["help"] != "translated"


def test_two_approvals_are_needed_when_the_campaign_asks_for_two(tmp_path, monkeypatch):
    from campaigngen.release.keyring import entry

    make_project(tmp_path)
    with edit_config(tmp_path / "content" / "demo") as config:
        config["review"] = {"approvals": 2}
    found = unreviewed(tmp_path)
    assert "approved by 1 of 2 trusted reviewer(s)" in found[("es", "message call")]
    key, ana = new_reviewer(tmp_path, "ana")
    both = tmp_path / "keyring"
    both.write_text(Path(_keyring()).read_text() + entry(ana.public, "ana", "reviewer").line() + "\n")
    monkeypatch.setenv("CAMPAIGNGEN_KEYRING", str(both))
    monkeypatch.chdir(tmp_path)
    for tag in ("en", "es"):
        assert cli("approve", "demo", "--lang", tag, "--key", key, "--yes").exit_code == 0
    assert unreviewed(tmp_path) == {}
    # The same reviewer approving twice is still one reviewer.
    assert cli("approve", "demo", "--lang", "es", "--message", "call", "--key", key, "--yes").exit_code == 0
    snapshot = take_snapshot(load_campaign(tmp_path / "content" / "demo"))
    call = next(r for r in reviews(snapshot) if r.subject.name == "message call")
    assert sorted(call.counted) == ["ana", "test-reviewer"]


def _keyring() -> str:
    import os

    return os.environ["CAMPAIGNGEN_KEYRING"]


def write_tone_wav(path: Path, seconds: float, frequency: float = 440.0) -> None:
    import wave

    import numpy as np

    rate = 16000
    tone = (0.3 * 32767 * np.sin(2 * np.pi * frequency * np.arange(int(rate * seconds)) / rate)).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(tone.tobytes())


def test_a_recording_is_approved_by_its_bytes(tmp_path):
    make_project(tmp_path)
    recording = tmp_path / "content" / "demo" / "es.wav"
    write_tone_wav(recording, seconds=1.0)
    with edit_config(tmp_path / "content" / "demo") as config:
        config["radio"] = {"recordings": {"es": "es.wav"}}
    assert unreviewed(tmp_path) == {}
    write_tone_wav(recording, seconds=1.0, frequency=500)  # someone swaps the file
    assert set(unreviewed(tmp_path)) == {("es", "recording")}


def test_nobody_counts_without_a_keyring(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.delenv("CAMPAIGNGEN_KEYRING")
    found = unreviewed(tmp_path)
    assert len(found) == 7  # en: 3 messages and the contact; es: 3 messages
    assert all("no keyring of yours trusts any reviewer" in text for text in found.values())


def test_a_review_finding_cannot_be_waived(tmp_path, monkeypatch):
    make_project(tmp_path)
    with edit_config(tmp_path / "content" / "demo") as config:
        config["waivers"] = [{"check": "review", "language": "es", "by": "Lead", "reason": "trust me", "date": _day()}]
    monkeypatch.chdir(tmp_path)
    result = cli("check", "demo")
    assert result.exit_code == 2 and "the 'review' check cannot be waived" in result.stderr


def _day():
    import datetime

    return datetime.date(2026, 12, 1)


def test_a_broken_approvals_file_is_one_clear_line(tmp_path, monkeypatch):
    make_project(tmp_path)
    approvals = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml"
    approvals.write_text('[[approval]]\nsubject = "message call"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "demo")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert "demo.approvals.toml:1: approval 1 is incomplete" in line


def test_approve_without_a_key_says_how_to_make_one(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("approve", "demo", "--lang", "es", "--key", tmp_path / "none.key")
    assert result.exit_code == 2 and "campaigngen keys new" in result.stderr


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="OpenSSH's ssh-keygen is not installed")
def test_an_approval_verifies_with_ssh_keygen(tmp_path):
    """A partner can check an approval with the stock tool, without campaigngen."""
    from campaigngen.catalogs.approvals import read_approvals, signed_payload
    from campaigngen.release.approvals import armor
    from campaigngen.release.keyring import entry

    make_project(tmp_path)
    [approval, *_] = read_approvals(tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml").approvals
    _, signer = reviewer_signer()
    (tmp_path / "allowed").write_text(entry(signer.public, signer.name, "reviewer").line() + "\n")
    (tmp_path / "approval.sig").write_bytes(armor(approval.signature))
    checked = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", "allowed", "-I", "test-reviewer", "-n", "campaigngen-review"]
        + ["-s", "approval.sig"],
        input=signed_payload("demo", "es", approval),
        cwd=tmp_path,
        capture_output=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_sample_is_approved_by_its_sample_reviewer(project):
    snapshot = take_snapshot(load_campaign(project / "content" / "help-is-here"))
    found = reviews(snapshot)
    assert len(found) > 180 and all(r.counted == ("sample-reviewer",) for r in found)


def test_judging_again_in_one_process_verifies_each_signature_once(project, monkeypatch):
    """The studio judges again each time it shows the source language's approve page (every
    language's contact block): a signature verified once is not verified again, and the
    judgement is the same."""
    from campaigngen.release import approvals

    approvals._signed_by.cache_clear()
    verified = []
    real = approvals.sshsig_verify
    monkeypatch.setattr(approvals, "sshsig_verify", lambda *args: verified.append(args) or real(*args))
    folder = project / "content" / "help-is-here"
    first = reviews(take_snapshot(load_campaign(folder)))
    once = len(verified)
    assert reviews(take_snapshot(load_campaign(folder))) == first
    assert len(verified) == once > 180


def test_a_release_names_who_approved_each_line_and_publish_refuses_an_unapproved_one(tmp_path, monkeypatch):
    from publish_helpers import install_fake_renderer

    install_fake_renderer(monkeypatch.setattr)
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("publish", "demo", "--version", "1")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "releases" / "demo" / "1" / "manifest.json").read_text(encoding="utf-8"))
    spanish = next(lang for lang in manifest["languages"] if lang["language"] == "es")
    assert {m["id"]: m["approved_by"] for m in spanish["messages"]} == {
        "headline": ["test-reviewer"],
        "help": ["test-reviewer"],
        "call": ["test-reviewer"],
    }
    assert manifest["contact_approved_by"] == ["test-reviewer"]
    assert "locales/es/LC_MESSAGES/demo.approvals.toml" in manifest["sources"]

    po_without_approval(tmp_path, DO_NOT_CALL)
    built = cli("build", "demo")
    assert "es" in built.stdout and "1 line(s) not yet approved by a reviewer" in built.stdout
    refused = cli("publish", "demo", "--version", "2")
    assert refused.exit_code == 1 and not (tmp_path / "releases" / "demo" / "2").exists()
    assert "review" in refused.stdout + refused.stderr


def test_the_translator_of_a_line_cannot_approve_it(tmp_path, monkeypatch):
    """Ana translates in the studio with her key; her approval of her own line does not count,
    though she is a trusted reviewer of others' lines. Ben's approval does."""
    pytest.importorskip("starlette", reason="the studio extra is not installed")
    from campaign_kit import sample_campaign
    from starlette.testclient import TestClient
    from studio_helpers import catalog_hash_of, csrf_of

    from campaigngen.release.keyring import entry
    from campaigngen.studio.app import create_app

    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    ana_key, ana = new_reviewer(tmp_path, "ana")
    ben_key, ben = new_reviewer(tmp_path, "ben")
    keyring = tmp_path / "keyring"
    keyring.write_text(
        Path(_keyring()).read_text() + "".join(entry(s.public, s.name, "reviewer").line() + "\n" for s in (ana, ben))
    )
    monkeypatch.setenv("CAMPAIGNGEN_KEYRING", str(keyring))
    with TestClient(create_app(tmp_path, translator_key=ana_key), base_url="http://127.0.0.1:8765") as client:
        page = client.get("/c/help-is-here/translate/es").text
        saved = client.post(
            "/c/help-is-here/translate/es/save/help",
            data={"text": "Aquí le ayudamos.", "sha256": catalog_hash_of(page)},
            headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
        )
        assert saved.status_code == 200, saved.text
    approvals = (tmp_path / "locales" / "es" / "LC_MESSAGES" / "help-is-here.approvals.toml").read_text()
    assert "[[translation]]" in approvals and "Aquí le ayudamos." in approvals
    monkeypatch.chdir(tmp_path)

    def help_review():
        snapshot = take_snapshot(load_campaign(tmp_path / "content" / "help-is-here"))
        return next(r for r in reviews(snapshot) if r.language == "es" and r.subject.name == "message help")

    assert cli("approve", "help-is-here", "--lang", "es", "--message", "help", "--key", ana_key, "--yes").exit_code == 0
    review = help_review()
    assert not review.approved and review.refused[0][0].reviewer == "ana"
    assert "they wrote this text themselves" in review.refused[0][1]
    assert cli("approve", "help-is-here", "--lang", "es", "--message", "help", "--key", ben_key, "--yes").exit_code == 0
    assert help_review().counted == ("ben",)


def test_a_reviewer_key_written_into_campaign_toml_is_refused_and_counts_for_nothing(tmp_path, monkeypatch):
    """campaign.toml is the project's, which anyone with write access edits: it has no place
    for a reviewer, so naming one there is an unknown key (exit 2), never a trust decision."""
    make_project(tmp_path)
    po_without_approval(tmp_path, DO_NOT_CALL)
    key, signer = new_reviewer(tmp_path, "mallory")
    monkeypatch.chdir(tmp_path)
    cli("approve", "demo", "--lang", "es", "--key", key, "--yes")
    public = key.with_suffix(".pub").read_text().strip()
    config = tmp_path / "content" / "demo" / "campaign.toml"
    config.write_text(config.read_text() + f'\n[review.trusted]\nmallory = "{public}"\n')
    result = cli("check", "demo")
    assert result.exit_code == 2 and "campaign.toml" in result.stderr and "Traceback" not in result.stderr
    assert "review.trusted" in result.stderr, result.stderr
    config.write_text(config.read_text().split("\n[review.trusted]")[0])
    assert [m for (lang, m) in unreviewed(tmp_path) if lang == "es"] == ["message call"]


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="OpenSSH's ssh-keygen is not installed")
def test_what_a_retired_key_had_approved_is_kept_in_a_list_ssh_keygen_still_reads(tmp_path):
    """The record of a retired key's approvals is a comment line to OpenSSH (the list still
    verifies with `ssh-keygen -Y verify`), and closing the same key again keeps what the first
    record listed."""
    import datetime as dt

    from campaigngen.release.keyring import Closure, add_trusted, close_signed, entry, load_keyring

    _, signer = reviewer_signer()
    listed = tmp_path / "reviewers"
    add_trusted(listed, entry(signer.public, "test-reviewer", "reviewer"))
    first = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    close_signed(listed, Closure(signer.public.fingerprint, first, frozenset({"a" * 64})))
    close_signed(listed, Closure(signer.public.fingerprint, first + dt.timedelta(days=1), frozenset({"b" * 64})))
    (closure,) = load_keyring(listed).closures
    assert closure.digests == {"a" * 64, "b" * 64} and closure.before == first + dt.timedelta(days=1)
    (tmp_path / "sig").write_bytes(signer.sign(b"approved", "campaigngen-review"))
    verified = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", str(listed), "-I", "test-reviewer", "-n", "campaigngen-review"]
        + ["-s", str(tmp_path / "sig")],
        input=b"approved",
        capture_output=True,
    )
    assert verified.returncode == 0, verified.stderr
