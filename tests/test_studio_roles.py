"""Roles in the studio, as a team uses them: a translator translates and nothing more, a
reviewer approves lines someone else wrote with their own key, a coordinator edits, waives
and publishes signed with theirs. What is signed names keys and roles, never people."""

from __future__ import annotations

import re

import pytest
from campaign_kit import sample_campaign
from studio_helpers import CAMPAIGN, catalog_hash_of, csrf_of, studio_client, text_of
from test_studio_signin import PASSWORD, setup_coordinator, sign_in

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    from campaigngen.studio import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 1 << 12)


@pytest.fixture
def root(tmp_path):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


def _add(client, name: str, role: str) -> None:
    people = client.get("/people")
    added = client.post(
        "/people", data={"name": name, "role": role, "password": PASSWORD, "csrf_token": csrf_of(people.text)}
    )
    assert added.status_code == 200 and f"{name} can now sign in as a {role}" in text_of(added.text), added.text


def _sign_out(client) -> None:
    client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})


def _save(client, mid: str, text: str):
    page = client.get(f"/c/{CAMPAIGN}/translate/es").text
    headers = {"X-CSRF-Token": csrf_of(page), "HX-Request": "true"}
    return client.post(
        f"/c/{CAMPAIGN}/translate/es/save/{mid}", data={"text": text, "sha256": catalog_hash_of(page)}, headers=headers
    )


def _approve(client, tag: str, **form):
    page = client.get(f"/c/{CAMPAIGN}/approve/{tag}")
    assert page.status_code == 200, page.text
    offered = re.findall(r'name="line" value="([^"]+)"', page.text)
    data = {"csrf_token": csrf_of(page.text), **form}
    if "line" not in form:
        data["shown"] = offered
    return offered, client.post(f"/c/{CAMPAIGN}/approve/{tag}", data=data)


@pytest.fixture
def team(root):
    with studio_client(root) as client:
        setup_coordinator(client, "maria")
        _add(client, "ana", "reviewer")
        _add(client, "tom", "translator")
        _sign_out(client)
        yield client


def _es_review(root, line: str):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.approvals import reviews
    from campaigngen.sources.campaign import load_campaign

    campaign = load_campaign(root / "content" / CAMPAIGN)
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    return next(r for r in reviews(snapshot) if r.language == "es" and r.subject.message_id == line)


def test_a_translator_translates_and_does_nothing_else(team, root):
    client = team
    sign_in(client, "tom")
    assert _save(client, "call", "Llame ya al {phone}").status_code == 200
    page = client.get(f"/c/{CAMPAIGN}/check").text
    csrf = csrf_of(page)
    for path in (f"/c/{CAMPAIGN}/publish", f"/c/{CAMPAIGN}/waivers", f"/c/{CAMPAIGN}/settings", "/new", "/people"):
        refused = client.post(path, data={"csrf_token": csrf})
        assert refused.status_code == 403 and "not allowed: a translator translates lines" in refused.text, path
    offered, refused = _approve(client, "es", line="message call|x")
    assert offered == [] and refused.status_code == 403
    assert "Your role (translator) does not approve lines" in text_of(client.get(f"/c/{CAMPAIGN}/approve/es").text)
    # The line is signed as Tom's: nobody's approval of it counts yet.
    assert not _es_review(root, "call").approved


