"""make setup installs with uv from where pip would (tools/uv_install.py): pip's sources and
limits, as `pip config list` prints them, become uv's options."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("uv_install", PROJECT / "tools" / "uv_install.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pips_indexes_links_and_constraints_become_uvs_and_the_environment_wins(tmp_path):
    fake_pip = tmp_path / "pip"
    fake_pip.write_text(
        "#!/bin/sh\n"
        "echo \"global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'\"\n"
        "echo \"global.find-links='/opt/wheels'\"\n"
        "echo \"global.constraint='/etc/xdg/pip/constraints.txt'\"\n"
        "echo \"global.cert='/etc/ssl/certs/ca.crt'\"\n"
        "echo \"global.index-url='https://mirror.example/simple'\"\n"
        "echo \":env:.index-url='https://other.example/simple'\"\n"
        "echo \":env:.default-timeout='180'\"\n"
    )
    fake_pip.chmod(0o755)
    tool = _tool()
    settings = tool.pip_settings(fake_pip)
    options = tool.uv_options(settings)
    pairs = list(zip(options[::2], options[1::2]))
    assert ("--index-url", "https://other.example/simple") in pairs  # PIP_INDEX_URL over pip.conf, as in pip
    assert ("--index-url", "https://mirror.example/simple") not in pairs
    assert ("--extra-index-url", "file:///opt/a/simple") in pairs and (
        "--extra-index-url",
        "file:///opt/b/simple",
    ) in pairs
    assert ("--find-links", "/opt/wheels") in pairs
    assert ("--constraint", "/etc/xdg/pip/constraints.txt") in pairs
    assert options[-2:] == ["--index-strategy", "unsafe-best-match"]  # pip's "best version anywhere"
    environment = tool.uv_environment(settings)
    assert environment["SSL_CERT_FILE"] == "/etc/ssl/certs/ca.crt" and environment["UV_HTTP_TIMEOUT"] == "180"


def test_a_pip_with_nothing_configured_gives_uv_no_options(tmp_path):
    fake_pip = tmp_path / "pip"
    fake_pip.write_text("#!/bin/sh\n")
    fake_pip.chmod(0o755)
    tool = _tool()
    assert tool.uv_options(tool.pip_settings(fake_pip)) == []


def test_this_machines_pip_configuration_reads_without_error():
    pip = Path(sys.executable).parent / "pip"  # make setup's venv is python -m venv's: it has pip
    listing = subprocess.run([pip, "config", "list"], capture_output=True, text=True, check=True).stdout
    assert len(_tool().pip_settings(pip)) == len(
        {line.split("=")[0].split(".", 1)[-1] for line in listing.splitlines() if "=" in line}
    )
