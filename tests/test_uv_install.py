"""make setup installs with uv from where pip would (tools/uv_install.py): pip's sources and
limits, as `pip config list` prints them, become uv's options."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("uv_install", PROJECT / "tools" / "uv_install.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stand_in_pip(tmp_path: Path, *listed: str) -> Path:
    """A pip whose `config list` prints the given lines."""
    pip = tmp_path / "pip"
    pip.write_text("#!/bin/sh\n" + "".join(f'echo "{line}"\n' for line in listed))
    pip.chmod(0o755)
    return pip


def test_pips_indexes_links_and_constraints_become_uvs_and_the_environment_wins(tmp_path):
    pip = _stand_in_pip(
        tmp_path,
        "global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'",
        "global.find-links='/opt/wheels'",
        "global.constraint='/etc/xdg/pip/constraints.txt'",
        "global.cert='/etc/ssl/certs/ca.crt'",
        "global.index-url='https://mirror.example/simple'",
        ":env:.index-url='https://other.example/simple'",
        ":env:.default-timeout='180'",
    )
    tool = _tool()
    settings = tool.pip_settings(pip)
    options = tool.uv_options(settings)
    pairs = list(zip(options[::2], options[1::2]))
    assert ("--index-url", "https://other.example/simple") in pairs  # PIP_INDEX_URL over pip.conf, as in pip
    assert ("--index-url", "https://mirror.example/simple") not in pairs
    assert ("--extra-index-url", "file:///opt/a/simple") in pairs
    assert ("--extra-index-url", "file:///opt/b/simple") in pairs
    assert ("--find-links", "/opt/wheels") in pairs
    assert ("--constraint", "/etc/xdg/pip/constraints.txt") in pairs
    assert options[-2:] == ["--index-strategy", "unsafe-best-match"]  # pip's "best version anywhere"
    environment = tool.uv_environment(settings)
    assert environment["SSL_CERT_FILE"] == "/etc/ssl/certs/ca.crt" and environment["UV_HTTP_TIMEOUT"] == "180"


def test_a_pip_with_nothing_configured_gives_uv_no_options(tmp_path):
    tool = _tool()
    assert tool.uv_options(tool.pip_settings(_stand_in_pip(tmp_path))) == []


def test_every_source_this_machines_pip_has_is_handed_to_uv():
    """make setup's venv is python -m venv's: it has pip, configured as the machine is."""
    pip = Path(sys.executable).parent / "pip"
    tool = _tool()
    settings = tool.pip_settings(pip)
    options = tool.uv_options(settings)
    for name in ("index-url", "extra-index-url", "find-links", "constraint"):
        for value in settings.get(name, "").split():
            assert value in options, (name, value)
