"""Trusted keys: which keys may sign what, in OpenSSH's allowed_signers format.

One line per key, exactly as ``ssh-keygen -Y verify -f FILE`` reads it, so a partner's
keyring is also the file the stock tool checks a bundle with::

    sample-outreach namespaces="campaigngen-release,campaigngen-bundle,..." ssh-ed25519 AAAA... release key
    ana@example.org namespaces="campaigngen-review" ssh-ed25519 AAAA... reviewer, Spanish

- the principal (first field) is the signer's name (``ssh-keygen -Y verify -I``);
- ``namespaces=`` is the key's role: what it may sign. A publisher signs releases, bundles,
  withdrawals and lists of keys; a reviewer signs approvals only. A line without it is
  trusted for everything, as OpenSSH reads it;
- ``valid-after=`` / ``valid-before=`` (YYYYMMDD[HHMM[SS]][Z]) bound a key's life, as in OpenSSH;
- the comment (after the key) is for people;
- the fingerprint is the key's, as ``ssh-keygen -l`` prints it.

A list of keys can itself be signed (``FILE.sig``, an SSHSIG in the ``campaigngen-keyring``
namespace): the reviewers a publisher trusts, signed by the publisher's key, are checked
against the partner's own keyring before any of them is believed.

The user's own keyring is ``$XDG_CONFIG_HOME/campaigngen/trusted-keys``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError, SignatureInvalid
from campaigngen.release.signing import (
    BUNDLE_NAMESPACE,
    KEYRING_NAMESPACE,
    RELEASE_NAMESPACE,
    REVIEW_NAMESPACE,
    WITHDRAWAL_NAMESPACE,
    PublicKey,
    Signer,
    check_signer_name,
    config_dir,
    sshsig_verify,
)

KEYRING_NAME = "trusted-keys"
ROLES: dict[str, tuple[str, ...]] = {
    "publisher": (RELEASE_NAMESPACE, BUNDLE_NAMESPACE, WITHDRAWAL_NAMESPACE, KEYRING_NAMESPACE),
    "reviewer": (REVIEW_NAMESPACE,),
}
_TIME = re.compile(r"^(\d{8})(\d{4}(\d{2})?)?(Z)?$")


def default_keyring_path() -> Path:
    return config_dir() / KEYRING_NAME


@dataclass(frozen=True)
class TrustedKey:
    principals: tuple[str, ...]
    key: PublicKey
    namespaces: tuple[str, ...] | None  # None: any (a line without namespaces=)
    comment: str = ""
    valid_after: dt.datetime | None = None
    valid_before: dt.datetime | None = None

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint

    @property
    def role(self) -> str:
        """'publisher', 'reviewer', 'any' or the namespaces themselves."""
        if self.namespaces is None:
            return "any"
        for role, namespaces in ROLES.items():
            if set(self.namespaces) == set(namespaces):
                return role
        return ",".join(self.namespaces)

    def may_sign(self, namespace: str, when: dt.datetime | None = None) -> bool:
        when = when or dt.datetime.now(dt.UTC)
        if self.valid_after and when < self.valid_after:
            return False
        if self.valid_before and when >= self.valid_before:
            return False
        return self.namespaces is None or namespace in self.namespaces

    def line(self) -> str:
        options = [f'namespaces="{",".join(self.namespaces)}"'] if self.namespaces is not None else []
        for name, value in (("valid-after", self.valid_after), ("valid-before", self.valid_before)):
            if value is not None:
                options.append(f"{name}={value.strftime('%Y%m%d%H%M%S')}Z")
        fields = [",".join(self.principals), ",".join(options), self.key.openssh(self.comment)]
        return " ".join(f for f in fields if f)


@dataclass(frozen=True)
class Keyring:
    keys: tuple[TrustedKey, ...]
    source: str  # where it was read from, for messages
    closures: tuple[Closure, ...] = ()

    def trusted(self, key: PublicKey, namespace: str, when: dt.datetime | None = None) -> TrustedKey | None:
        """The entry that lets this key sign in this namespace, or None."""
        return next((t for t in self.keys if t.key == key and t.may_sign(namespace, when)), None)

    def closures_for(self, fingerprint: str) -> tuple[Closure, ...]:
        return tuple(c for c in self.closures if c.fingerprint == fingerprint)

    def __add__(self, other: Keyring) -> Keyring:
        return Keyring(self.keys + other.keys, f"{self.source} and {other.source}", self.closures + other.closures)


@dataclass(frozen=True)
class Closure:
    """What a key had signed when its trust ended: a time's word is its signer's, so a key kept
    after it stopped counting could sign something dated before. Of what it signs dated before
    `before`, only what is listed here (by digest) was there when it stopped.

    Kept in the keyring file as a comment line, which `ssh-keygen` skips and the file's
    signature covers: ``#@closed SHA256:... 20261205220001Z <sha256 hex> ...``."""

    fingerprint: str
    before: dt.datetime
    digests: frozenset[str]

    def line(self) -> str:
        stamp = self.before.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")
        return " ".join((CLOSURE_MARK, self.fingerprint, f"{stamp}Z", *sorted(self.digests)))


