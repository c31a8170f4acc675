"""Starting the studio as a person without a terminal does: `campaigngen studio --open` opens
their browser at it (a fake browser here), network mode prints addresses others can type (never
0.0.0.0), and `--install-desktop-entry` puts it in the Linux applications menu."""

from __future__ import annotations

import configparser
import ipaddress
import re
import shlex
import socket
import sys

import pytest
from campaign_kit import sample_campaign

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")


@pytest.fixture
def root(tmp_path):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


@pytest.fixture
def started(monkeypatch):
    """The server replaced by one that records what it was given; the browser by one that
    records the addresses it was asked to open, and when (before the server ran)."""
    import webbrowser

    from campaigngen.studio import server

    events: list[tuple] = []

    class Stub:
        def __init__(self, app, tls=None):
            self.app = app
            self.tls = tls

        def run(self, sockets):
            events.append(("served", sockets[0].getsockname(), self.app.state.guard.token))
            sockets[0].close()

    monkeypatch.setattr(server, "server", lambda app, sock, tls=None: Stub(app, tls))
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: events.append(("browser", url)) or True)
    return events


def _studio(*args):
    from click.testing import CliRunner

    from campaigngen.cli import main

    return CliRunner().invoke(main, ["studio", *args])


def test_open_shows_the_studio_in_the_browser(root, started):
    result = _studio("--project", str(root), "--port", "0", "--open")
    assert result.exit_code == 0, result.output
    (kind, url), (served, (host, port), token) = started
    assert kind == "browser" and served == "served"  # the browser is asked once the socket listens
    assert url == f"http://127.0.0.1:{port}/" and token is None


def test_without_open_no_browser_is_opened(root, started):
    assert _studio("--project", str(root), "--port", "0").exit_code == 0
    assert [e[0] for e in started] == ["served"]


def test_network_mode_prints_this_machines_addresses_not_the_wildcard(root, started):
    result = _studio("--project", str(root), "--port", "0", "--host", "0.0.0.0", "--open")
    assert result.exit_code == 0, result.output
    served = next(e for e in started if e[0] == "served")
    (_, port), token = served[1], served[2]
    assert "0.0.0.0" not in result.output
    shared = re.findall(rf"open https://([^/\s]+):{port}/\?token={re.escape(token)}", result.output)
    assert shared
    for host in shared:
        try:
            address = ipaddress.ip_address(host.strip("[]"))
        except ValueError:  # no route out: the machine's name
            assert host == socket.gethostname()
            continue
        assert not address.is_loopback and not address.is_unspecified
        with socket.socket(socket.AF_INET6 if address.version == 6 else socket.AF_INET) as probe:
            probe.bind((str(address), 0))  # an address of this machine: it can be bound here
    # This machine's own browser goes through loopback, with the token.
    opened = next(e[1] for e in started if e[0] == "browser")
    assert opened == f"https://127.0.0.1:{port}/?token={token}"


def test_open_when_the_studio_already_runs_shows_that_one(root, started):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = _studio("--project", str(root), "--port", str(port), "--open")
    assert result.exit_code == 0, result.output
    assert started == [("browser", f"http://127.0.0.1:{port}/")] and "already running" in result.output


def test_no_browser_is_said_plainly(root, monkeypatch, started):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: False)
    result = _studio("--project", str(root), "--port", "0", "--open")
    assert result.exit_code == 0 and "no browser could be opened here: open http://127.0.0.1:" in result.output


def test_the_desktop_entry_starts_the_studio_for_this_project(root, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    project = root / "my projects" / "100% outreach"
    project.mkdir(parents=True)
    result = _studio("--project", str(project), "--install-desktop-entry")
    assert result.exit_code == 0, result.output
    entry_path = tmp_path / "data" / "applications" / "campaigngen-studio.desktop"
    assert str(entry_path) in result.output
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(entry_path.read_text(encoding="utf-8"))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "true"
    # The Exec line, unquoted as the specification says (%% is a literal %), is the command.
    argv = shlex.split(desktop["Exec"].replace("%%", "%"))
    assert argv == [sys.executable, "-m", "campaigngen", "studio", "--open", "--project", str(project.resolve())]
    assert "100% outreach" in desktop["Name"]
