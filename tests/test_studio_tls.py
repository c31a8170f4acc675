"""Beyond this computer the studio speaks HTTPS only: with a certificate the person gives, or
from a certificate authority of its own, made once, whose fingerprint it prints so each device
can check the certificate it installs. A client that trusts that authority connects with no
warning; plain HTTP gets no page."""

from __future__ import annotations

import hashlib
import http.cookiejar
import re
import ssl
import stat
import urllib.error
import urllib.request

import pytest
from campaign_kit import sample_campaign

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")


@pytest.fixture
def root(tmp_path):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


@pytest.fixture
def served_tls(monkeypatch) -> list:
    """The studio's server stood in for: each start records the TLS settings it was given
    and returns at once."""
    from campaigngen.studio import server

    given: list = []

    class Stub:
        def __init__(self, app, tls=None):
            given.append(tls)

        def run(self, sockets):
            sockets[0].close()

    monkeypatch.setattr(server, "server", lambda app, sock, tls=None: Stub(app, tls))
    return given


def test_network_mode_makes_an_authority_once_and_prints_its_fingerprint(root, served_tls):
    from click.testing import CliRunner
    from cryptography import x509

    from campaigngen.cli import main
    from campaigngen.studio import tls

    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(main, ["studio", "--project", str(root), "--port", "0", "--host", "0.0.0.0"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    first, second = served_tls
    authority = tls.ca_folder() / "ca.pem"
    assert first.authority == authority and second.authority == authority
    printed = re.search(r"fingerprint is ([0-9A-F:]{95})", outputs[0])[1]
    der = x509.load_pem_x509_certificate(authority.read_bytes()).public_bytes(
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]).Encoding.DER
    )
    assert printed == ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())  # as a device computes it
    assert printed in outputs[1]  # made once: the same authority the second time
    assert stat.S_IMODE((tls.ca_folder() / "ca.key").stat().st_mode) == 0o600
    assert "HTTPS only" in outputs[0] and "http://" not in outputs[0]


def test_a_client_trusting_the_authority_connects_and_plain_http_gets_nothing(root, tmp_path):
    from campaigngen.studio import tls
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    secure = tls.local(["127.0.0.1", "localhost"], tmp_path / "ca")
    token = "t" * 32
    url, stop = serve_in_thread(create_app(root, token=token), host="127.0.0.1", tls=secure)
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        context = ssl.create_default_context(cafile=str(secure.authority))  # the installed authority
        cookies = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(  # keeps the session cookie the token link sets
            urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(cookies)
        )
        with browser.open(f"https://127.0.0.1:{port}/?token={token}", timeout=10) as page:
            # On a network everyone signs in: the first page makes the coordinator's account.
            assert page.status == 200 and "Make the coordinator's account" in page.read().decode("utf-8")
        assert all(cookie.secure for cookie in cookies)  # never sent over plain HTTP
        # A device that did not install it is warned (the connection is refused as unverified).
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(
                f"https://127.0.0.1:{port}/?token={token}", context=ssl.create_default_context(), timeout=10
            )
        # Plain HTTP on the same port: no page, token or not.
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=10).read()
    finally:
        stop()


def test_a_given_certificate_is_used_and_a_file_that_is_not_one_is_refused(root, tmp_path, served_tls):
    from click.testing import CliRunner

    from campaigngen.cli import main
    from campaigngen.studio import tls

    made = tls.local(["192.0.2.10"], tmp_path / "org")  # stands in for the organization's certificate
    args = ["studio", "--project", str(root), "--port", "0", "--host", "0.0.0.0"]
    result = CliRunner().invoke(main, [*args, "--cert", str(made.certfile), "--cert-key", str(made.keyfile)])
    assert result.exit_code == 0, result.output
    assert served_tls[-1].certfile == made.certfile and served_tls[-1].authority is None
    assert f"certificate SHA-256 fingerprint: {tls.fingerprint(made.certfile.read_bytes())}" in result.output
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello", encoding="utf-8")
    refused = CliRunner().invoke(main, [*args, "--cert", str(not_pem), "--cert-key", str(made.keyfile)])
    assert refused.exit_code == 2 and "is not a PEM certificate" in refused.output and "Traceback" not in refused.output