def test_a_reviewer_approves_what_someone_else_wrote_with_their_own_key(team, root):
    from campaigngen.catalogs.approvals import approvals_path, read_approvals
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.accounts import read_book

    client = team
    sign_in(client, "tom")
    _save(client, "call", "Llame ya al {phone}")
    _sign_out(client)
    sign_in(client, "ana")
    offered, approved = _approve(client, "es", all="1")
    assert "message call|" in " ".join(offered)
    assert approved.status_code == 200 and f"Approved {len(offered)} as ana" in text_of(approved.text)
    review = _es_review(root, "call")
    assert review.approved
    ana = read_book(root).find("ana")
    campaign = load_campaign(root / "content" / CAMPAIGN)
    kept = read_approvals(approvals_path(campaign, campaign.language("es"))).approvals
    mine = [a for a in kept if a.key == ana.fingerprint and a.kind == "approval"]
    assert {a.subject for a in mine} >= {"message call"}
    # Signed with a key named by role and fingerprint: the person's name is nowhere in the file.
    assert all(re.fullmatch(r"reviewer-[0-9a-f]{12}", a.reviewer) for a in mine)
    # (As a word of its own: a base64 signature holds the three letters by chance, ~1 run in 250.)
    written = approvals_path(campaign, campaign.language("es")).read_text(encoding="utf-8")
    assert re.search(r"(?<![A-Za-z0-9+/])ana(?![A-Za-z0-9+/=])", written) is None
    # The hotline details are approved with the source language.
    offered, source = _approve(client, "en", all="1")
    assert any(token.startswith("contact|") for token in offered)
    assert f"Approved {len(offered)} as ana" in text_of(source.text)


def test_nobody_approves_their_own_line_and_a_changed_line_is_not_approved_unseen(team, root):
    client = team
    sign_in(client, "ana")
    assert _save(client, "call", "Llame hoy al {phone}").status_code == 200
    page = client.get(f"/c/{CAMPAIGN}/approve/es")
    assert "you wrote this: a second person approves it" in text_of(page.text)
    assert "message call|" not in page.text  # not offered
    _, forced = _approve(client, "es", line=f"message call|{_es_review(root, 'call').subject.sha256}")
    assert "Approved 0 as ana" in text_of(forced.text)
    assert not _es_review(root, "call").approved
    _sign_out(client)
    # Maria reads it; Tom changes it before she approves: her approval does not reach the new text.
    sign_in(client, "maria")
    seen = _es_review(root, "call").subject
    _sign_out(client)
    sign_in(client, "tom")
    _save(client, "call", "Llame ahora al {phone}")
    _sign_out(client)
    sign_in(client, "maria")
    _, late = _approve(client, "es", line=f"message call|{seen.sha256}")
    assert "1 changed since this page was opened and were not approved" in text_of(late.text)
    assert not _es_review(root, "call").approved


def test_publishing_from_the_studio_signs_with_the_coordinators_own_key(team, monkeypatch):
    from campaigngen.studio import publishing
    from campaigngen.studio.accounts import read_book

    client = team
    handed = []

    def start(self, campaign_id, folder, out, signer=None):
        handed.append(publishing._signer(publishing._handed_over(signer)))
        raise RuntimeError("stop here: rendering is the browser test's")

    monkeypatch.setattr(publishing.Publisher, "start", start)
    sign_in(client, "maria")
    page = client.get(f"/c/{CAMPAIGN}/check").text
    with pytest.raises(RuntimeError, match="stop here"):
        client.post(f"/c/{CAMPAIGN}/publish", data={"csrf_token": csrf_of(page)})
    maria = read_book(client.app.state.workspace.root).find("maria")
    assert handed[0].public == maria.public and handed[0].name == maria.signer_name
    assert handed[0].name.startswith("coordinator-")


def test_every_post_route_says_who_may_use_it():
    from starlette.routing import Route

    from campaigngen.studio.routes import routes

    posts = [r for r in routes() if isinstance(r, Route) and "POST" in (r.methods or ())]
    anyone_signed_in = {"/setup", "/signin", "/signout", "/people/password"}
    unmarked = [r.path for r in posts if r.path not in anyone_signed_in and not getattr(r.endpoint, "permission", None)]
    assert unmarked == []


def _ana_approves_then_maria_removes_her(client, root):
    """Tom translates a Spanish line, Ana (reviewer) approves it, then Maria (coordinator,
    still signed in after) removes Ana: Ana's account as it was, the People page Maria saw,
    and the answer to the removal."""
    from campaigngen.studio.accounts import read_book

    sign_in(client, "tom")
    _save(client, "call", "Llame ya al {phone}")
    _sign_out(client)
    sign_in(client, "ana")
    _approve(client, "es", all="1")
    _sign_out(client)
    ana = read_book(root).find("ana")
    sign_in(client, "maria")
    people = client.get("/people").text
    return ana, people, client.post("/people/remove", data={"name": "ana", "csrf_token": csrf_of(people)})