CLOSURE_MARK = "#@closed"
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def parse_closure(text: str) -> Closure:
    fields = text.split()
    if len(fields) < 3 or fields[0] != CLOSURE_MARK or not fields[1].startswith("SHA256:"):
        raise ValueError(f"expected: {CLOSURE_MARK} SHA256:FINGERPRINT YYYYMMDDHHMMSSZ [DIGEST...]")
    digests = frozenset(fields[3:])
    if not all(_DIGEST.match(d) for d in digests):
        raise ValueError("a digest is not 64 hex digits")
    return Closure(fields[1], _when(fields[2]), digests)


def entry(key: PublicKey, name: str, role: str, comment: str = "") -> TrustedKey:
    if role not in ROLES:
        raise InputError(None, f"role '{role}' is not one of {', '.join(ROLES)}")
    return TrustedKey((check_signer_name(name),), key, ROLES[role], " ".join(comment.split()))


# --------------------------------------------------------------------------- reading


def _fields(text: str) -> list[str]:
    """Whitespace-separated fields; double quotes keep spaces and commas inside one."""
    fields: list[str] = []
    current: list[str] = []
    quoted = started = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char.isspace() and not quoted:
            if started:
                fields.append("".join(current))
                current, started = [], False
            continue
        current.append(char)
        started = True
    if quoted:
        raise ValueError("a quote is not closed")
    if started:
        fields.append("".join(current))
    return fields


def _options(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for option in re.findall(r'(?:[^,"]|"[^"]*")+', text):
        name, _, value = option.partition("=")
        found[name.strip().lower()] = value.strip().strip('"') if value else None
    return found


def _when(text: str) -> dt.datetime:
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"time '{text}' is not YYYYMMDD[HHMM[SS]][Z]")
    stamp = match.group(1) + (match.group(2) or "0000")
    stamp += "" if match.group(3) else "00"
    # OpenSSH reads a time without Z as local time; the keyring is the user's own file.
    moment = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")
    return moment.replace(tzinfo=dt.UTC) if match.group(4) else moment.astimezone()


