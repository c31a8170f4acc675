"""Signatures: Ed25519 keys, and signatures in OpenSSH's SSHSIG format.

Hashes in a manifest prove the files match the manifest; only a signature proves the
manifest is the one its publisher signed. Every signature campaigngen writes (a release's
``manifest.json.sig``, a bundle's ``SHA256SUMS.sig``, a withdrawal) is an armored SSHSIG
(OpenSSH's PROTOCOL.sshsig), so partners can check it with the stock tool, OpenSSH 8.1 and
later, without campaigngen::

    ssh-keygen -Y verify -f allowed_signers -I publisher -n campaigngen-bundle -s FILE.sig < FILE

Each kind of signature has its own namespace (the ``-n``), so a signature made for one
purpose can never be passed off as another (a bundle's checksum signature as a release's).

The private key is made once with ``campaigngen keys new`` (PKCS#8 PEM, its owner's only)
and kept outside the project; an OpenSSH ed25519 key (``ssh-keygen -t ed25519``) works too.
Its public half is written as an OpenSSH public key line whose comment is the signer's name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError, SignatureInvalid

SIGNATURE_NAME = "manifest.json.sig"
ALGORITHM = "ed25519"
SIGNATURE_FORMAT = "sshsig"

# SSHSIG namespaces, one per purpose (the keyring's `namespaces=` option names them).
RELEASE_NAMESPACE = "campaigngen-release"  # a release's manifest.json
BUNDLE_NAMESPACE = "campaigngen-bundle"  # a partner bundle's SHA256SUMS
WITHDRAWAL_NAMESPACE = "campaigngen-withdrawal"  # a withdrawal record
KEYRING_NAMESPACE = "campaigngen-keyring"  # a list of trusted keys (e.g. the reviewers, issue 22)
REVIEW_NAMESPACE = "campaigngen-review"  # a reviewer's approval (issue 22)

DEFAULT_SIGNER = "publisher"
_SIGNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
_SSH_ED25519 = b"ssh-ed25519"
_MAGIC = b"SSHSIG"
_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"
_LEGACY_PUB = "campaigngen-release-key"  # the .pub format before SSHSIG (still read)


def config_dir() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")) / "campaigngen"


def default_key_path() -> Path:
    return config_dir() / "release-signing.key"


def public_key_path(private: Path) -> Path:
    return private.with_suffix(".pub")


def check_signer_name(name: str) -> str:
    """A name usable as an allowed_signers principal: no spaces, commas, quotes or wildcards."""
    if not _SIGNER_NAME.match(name):
        raise InputError(
            None,
            f"signer name '{name}' may use letters, digits and . _ @ + - (no spaces), at most 64",
            hint="e.g. --name sample-outreach",
        )
    return name


# --------------------------------------------------------------------------- wire format


def _string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


class _Reader:
    """SSH wire format: uint32 and length-prefixed strings; any overrun is a ValueError."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def raw(self, count: int) -> bytes:
        if self.at + count > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def uint32(self) -> int:
        return int.from_bytes(self.raw(4), "big")

    def string(self) -> bytes:
        return self.raw(self.uint32())

    def done(self) -> bool:
        return self.at == len(self.data)


