"""Signing in to the studio, as a team on a network uses it: the first-run page makes the
coordinator's account, the accounts file keeps no password and no usable key, sessions are
cookies no script reads (Secure over HTTPS) renewed at sign-in, every form carries the
session's CSRF token, and wrong passwords are slowed down. On one person's own computer
nobody signs in until the project has accounts."""

from __future__ import annotations

import json
import re
import stat

import pytest
from campaign_kit import sample_campaign
from studio_helpers import CAMPAIGN, csrf_of, studio_client, text_of

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")

TOKEN = "network-token-for-the-tests-0123456789"
NETWORK = "https://192.0.2.10:8800"
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """A lighter scrypt cost for speed: each account keeps the cost it was made with, and
    test_the_accounts_file_keeps_no_password checks the default cost is what is written."""
    from campaigngen.studio import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 1 << 12)


@pytest.fixture
def root(tmp_path):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


def _session(response) -> str | None:
    found = re.search(r"studio_session=([^;]+)", response.headers.get("set-cookie", ""))
    return found.group(1) if found else None


def setup_coordinator(client, name: str = "maria", password: str = PASSWORD):
    first = client.get("/setup")
    assert first.status_code == 200, first.text
    return client.post(
        "/setup", data={"name": name, "password": password, "again": password, "csrf_token": csrf_of(first.text)}
    )


def sign_in(client, name: str, password: str = PASSWORD, next_path: str = "/"):
    form = client.get("/signin")
    assert form.status_code == 200, form.text
    return client.post(
        "/signin", data={"name": name, "password": password, "next": next_path, "csrf_token": csrf_of(form.text)}
    )


def network_client(root):
    return studio_client(root, token=TOKEN, base_url=NETWORK)


