"""HTTPS for the studio beyond this computer: anyone on the same Wi-Fi could otherwise read the
access token and every page.

Either the person gives a certificate and its key (from their organization), or the studio
makes a small certificate authority of its own once, in ``$XDG_CONFIG_HOME/campaigngen/studio-ca``
(its key readable by this user only), and issues the server's certificate from it for the
addresses and name the studio is reached at. Each device installs the authority's certificate
once, after comparing its SHA-256 fingerprint with the one the studio printed; from then on the
browser trusts the studio with no warning. Plain HTTP is never served off loopback: the socket
speaks TLS only.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

CA_DIR = "studio-ca"
CA_CERT, CA_KEY = "ca.pem", "ca.key"
SERVER_CERT, SERVER_KEY = "studio.pem", "studio.key"
CA_YEARS = 10
SERVER_DAYS = 397  # what browsers accept for a server certificate


@dataclass(frozen=True)
class Tls:
    certfile: Path
    keyfile: Path
    authority: Path | None  # the certificate each device installs (None: a given certificate)
    fingerprint: str  # SHA-256 of the authority's certificate (or of the given one), AB:CD:...


def ca_folder() -> Path:
    from campaigngen.release.signing import config_dir

    return config_dir() / CA_DIR


def fingerprint(pem: bytes) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    digest = x509.load_pem_x509_certificate(pem).fingerprint(hashes.SHA256())
    return ":".join(f"{b:02X}" for b in digest)


def given(certfile: Path, keyfile: Path) -> Tls:
    """A certificate the person provides; refused in one line when it is not one."""
    from campaigngen.exceptions import InputError

    try:
        print_ = fingerprint(certfile.read_bytes())
    except (OSError, ValueError):
        raise InputError(
            certfile, "is not a PEM certificate", hint="give the certificate file (PEM) and its key"
        ) from None
    if not keyfile.is_file():
        raise InputError(keyfile, "does not exist", hint="give the certificate's private key (PEM)")
    return Tls(certfile, keyfile, None, print_)


def local(names: list[str], folder: Path | None = None) -> Tls:
    """The studio's own authority (made the first time) and a server certificate for names
    (IP addresses and host names), issued again when the names change or it nears its end."""
    folder = folder or ca_folder()
    ca_cert, ca_key = _authority(folder)
    cert_path, key_path = folder / SERVER_CERT, folder / SERVER_KEY
    if not _covers(cert_path, names):
        _issue(ca_cert, ca_key, names, cert_path, key_path)
    return Tls(cert_path, key_path, folder / CA_CERT, fingerprint((folder / CA_CERT).read_bytes()))


def _write_private(path: Path, data: bytes) -> None:
    import os

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    tmp.replace(path)


def _authority(folder: Path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.is_file() and key_path.is_file():
        return (
            x509.load_pem_x509_certificate(cert_path.read_bytes()),
            serialization.load_pem_private_key(key_path.read_bytes(), None),
        )
    key = ec.generate_private_key(ec.SECP256R1())
    import socket

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"campaigngen studio on {socket.gethostname()}")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_private(
        key_path,
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _alt_names(names: list[str]):
    from cryptography import x509

    out: list[x509.GeneralName] = []
    for name in names:
        try:
            out.append(x509.IPAddress(ipaddress.ip_address(name.strip("[]"))))
        except ValueError:
            out.append(x509.DNSName(name))
    return out


def _covers(cert_path: Path, names: list[str]) -> bool:
    from cryptography import x509

    if not cert_path.is_file() or not cert_path.with_name(SERVER_KEY).is_file():
        return False
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    if cert.not_valid_after_utc - dt.datetime.now(dt.UTC) < dt.timedelta(days=30):
        return False
    try:
        have = set(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value)
    except x509.ExtensionNotFound:
        return False
    return set(_alt_names(names)) <= have


def _issue(ca_cert, ca_key, names: list[str], cert_path: Path, key_path: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "campaigngen studio")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(_alt_names(names)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write_private(
        key_path,
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
