"""`uv pip install` from the package sources, and under the limits, this machine's pip is
configured with (pip.conf files and PIP_* variables, as `pip config list` shows them).

The Makefile installs with uv: the same packages as pip, in well under half the time (21 s
against 53 s on the 2-core machine, neither with a cache), but uv reads none of pip's
configuration, and must install from where pip would, capped where pip would be.

Usage: tools/uv_install.py BIN PACKAGE...   (BIN: the venv's bin folder, holding pip and uv)
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

# pip's option -> uv's; pip takes each as a whitespace-separated list.
LISTS = {
    "index-url": "--index-url",
    "extra-index-url": "--extra-index-url",
    "find-links": "--find-links",
    "constraint": "--constraint",
    "trusted-host": "--allow-insecure-host",
}
YES = ("1", "true", "yes", "on")


def pip_settings(pip: Path) -> dict[str, str]:
    """pip's settings by option name. `pip config list` lists the files from the widest
    (global) to the narrowest, then the environment: later lines win, as they do in pip."""
    listing = subprocess.run([pip, "config", "list"], capture_output=True, text=True, check=True).stdout
    settings: dict[str, str] = {}
    for line in listing.splitlines():
        key, _, value = line.partition("=")
        if value:
            settings[key.split(".", 1)[-1]] = ast.literal_eval(value)
    return settings


def uv_options(settings: dict[str, str]) -> list[str]:
    options = []
    for name, flag in LISTS.items():
        for value in settings.get(name, "").split():
            options += [flag, value]
    if settings.get("no-index", "").lower() in YES:
        options.append("--no-index")
    if "extra-index-url" in settings or "find-links" in settings:
        # pip takes the best version any source offers; uv by default the first source's.
        options += ["--index-strategy", "unsafe-best-match"]
    return options


def uv_environment(settings: dict[str, str]) -> dict[str, str]:
    environment = dict(os.environ)
    if "cert" in settings:
        environment["SSL_CERT_FILE"] = settings["cert"]
    if "default-timeout" in settings:
        environment["UV_HTTP_TIMEOUT"] = settings["default-timeout"]
    return environment


def main(bin_folder: Path, packages: list[str]) -> int:
    settings = pip_settings(bin_folder / "pip")
    command = [bin_folder / "uv", "pip", "install", "--quiet", "--python", bin_folder / "python"]
    return subprocess.run([*command, *uv_options(settings), *packages], env=uv_environment(settings)).returncode


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