def test_the_first_run_makes_the_coordinator_and_signs_them_in(root):
    with network_client(root) as client:
        client.cookies.set("studio_token", TOKEN)
        assert client.get("/").headers["location"] == "/setup"
        assert client.get(f"/c/{CAMPAIGN}/settings").headers["location"] == "/setup"
        assert client.get("/signin").headers["location"] == "/setup"  # nobody to sign in yet
        before = client.cookies.get("studio_session")
        assert before  # the form's session
        made = setup_coordinator(client)
        assert made.status_code == 303 and made.headers["location"] == "/people"
        cookie = made.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie
        assert _session(made) != before  # a new session at sign-in: one planted before is worth nothing
        people = client.get("/people")
        assert people.status_code == 200
        assert "maria · coordinator" in text_of(people.text)
        # The first-run page is gone once there is an account.
        assert client.get("/setup").headers["location"] == "/signin"
        again = client.post(
            "/setup",
            data={"name": "mallory", "password": PASSWORD, "again": PASSWORD, "csrf_token": csrf_of(people.text)},
        )
        assert again.status_code == 303 and again.headers["location"] == "/signin"
    book = json.loads((root / "studio-accounts.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in book["accounts"]] == ["maria"]


def test_the_accounts_file_keeps_no_password_and_no_usable_key(root, monkeypatch):
    from cryptography.hazmat.primitives import serialization

    from campaigngen.studio import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 1 << 17)  # the real cost, once
    account = accounts.new_account("maria", "coordinator", PASSWORD)
    accounts.Book(accounts.accounts_path(root)).with_account(account).save()
    path = root / "studio-accounts.json"
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "PRIVATE KEY" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kept = json.loads(text)["accounts"][0]
    assert (kept["n"], kept["r"], kept["p"]) == (1 << 17, 8, 1) and len(accounts._unb64(kept["salt"])) == 16
    signer = accounts.unlock(accounts.read_book(root).accounts[0], PASSWORD)
    assert signer is not None and signer.public == account.public
    raw = signer.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    assert accounts._b64(raw) not in text and raw.hex() not in text
    assert accounts.unlock(account, PASSWORD + "!") is None
    # The key is named by role and fingerprint, never by the person.
    assert re.fullmatch(r"coordinator-[0-9a-f]{12}", signer.name) and "maria" not in signer.name
    # A sealed key moved to another account does not open there.
    moved = accounts.new_account("ana", "coordinator", PASSWORD)
    stolen = accounts.Account(**{**account.__dict__, "name": "ana", "salt": moved.salt, "verifier": moved.verifier})
    assert accounts.unlock(stolen, PASSWORD) is None


def test_sign_in_sign_out_and_wrong_passwords(root):
    with network_client(root) as client:
        client.cookies.set("studio_token", TOKEN)
        setup_coordinator(client)
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        assert client.get("/").headers["location"] == "/signin"
        assert client.get(f"/c/{CAMPAIGN}/check").headers["location"] == f"/signin?next=/c/{CAMPAIGN}/check"
        # A form or a fragment is refused, and htmx is told where to go.
        refused = client.post(f"/c/{CAMPAIGN}/publish", headers={"HX-Request": "true"})
        assert refused.status_code == 401 and refused.headers["hx-redirect"] == "/signin"
        wrong = sign_in(client, "maria", "not the password")
        assert wrong.status_code == 401 and "The name or the password is not right" in text_of(wrong.text)
        unknown = sign_in(client, "nobody", PASSWORD)
        assert unknown.status_code == 401 and "The name or the password is not right" in text_of(unknown.text)
        good = sign_in(client, "Maria", next_path=f"/c/{CAMPAIGN}/check")  # names are not case-sensitive
        assert good.status_code == 303 and good.headers["location"] == f"/c/{CAMPAIGN}/check"
        assert client.get(f"/c/{CAMPAIGN}/check").status_code == 200
        # Only this studio's own pages are places to go after signing in.
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        assert sign_in(client, "maria", next_path="//evil.example/x").headers["location"] == "/"


def test_wrong_passwords_are_slowed_down(root):
    with network_client(root) as client:
        client.cookies.set("studio_token", TOKEN)
        setup_coordinator(client)
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        for _ in range(5):
            assert sign_in(client, "maria", "guess guess guess").status_code == 401
        # Even the right password now waits: guessing gets no faster by being right by chance.
        held = sign_in(client, "maria")
        assert held.status_code == 429 and "Too many wrong tries: wait" in text_of(held.text)
        # Another name from the same address waits too.
        assert sign_in(client, "ana").status_code == 429


def test_sign_in_forms_need_the_sessions_csrf_token(root):
    with network_client(root) as client:
        client.cookies.set("studio_token", TOKEN)
        client.get("/setup")
        assert client.post("/setup", data={"name": "m", "password": PASSWORD, "again": PASSWORD}).status_code == 403
        setup_coordinator(client)
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        client.get("/signin")
        assert client.post("/signin", data={"name": "maria", "password": PASSWORD}).status_code == 403


def test_on_this_computer_nobody_signs_in_until_the_project_has_accounts(root):
    with studio_client(root) as client:
        assert client.get("/").status_code == 200  # one person on their own laptop: straight in
        people = client.get("/people")
        assert "Set up sign-in for a team" in text_of(people.text)
        made = setup_coordinator(client)
        cookie = made.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie  # plain HTTP here
    with studio_client(root) as client:
        assert client.get("/").headers["location"] == "/signin"  # now a team: everyone signs in
        assert sign_in(client, "maria").status_code == 303
        assert client.get("/").status_code == 200


def test_a_changed_password_opens_the_same_key_and_the_old_one_nothing(root):
    from campaigngen.studio.accounts import read_book

    with network_client(root) as client:
        client.cookies.set("studio_token", TOKEN)
        setup_coordinator(client)
        before = read_book(root).find("maria")
        people = client.get("/people").text
        new = "a different long password"
        wrong = client.post(
            "/people/password", data={"old": "not it at all", "new": new, "again": new, "csrf_token": csrf_of(people)}
        )
        assert wrong.status_code == 422 and "the current password is not right" in text_of(wrong.text)
        changed = client.post(
            "/people/password", data={"old": PASSWORD, "new": new, "again": new, "csrf_token": csrf_of(people)}
        )
        assert changed.status_code == 200 and "Your password is changed." in text_of(changed.text)
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        assert sign_in(client, "maria").status_code == 401
        assert sign_in(client, "maria", new).status_code == 303
    after = read_book(root).find("maria")
    assert after.fingerprint == before.fingerprint and after.sealed_key != before.sealed_key