def parse_line(text: str) -> TrustedKey | None:
    """One line of a keyring (None for a blank line or a comment); ValueError says what is wrong."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    fields = _fields(stripped)
    if len(fields) < 3:
        raise ValueError("expected: name [options] ssh-ed25519 KEY [comment]")
    principals = tuple(p for p in fields[0].split(",") if p)
    options: dict[str, str | None] = {}
    rest = fields[1:]
    if not rest[0].startswith("ssh-"):
        options, rest = _options(rest[0]), rest[1:]
    if len(rest) < 2:
        raise ValueError("expected: name [options] ssh-ed25519 KEY [comment]")
    key = PublicKey.from_openssh(rest[0], rest[1])
    known = {"namespaces", "valid-after", "valid-before"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ValueError(f"option {unknown[0]} is not supported here (only {', '.join(sorted(known))})")
    namespaces = options.get("namespaces")
    return TrustedKey(
        principals,
        key,
        tuple(n for n in namespaces.split(",") if n) if namespaces is not None else None,
        " ".join(rest[2:]),
        _when(options["valid-after"] or "") if "valid-after" in options else None,
        _when(options["valid-before"] or "") if "valid-before" in options else None,
    )


def parse_keyring(text: str, source: str) -> Keyring:
    keys = []
    closures = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            if line.startswith(CLOSURE_MARK):
                closures.append(parse_closure(line))
                continue
            found = parse_line(line)
        except ValueError as exc:
            raise InputError(source, f"not a trusted-key line ({exc})", line=number) from None
        if found is not None:
            keys.append(found)
    return Keyring(tuple(keys), source, tuple(closures))


def load_keyring(path: Path, signed_by: Keyring | None = None) -> Keyring:
    """A keyring file. With signed_by, it must carry PATH.sig made by a key signed_by trusts
    to sign lists of keys (a publisher's list of reviewers, checked against your own keys)."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read the keyring ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(path, "not a keyring (not text)") from None
    keyring = parse_keyring(text, str(path))
    if signed_by is not None:
        signature = path.with_name(path.name + ".sig")
        try:
            armored = signature.read_bytes()
        except OSError:
            raise SignatureInvalid(f"{path}: the list of keys is not signed ({signature.name} is missing)") from None
        signer = sshsig_verify(armored, data, KEYRING_NAMESPACE)
        if signed_by.trusted(signer, KEYRING_NAMESPACE) is None:
            raise SignatureInvalid(
                f"{path}: signed by key {signer.fingerprint}, which {signed_by.source} does not trust to sign lists of keys"
            )
    return keyring


def sign_keyring(path: Path, signer: Signer) -> Path:
    """Write PATH.sig: the list of keys at path, signed (`ssh-keygen -Y verify -n campaigngen-keyring` checks it)."""
    signature = path.with_name(path.name + ".sig")
    write_bytes_atomic(signature, signer.sign(path.read_bytes(), KEYRING_NAMESPACE))
    return signature


def trust_sources(keys: Sequence[Path], keyrings: Sequence[Path]) -> Keyring | None:
    """What verify trusts: the keys and keyrings given, else the user's own keyring if it
    exists, else nothing (None: the publisher cannot be confirmed)."""
    from campaigngen.release.signing import load_public_key

    given = []
    for path in keys:
        key, name = load_public_key(path)
        given.append(Keyring((TrustedKey((name,), key, ROLES["publisher"]),), str(path)))
    given += [load_keyring(path) for path in keyrings]
    if not given and default_keyring_path().is_file():
        given.append(load_keyring(default_keyring_path()))
    return combine(given)


def combine(rings: Sequence[Keyring]) -> Keyring | None:
    """One keyring trusting what any of them trusts; None when there are none."""
    if not rings:
        return None
    combined = rings[0]
    for more in rings[1:]:
        combined = combined + more
    return combined


def _in_force(key: TrustedKey, now: dt.datetime) -> bool:
    return (key.valid_after is None or key.valid_after <= now) and (key.valid_before is None or now < key.valid_before)


def add_trusted(path: Path, new: TrustedKey, now: dt.datetime | None = None) -> bool:
    """Add a key to a keyring file (created if need be); False when it is trusted there
    already, for the same things. A key whose trust was ended (valid-before) gets a line of
    its own valid from now: what it signed in between stays untrusted."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    existing = parse_keyring(text, str(path))
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    same = [t for t in existing.keys if t.key == new.key and t.namespaces == new.namespaces]
    if any(_in_force(t, now) for t in same):
        return False
    if same and new.valid_after is None:
        new = replace(new, valid_after=now)
    header = "" if text else "# campaigngen trusted keys - OpenSSH allowed_signers format (ssh-keygen -Y verify -f)\n"
    if text and not text.endswith("\n"):
        text += "\n"
    write_bytes_atomic(path, (header + text + new.line() + "\n").encode("utf-8"))
    return True


def end_trust(path: Path, key: PublicKey, moment: dt.datetime, namespaces: tuple[str, ...] | None = None) -> bool:
    """Every line of the keyring file trusting this key (for exactly these namespaces, or for
    anything when None) stops at moment (valid-before), the rest of the file kept as it is;
    False when no line trusted it."""
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    changed = False
    lines = []
    for line in text.splitlines():
        found = parse_line(line)
        if (
            found is not None
            and found.key == key
            and (namespaces is None or found.namespaces == namespaces)
            and (found.valid_before is None or found.valid_before > moment)
        ):
            line, changed = replace(found, valid_before=moment).line(), True
        lines.append(line)
    if changed:
        write_bytes_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return changed


def close_signed(path: Path, closure: Closure) -> None:
    """Record in the keyring file what the key had signed when its trust ended (a closure of
    the same key before it is merged in: what was listed then stays listed)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept, digests = [], set(closure.digests)
    for line in text.splitlines():
        if line.startswith(CLOSURE_MARK):
            earlier = parse_closure(line)
            if earlier.fingerprint == closure.fingerprint:
                digests |= earlier.digests
                continue
        kept.append(line)
    merged = Closure(closure.fingerprint, closure.before, frozenset(digests))
    write_bytes_atomic(path, ("\n".join([*kept, merged.line()]) + "\n").encode("utf-8"))
