"""The people who may use a studio on a network: their accounts, kept in the project.

`studio-accounts.json` at the project's root holds, for each person, a name, a role and what
proves their password without being it: scrypt (hashlib) over the password with a salt of
its own and the cost written beside it. scrypt gives 64 bytes: the first 32 are kept as the
verifier; the other 32 are never kept, and are the key (AES-256-GCM) under which the
person's Ed25519 signing key is stored. So the file holds no password and no usable private
key: the studio can sign for a person only while that person is signed in, with the key their
password just unlocked (studio/people.py keeps it in their session, nowhere else).

A signing key's name (the principal approvals and manifests carry) is its role and part of
its fingerprint (`reviewer-3f9a0c1e22b7`), never the person's name: a release records keys
and roles, not people (the personal-data gate stands).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.release.signing import PublicKey, Signer

ACCOUNTS_NAME = "studio-accounts.json"
ROLES = ("translator", "reviewer", "coordinator")
# What each role may do; reading every page needs only being signed in.
PERMISSIONS: dict[str, frozenset[str]] = {
    "translator": frozenset({"translate"}),
    "reviewer": frozenset({"translate", "approve"}),
    "coordinator": frozenset({"translate", "approve", "edit", "waive", "publish", "people", "install"}),
}
ROLE_WORDS = {
    "translator": "translates lines",
    "reviewer": "translates, and approves lines someone else wrote",
    "coordinator": "edits the campaign, approves, waives findings, publishes, adds people, models and voices",
}
# scrypt at OWASP's recommended cost (N=2^17, r=8, p=1: 128 MiB, about 0.3 s here); each
# account keeps the cost it was made with, so raising it later does not lock anyone out.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 17, 8, 1
MIN_PASSWORD = 10
_NAME = re.compile(r"^[^\s\x00-\x1f\x7f]{1,64}$")
_FORMAT = 1


class AccountProblem(ValueError):
    """A name, role or password that cannot be used; its text is for the form."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Account:
    name: str  # what the person signs in with; shown to the team, never published
    role: str
    salt: str  # base64
    n: int
    r: int
    p: int
    verifier: str  # base64 of scrypt's first 32 bytes
    public_key: str  # OpenSSH line of the signing key
    key_nonce: str  # base64, AES-GCM
    sealed_key: str  # base64: the Ed25519 private key (raw 32 bytes) under scrypt's last 32 bytes
    # The role the key was sealed with (bound into the seal); a coordinator changes a
    # person's role without their password, so the role can differ until the next new password.
    sealed_role: str = ""

    @property
    def public(self) -> PublicKey:
        kind, blob = self.public_key.split()[:2]
        return PublicKey.from_openssh(kind, blob)

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def signer_name(self) -> str:
        return signer_name(self.role, self.public)

    def may(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())


def signer_name(role: str, public: PublicKey) -> str:
    """The principal a key signs as: its role and 12 hex digits of its key, no person's name."""
    return f"{role}-{hashlib.sha256(public.blob).hexdigest()[:12]}"


# Each scrypt takes 128 MiB: a crowd of sign-in tries at once must not take the machine's memory.
_STRETCHING = threading.BoundedSemaphore(2)


def _stretch(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _STRETCHING:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 << 20, dklen=64)


def _aad(name: str, role: str, public_key: str) -> bytes:
    """What the sealed key is bound to: moved to another account, or its role (sealed_role)
    changed in the file, it does not open."""
    return json.dumps([name, role, public_key]).encode("utf-8")


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise AccountProblem("a name is 1 to 64 letters, digits or signs, without spaces")
    return name