def test_someone_who_leaves_can_no_longer_sign_in_and_their_key_counts_no_more(team, root):
    import datetime as dt

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.approvals import approve
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.accounts import read_book, unlock

    client = team
    ana, people, removed = _ana_approves_then_maria_removes_her(client, root)
    assert removed.status_code == 200 and "ana can no longer sign in" in text_of(removed.text)
    itself = client.post("/people/remove", data={"name": "maria", "csrf_token": csrf_of(people)})
    assert itself.status_code == 409 and read_book(root).find("maria") is not None
    _sign_out(client)
    assert sign_in(client, "ana").status_code == 401
    # What she approved while on the team still counts ...
    assert _es_review(root, "call").approved
    # ... and nothing her key signs later does (her key and password kept elsewhere).
    sign_in(client, "tom")
    _save(client, "call", "Llame hoy mismo al {phone}")
    later = unlock(ana, PASSWORD)
    campaign = load_campaign(root / "content" / CAMPAIGN)
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    subject = _es_review(root, "call").subject
    approve(snapshot, "es", [subject], later, now=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5))
    review = _es_review(root, "call")
    assert not review.approved and "is not a trusted reviewer's" in review.refused[0][1]


def _change_role(client, name: str, role: str):
    people = client.get("/people").text
    return client.post("/people/role", data={"name": name, "role": role, "csrf_token": csrf_of(people)})


