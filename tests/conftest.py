"""Shared test set-up: the network is closed, and a copy of the sample campaign is at hand."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest
from campaign_kit import write_config
from hypothesis import settings

# CI runs the same property examples every time, so a red run is reproducible and a green
# one is not luck; on a developer's machine they are drawn fresh and explore further.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = "help-is-here"


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, (bytes, str)) and str(host) in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Offline first: any connection beyond this machine fails inside the tests."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise OSError(f"network blocked in tests: {address}")
        return real_connect(self, address)

    def guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise OSError(f"network blocked in tests: {address}")
        return real_connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_loopback(host if not isinstance(host, bytes) else host.decode()):
            raise socket.gaierror(socket.EAI_NONAME, f"network blocked in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture(autouse=True)
def own_config_and_cache(tmp_path_factory, monkeypatch):
    """A developer's real signing key (in ~/.config) must not sign test releases, and a test
    that stands in for a renderer must not leave its findings in a cache another test reads."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("CAMPAIGNGEN_RELEASES", raising=False)  # releases go to each test's own project
    from campaigngen.release import findings_cache

    monkeypatch.setattr(findings_cache, "_memory", {})


@pytest.fixture(autouse=True)
def own_voices_folder(tmp_path_factory, monkeypatch):
    """Piper voices a developer installed must not change what a test hears: every test
    starts with an empty voices folder (a test installs what it needs)."""
    monkeypatch.setenv("CAMPAIGNGEN_VOICES_DIR", str(tmp_path_factory.mktemp("voices")))


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder in tmp_path holding the sample campaign and its catalogs; cwd is it."""
    shutil.copytree(PROJECT / "content" / SAMPLE, tmp_path / "content" / SAMPLE)
    if (PROJECT / "locales").is_dir():
        shutil.copytree(PROJECT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def argos_home(tmp_path, monkeypatch) -> Path:
    """Argos data, cache and config in tmp: nothing read from or written to the real home."""
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return packages


def write_campaign(root: Path, body: str, name: str = "demo") -> Path:
    """Write content/<name>/campaign.toml under root and return the campaign folder."""
    return write_config(root / "content" / name, body)


MINIMAL = """\
id = "demo"
source_language = "en"
languages = ["es"]

[contact]
phone = "1-888-373-7888"
url = "https://example.org/help"

[messages.headline]
text = "Is someone forcing you to work?"
max_length = 60

[messages.call]
text = "Call {phone}"

[flyer]
formats = ["letter"]
headline = "headline"
action = ["call"]

[[spots]]
seconds = 10
script = ["headline", "call"]
"""
