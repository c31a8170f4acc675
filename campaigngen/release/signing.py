"""Signed releases: an Ed25519 signature over manifest.json, so a changed manifest is caught.

Hashes in the manifest prove the files match the manifest; only a signature proves the
manifest is the one the campaign published. The private key is made once with
`campaigngen keys new` and kept outside the project (by default in the user's config
folder); partners get the public key file and run `campaigngen verify RELEASE --key FILE`.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError, SignatureInvalid

SIGNATURE_NAME = "manifest.json.sig"
ALGORITHM = "ed25519"


def default_key_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "campaigngen" / "release-signing.key"


def public_key_path(private: Path) -> Path:
    return private.with_suffix(".pub")


@dataclass(frozen=True)
class PublicKey:
    raw: bytes  # the 32 bytes of an Ed25519 public key

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the key, first 16 bytes as hex pairs: what people compare by eye."""
        digest = hashlib.sha256(self.raw).hexdigest()[:32]
        return ":".join(digest[i : i + 4] for i in range(0, 32, 4))

    @property
    def text(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")


def new_key(path: Path) -> PublicKey:
    """Make a key pair: the private key (PEM, readable by its owner only) and PATH.pub."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if path.exists():
        raise InputError(
            path, "a key is already there - a key is never overwritten", hint="keep using it, or give another --out"
        )
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(pem)
    public = PublicKey(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    write_bytes_atomic(public_key_path(path), f"campaigngen-release-key {ALGORITHM} {public.text}\n".encode())
    return public


def _private(path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise InputError(path, f"cannot read the signing key ({exc.strerror})") from None
    except (ValueError, TypeError):
        raise InputError(path, "not a campaigngen signing key", hint="make one with: campaigngen keys new") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(path, "not an Ed25519 key", hint="make one with: campaigngen keys new")
    return key


def load_public_key(path: Path) -> PublicKey:
    """A .pub file written by `keys new` (its contents are never echoed back in an error)."""
    try:
        words = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        raise InputError(path, "cannot read the public key file", hint="use the .pub file `keys new` wrote") from None
    try:
        if len(words) != 3 or words[0] != "campaigngen-release-key" or words[1] != ALGORITHM:
            raise ValueError
        raw = base64.b64decode(words[2], validate=True)
        if len(raw) != 32:
            raise ValueError
    except ValueError:
        raise InputError(path, "not a campaigngen public key", hint="use the .pub file `keys new` wrote") from None
    return PublicKey(raw)


def signer_of(private_path: Path) -> tuple[PublicKey, object]:
    from cryptography.hazmat.primitives import serialization

    key = _private(private_path)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(raw), key


def sign(key, data: bytes) -> bytes:
    return base64.b64encode(key.sign(data)) + b"\n"


def check_signature(public: PublicKey, data: bytes, signature_file: bytes) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public.raw).verify(
            base64.b64decode(signature_file.strip(), validate=True), data
        )
    except (InvalidSignature, ValueError):
        raise SignatureInvalid(
            f"the signature does not match manifest.json for key {public.fingerprint} - "
            f"the manifest was changed after it was published, or signed with another key"
        ) from None