@dataclass(frozen=True)
class PublicKey:
    raw: bytes  # the 32 bytes of an Ed25519 public key

    @property
    def blob(self) -> bytes:
        """The key in SSH wire format, as fingerprints and signatures carry it."""
        return _string(_SSH_ED25519) + _string(self.raw)

    @property
    def fingerprint(self) -> str:
        """As `ssh-keygen -l` prints it, so a partner can compare it with the stock tool."""
        return "SHA256:" + base64.b64encode(hashlib.sha256(self.blob).digest()).decode("ascii").rstrip("=")

    @property
    def legacy_fingerprint(self) -> str:
        """How manifests before SSHSIG named a key (still accepted when verifying them)."""
        digest = hashlib.sha256(self.raw).hexdigest()[:32]
        return ":".join(digest[i : i + 4] for i in range(0, 32, 4))

    @property
    def text(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    def openssh(self, comment: str = "") -> str:
        line = f"ssh-ed25519 {base64.b64encode(self.blob).decode('ascii')}"
        return f"{line} {comment}".rstrip()

    @classmethod
    def from_blob(cls, blob: bytes) -> PublicKey:
        reader = _Reader(blob)
        if reader.string() != _SSH_ED25519:
            raise ValueError("not an ssh-ed25519 key")
        raw = reader.string()
        if len(raw) != 32 or not reader.done():
            raise ValueError("not an ssh-ed25519 key")
        return cls(raw)

    @classmethod
    def from_openssh(cls, key_type: str, base64_blob: str) -> PublicKey:
        if key_type != "ssh-ed25519":
            raise ValueError(f"{key_type} keys are not used here")
        return cls.from_blob(base64.b64decode(base64_blob, validate=True))


def describe(key: PublicKey) -> dict[str, Any]:
    """How a manifest or a record names the key that signed it."""
    return {
        "algorithm": ALGORITHM,
        "format": SIGNATURE_FORMAT,
        "public_key": key.openssh(),
        "public_key_fingerprint": key.fingerprint,
    }


def key_named(entry: Any) -> PublicKey:
    """The key a manifest's signature block names (an OpenSSH line, or the raw base64 of the
    format before SSHSIG); ValueError when it names none."""
    if not isinstance(entry, dict) or not isinstance(entry.get("public_key"), str):
        raise ValueError("no public key")
    text = entry["public_key"].strip()
    words = text.split()
    key = PublicKey.from_openssh(words[0], words[1]) if len(words) >= 2 else _legacy_raw(text)
    claimed = entry.get("public_key_fingerprint")
    if claimed not in (key.fingerprint, key.legacy_fingerprint):
        raise ValueError("the fingerprint named is not the key's")
    return key


def _legacy_raw(text: str) -> PublicKey:
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not a key") from None
    if len(raw) != 32:
        raise ValueError("not an Ed25519 key")
    return PublicKey(raw)


# --------------------------------------------------------------------------- key files


def new_key(path: Path, name: str = DEFAULT_SIGNER) -> PublicKey:
    """Make a key pair: the private key (PEM, readable by its owner only) and PATH.pub, an
    OpenSSH public key line whose comment is the signer's name."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    check_signer_name(name)
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
    write_bytes_atomic(public_key_path(path), (public.openssh(name) + "\n").encode("ascii"))
    return public


def _private(path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the signing key ({exc.strerror})") from None
    key: Any = None
    for loader in (serialization.load_pem_private_key, serialization.load_ssh_private_key):
        try:
            key = loader(data, password=None)
            break
        except TypeError:
            raise InputError(path, "the key is protected by a password, which campaigngen cannot ask for yet") from None
        except (ValueError, binascii.Error):
            continue
    if key is None:
        raise InputError(path, "not a campaigngen signing key", hint="make one with: campaigngen keys new")
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(path, "not an Ed25519 key", hint="make one with: campaigngen keys new")
    return key


def load_public_key(path: Path) -> tuple[PublicKey, str]:
    """A public key file: an OpenSSH line (`keys new` writes one; `ssh-keygen -t ed25519`
    too) or the older campaigngen format. Returns the key and the name in its comment. Its
    contents are never echoed back in an error."""
    try:
        words = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        raise InputError(path, "cannot read the public key file", hint="use the .pub file `keys new` wrote") from None
    try:
        if len(words) == 3 and words[0] == _LEGACY_PUB and words[1] == ALGORITHM:
            return _legacy_raw(words[2]), DEFAULT_SIGNER
        if len(words) < 2:
            raise ValueError
        name = words[2] if len(words) > 2 else DEFAULT_SIGNER
        return PublicKey.from_openssh(words[0], words[1]), name
    except (ValueError, binascii.Error):
        raise InputError(
            path, "not an Ed25519 public key", hint="use the .pub file `keys new` wrote (ssh-ed25519 ...)"
        ) from None


@dataclass(frozen=True)
class Signer:
    key: Any  # cryptography's Ed25519PrivateKey
    public: PublicKey
    name: str  # the principal partners name with ssh-keygen -I

    def sign(self, data: bytes, namespace: str) -> bytes:
        return sshsig_sign(self, data, namespace)


def signer_of(private_path: Path) -> Signer:
    """The private key at that path, with the name its .pub file gives it (DEFAULT_SIGNER if
    there is none, or it belongs to another key)."""
    from cryptography.hazmat.primitives import serialization

    key = _private(private_path)
    public = PublicKey(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    name = DEFAULT_SIGNER
    beside = public_key_path(private_path)
    if beside.is_file():
        try:
            found, comment = load_public_key(beside)
            if found == public and _SIGNER_NAME.match(comment):
                name = comment
        except InputError:
            pass
    return Signer(key, public, name)


# --------------------------------------------------------------------------- SSHSIG


def _signed_data(namespace: str, hash_algorithm: str, message: bytes) -> bytes:
    digest = hashlib.new(hash_algorithm, message).digest()
    return _MAGIC + _string(namespace.encode()) + _string(b"") + _string(hash_algorithm.encode()) + _string(digest)


def sshsig_sign(signer: Signer, message: bytes, namespace: str) -> bytes:
    """An armored SSHSIG signature of message (sha512), as `ssh-keygen -Y sign` writes it."""
    signature = signer.key.sign(_signed_data(namespace, "sha512", message))
    blob = (
        _MAGIC
        + (1).to_bytes(4, "big")
        + _string(signer.public.blob)
        + _string(namespace.encode())
        + _string(b"")
        + _string(b"sha512")
        + _string(_string(_SSH_ED25519) + _string(signature))
    )
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return ("\n".join([_ARMOR_BEGIN, *lines, _ARMOR_END]) + "\n").encode("ascii")


def armor(one_line: str) -> bytes:
    """An SSHSIG kept on one line (an approvals file holds it so) as the armored text
    `ssh-keygen -Y verify` reads."""
    body = "\n".join(one_line[i : i + 70] for i in range(0, len(one_line), 70))
    return f"{_ARMOR_BEGIN}\n{body}\n{_ARMOR_END}\n".encode("ascii")


def one_line(armored: bytes) -> str:
    """The inverse of armor: the signature's base64 on one line."""
    text = armored.decode("ascii")
    return "".join(text.replace(_ARMOR_BEGIN, "").replace(_ARMOR_END, "").split())


def sshsig_verify(armored: bytes, message: bytes, namespace: str) -> PublicKey:
    """The key that made this signature of message in this namespace; SignatureInvalid when
    it is not a valid one. Whether that key is to be trusted is the caller's question."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        text = armored.decode("ascii").strip()
        if not (text.startswith(_ARMOR_BEGIN) and text.endswith(_ARMOR_END)):
            raise ValueError("not an SSH signature")
        body = "".join(text[len(_ARMOR_BEGIN) : -len(_ARMOR_END)].split())
        reader = _Reader(base64.b64decode(body, validate=True))
        if reader.raw(6) != _MAGIC or reader.uint32() != 1:
            raise ValueError("not an SSHSIG signature")
        key = PublicKey.from_blob(reader.string())
        signed_namespace = reader.string().decode("ascii")
        reader.string()  # reserved
        hash_algorithm = reader.string().decode("ascii")
        signature = _Reader(reader.string())
        if not reader.done() or signature.string() != _SSH_ED25519:
            raise ValueError("not an Ed25519 signature")
        raw_signature = signature.string()
        if hash_algorithm not in ("sha256", "sha512"):
            raise ValueError(f"hash {hash_algorithm}")
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise SignatureInvalid(f"the signature file cannot be read ({exc})") from None
    if signed_namespace != namespace:
        raise SignatureInvalid(
            f"the signature was made for '{signed_namespace}', not for '{namespace}' - it signs something else"
        )
    try:
        Ed25519PublicKey.from_public_bytes(key.raw).verify(
            raw_signature, _signed_data(namespace, hash_algorithm, message)
        )
    except InvalidSignature:
        raise SignatureInvalid(
            f"the signature does not match for key {key.fingerprint} - what it signs was changed after it was signed"
        ) from None
    return key


def check_legacy_signature(public: PublicKey, data: bytes, signature_file: bytes) -> None:
    """A release signed before SSHSIG: base64 of a bare Ed25519 signature over manifest.json."""
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


def check_signature_file(key: PublicKey, data: bytes, signature_file: bytes, namespace: str) -> None:
    """The signature in signature_file holds for data and was made by key (either format)."""
    if signature_file.lstrip().startswith(_ARMOR_BEGIN.encode()):
        signer = sshsig_verify(signature_file, data, namespace)
        if signer != key:
            raise SignatureInvalid(
                f"the signature was made by key {signer.fingerprint}, not by {key.fingerprint} named in the manifest"
            )
    else:
        check_legacy_signature(key, data, signature_file)