def check_password(password: str, name: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountProblem(f"a password has at least {MIN_PASSWORD} characters (a few words are easy to remember)")
    if password.strip().lower() == name.strip().lower():
        raise AccountProblem("the password must not be the name")
    return password


def _seal(name: str, role: str, password: str, private_raw: bytes, cost: tuple[int, int, int]) -> Account:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from campaigngen.release.signing import PublicKey

    n, r, p = cost
    salt = secrets.token_bytes(16)
    stretched = _stretch(password, salt, n, r, p)
    public = PublicKey(_public_raw(private_raw))
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(stretched[32:]).encrypt(nonce, private_raw, _aad(name, role, public.openssh()))
    return Account(
        name, role, _b64(salt), n, r, p, _b64(stretched[:32]), public.openssh(), _b64(nonce), _b64(sealed), role
    )


def _public_raw(private_raw: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private_raw)
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_account(name: str, role: str, password: str, cost: tuple[int, int, int] | None = None) -> Account:
    """An account with a signing key of its own, made here and sealed under the password."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    name = check_name(name)
    if role not in ROLES:
        raise AccountProblem(f"the role is one of {', '.join(ROLES)}")
    check_password(password, name)
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return _seal(name, role, password, raw, cost or (SCRYPT_N, SCRYPT_R, SCRYPT_P))


def unlock(account: Account, password: str) -> Signer | None:
    """The account's signer when the password is right, else None (same work either way)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    stretched = _stretch(password, _unb64(account.salt), account.n, account.r, account.p)
    if not hmac.compare_digest(stretched[:32], _unb64(account.verifier)):
        return None
    try:
        raw = AESGCM(stretched[32:]).decrypt(
            _unb64(account.key_nonce),
            _unb64(account.sealed_key),
            _aad(account.name, account.sealed_role or account.role, account.public_key),
        )
    except InvalidTag:
        return None
    key = Ed25519PrivateKey.from_private_bytes(raw)
    public = PublicKey(_public_raw(raw))
    if public != account.public:
        return None
    return Signer(key, public, account.signer_name)


def with_new_password(account: Account, old: str, new: str) -> Account:
    """The same account and key, sealed under a new password; AccountProblem if old is wrong."""
    from cryptography.hazmat.primitives import serialization

    signer = unlock(account, old)
    if signer is None:
        raise AccountProblem("the current password is not right")
    check_password(new, account.name)
    raw = signer.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return _seal(account.name, account.role, new, raw, (account.n, account.r, account.p))


@dataclass(frozen=True)
class Book:
    """Every account of the project, as the file holds them."""

    path: Path
    accounts: tuple[Account, ...] = ()

    def find(self, name: str) -> Account | None:
        wanted = name.strip().casefold()
        return next((a for a in self.accounts if a.name.casefold() == wanted), None)

    def with_account(self, account: Account) -> Book:
        if self.find(account.name) is not None:
            raise AccountProblem(f"there is already an account named {account.name}")
        return replace(self, accounts=(*self.accounts, account))

    def without(self, name: str) -> Book:
        return replace(self, accounts=tuple(a for a in self.accounts if a.name != name))

    def replaced(self, account: Account) -> Book:
        kept = tuple(account if a.name == account.name else a for a in self.accounts)
        return replace(self, accounts=kept)

    def with_role(self, name: str, role: str) -> Book:
        """The person's role changed; AccountProblem when nobody would be left to coordinate."""
        if role not in ROLES:
            raise AccountProblem(f"the role is one of {', '.join(ROLES)}")
        account = self.find(name)
        if account is None:
            raise AccountProblem("there is no such account")
        changed = replace(account, role=role, sealed_role=account.sealed_role or account.role)
        book = self.replaced(changed)
        if not any(a.role == "coordinator" for a in book.accounts):
            raise AccountProblem("the team needs a coordinator: make someone else a coordinator first")
        return book

    def save(self) -> None:
        data = {"format": _FORMAT, "accounts": [asdict(a) for a in self.accounts]}
        write_bytes_atomic(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        os.chmod(self.path, 0o600)  # hashes are still worth guessing at: the owner's only


def accounts_path(project: Path) -> Path:
    return project / ACCOUNTS_NAME


def read_book(project: Path) -> Book:
    """The project's accounts (none when the file is missing); a damaged file is an InputError."""
    from campaigngen.exceptions import InputError

    path = accounts_path(project)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Book(path)
    except OSError as exc:
        raise InputError(path, f"cannot read the studio's accounts ({exc.strerror})") from None
    try:
        data: Any = json.loads(raw.decode("utf-8"))
        fields = set(Account.__dataclass_fields__) - {"sealed_role"}
        accounts = tuple(
            Account(**{k: entry[k] for k in fields}, sealed_role=entry.get("sealed_role") or entry["role"])
            for entry in data["accounts"]
        )
        for account in accounts:
            account.public  # noqa: B018  (a key that cannot be read is a damaged file)
            if account.role not in ROLES or account.sealed_role not in ROLES:
                raise ValueError(account.role)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InputError(
            path, "the studio's accounts file is damaged", hint="restore it from a backup, or remove it to start over"
        ) from None
    return Book(path, accounts)