def test_a_coordinator_changes_a_role_and_it_holds_at_once_in_open_sessions(team, root):
    import datetime as dt

    from starlette.testclient import TestClient
    from studio_helpers import BASE

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.approvals import approve, may_approve, reviewer_trust
    from campaigngen.release.signing import REVIEW_NAMESPACE
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.accounts import read_book, unlock

    maria = team
    sign_in(maria, "tom")
    _save(maria, "call", "Llame ya al {phone}")
    _sign_out(maria)
    # Ana stays signed in in her own browser while Maria changes her role.
    ana = TestClient(maria.app, base_url=BASE, follow_redirects=False)
    sign_in(ana, "ana")
    offered, _ = _approve(ana, "es", line="message call|x")
    assert "message call|" in " ".join(offered)
    _approve(ana, "es", all="1")
    assert _es_review(root, "call").approved
    sign_in(maria, "maria")
    itself = _change_role(maria, "maria", "translator")
    assert itself.status_code == 409 and read_book(root).find("maria").role == "coordinator"
    changed = _change_role(maria, "ana", "translator")
    assert changed.status_code == 200, changed.text
    assert "ana is now a translator" in text_of(changed.text)
    assert read_book(root).find("ana").role == "translator"
    # At once, in the session she already had: no approving, no changing roles.
    offered, refused = _approve(ana, "es", line="message call|x")
    assert offered == [] and refused.status_code == 403
    assert "Your role (translator) does not approve lines" in text_of(ana.get(f"/c/{CAMPAIGN}/approve/es").text)
    assert _change_role(ana, "tom", "coordinator").status_code == 403
    # What she approved as a reviewer still counts; her key signing now does not (check and
    # publish judge by the same list).
    assert _es_review(root, "call").approved
    account = read_book(root).find("ana")
    # (times are kept to the second: the second she was demoted in was still hers)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    assert reviewer_trust(root).keyring.trusted(account.public, REVIEW_NAMESPACE, soon) is None
    _save(maria, "call", "Llame hoy mismo al {phone}")
    campaign = load_campaign(root / "content" / CAMPAIGN)
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    later = unlock(account, PASSWORD)  # her password still opens her key under the new role
    assert later is not None and later.name.startswith("translator-")
    subject = _es_review(root, "call").subject
    approve(snapshot, "es", [subject], later, now=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5))
    assert "is not a trusted reviewer's" in _es_review(root, "call").refused[0][1]
    # Nor dated back to when she was a reviewer.
    approve(snapshot, "es", [subject], later, now=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
    assert "not among the approvals the key had made by then" in _es_review(root, "call").refused[0][1]
    # Tom, made a reviewer, approves what someone else wrote from then on.
    assert _change_role(maria, "tom", "reviewer").status_code == 200
    assert may_approve(read_book(root).find("tom").public, reviewer_trust(root))
    # A second coordinator, then the first stepping back: the list of reviewers still counts.
    assert _change_role(maria, "tom", "coordinator").status_code == 200
    _sign_out(maria)
    sign_in(maria, "tom")
    assert _change_role(maria, "maria", "reviewer").status_code == 200
    assert may_approve(read_book(root).find("maria").public, reviewer_trust(root))
    assert reviewer_trust(root).problem is None


def test_a_form_about_someone_who_is_not_on_the_team_says_so(team, root):
    from campaigngen.studio.accounts import read_book

    sign_in(team, "maria")
    people = team.get("/people").text
    removed = team.post("/people/remove", data={"name": "nobody", "csrf_token": csrf_of(people)})
    changed = _change_role(team, "nobody", "reviewer")
    for answer in (removed, changed):
        assert answer.status_code == 404 and "There is no such account." in text_of(answer.text)
    assert [a.name for a in read_book(root).accounts] == ["maria", "ana", "tom"]


def test_the_team_always_keeps_a_coordinator(tmp_path):
    from campaigngen.studio.accounts import AccountProblem, Book, new_account

    book = Book(tmp_path / "accounts.json").with_account(new_account("maria", "coordinator", PASSWORD))
    book = book.with_account(new_account("ana", "reviewer", PASSWORD))
    with pytest.raises(AccountProblem, match="needs a coordinator"):
        book.with_role("maria", "reviewer")
    promoted = book.with_role("ana", "coordinator").with_role("maria", "reviewer")
    assert [a.role for a in promoted.accounts] == ["reviewer", "coordinator"]
    with pytest.raises(AccountProblem, match="the role is one of"):
        book.with_role("ana", "owner")


def test_a_removed_person_cannot_back_date_an_approval_with_the_key_they_kept(team, root):
    """Approval times are the signer's word: with her key and password kept, Ana signs an
    approval dated an hour before she was removed. The list the coordinator signed when she
    left fixes which approvals her key had made by then; this one is not among them, so the
    studio, `check` and `publish` (the gate's review findings) all refuse it."""
    import datetime as dt

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.approvals import approve, review_findings, reviewer_trust
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.accounts import unlock

    client = team
    ana, _, removed = _ana_approves_then_maria_removes_her(client, root)
    assert removed.status_code == 200
    _sign_out(client)
    sign_in(client, "tom")
    _save(client, "call", "Llame hoy mismo al {phone}")
    campaign = load_campaign(root / "content" / CAMPAIGN)
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    subject = _es_review(root, "call").subject
    kept = unlock(ana, PASSWORD)
    approve(snapshot, "es", [subject], kept, now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    review = _es_review(root, "call")
    assert not review.approved
    assert "was not among the approvals the key had made by then" in review.refused[0][1]
    # What she approved while on the team still counts.
    assert _es_review(root, "help").approved
    # The gate (check, publish) says the same, and so does the studio's Approve page.
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    unreviewed = [f for f in review_findings(snapshot) if f.message_id == "call" and f.language == "es"]
    assert unreviewed and "not among the approvals" in unreviewed[0].text
    page = text_of(client.get(f"/c/{CAMPAIGN}/approve/es").text)
    assert "Line call" in page
    # The record is in the signed list: taking it out breaks the signature, and then none of
    # the list's reviewers count.
    listed = root / "reviewers"
    text = listed.read_text(encoding="utf-8")
    assert f"#@closed {ana.fingerprint} " in text
    listed.write_text("".join(line + "\n" for line in text.splitlines() if not line.startswith("#@closed")))
    assert reviewer_trust(root).problem is not None
