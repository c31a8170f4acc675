"""Starting the studio without a terminal: the addresses to share on the network, the browser
opened at the studio, and a Linux desktop entry (freedesktop.org) that does both.

Tested on Linux (the project's platform): the addresses, the browser call (with a fake
browser) and the desktop entry file. Not tested: opening a real browser, other desktops'
menus picking the entry up, macOS and Windows (webbrowser works there; the desktop entry is
Linux only).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

DESKTOP_ENTRY_NAME = "campaigngen-studio.desktop"


def is_wildcard(host: str) -> bool:
    """0.0.0.0 or ::, every address of this machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def share_addresses(host: str, port: int, scheme: str = "http") -> list[str]:
    """The addresses others on the network type: for a wildcard bind (0.0.0.0, ::) the
    machine's own non-loopback addresses, never 0.0.0.0; for a named address, that one."""
    bare = host.strip("[]")
    if not is_wildcard(host):
        return [_url(bare, port, scheme)]
    found: list[str] = []
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    for candidate in _outbound(family) + _by_name(family):
        if candidate not in found and not ipaddress.ip_address(candidate.split("%")[0]).is_loopback:
            found.append(candidate)
    # No route out (an offline laptop): the machine's name, which the local network may resolve.
    return [_url(a, port, scheme) for a in found] or [_url(socket.gethostname(), port, scheme)]


def _url(host: str, port: int, scheme: str = "http") -> str:
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}/"


def host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _outbound(family: int) -> list[str]:
    """The address this machine reaches the network from. A UDP "connect" sends nothing; it
    only asks the kernel which interface a packet to that (documentation) address would use."""
    probe = "192.0.2.1" if family == socket.AF_INET else "2001:db8::1"
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            return [sock.getsockname()[0]]
    except OSError:
        return []


def _by_name(family: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def local_url(host: str, port: int, scheme: str = "http") -> str:
    """Where this machine's own browser finds the studio: loopback when the bind covers it."""
    bare = host.strip("[]")
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        return _url(bare, port, scheme)
    if address.is_unspecified:
        return _url("::1" if address.version == 6 else "127.0.0.1", port, scheme)
    return _url(bare, port, scheme)


def open_browser(url: str) -> bool:
    """The person's default browser at url; False when there is none to open."""
    import webbrowser

    try:
        return bool(webbrowser.open(url, new=2))
    except webbrowser.Error:
        return False


def desktop_entry(project: Path) -> str:
    """A freedesktop.org desktop entry that starts the studio for project and opens the browser."""
    command = [sys.executable, "-m", "campaigngen", "studio", "--open", "--project", str(project.resolve())]
    exec_line = " ".join(_quoted(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.0\n"
        f"Name=campaigngen studio ({project.resolve().name})\n"
        "Comment=Make outreach flyers and radio spots, translate and publish them\n"
        f"Exec={exec_line}\n"
        f"Path={_quoted(str(project.resolve()))}\n"
        # A window shows that the studio runs; closing it stops the studio.
        "Terminal=true\n"
        "Categories=Office;\n"
    )


def _quoted(argument: str) -> str:
    """An Exec argument quoted as the Desktop Entry Specification asks."""
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return argument
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def install_desktop_entry(project: Path, data_home: Path | None = None) -> Path:
    """Write the entry into $XDG_DATA_HOME/applications (~/.local/share/applications)."""
    import os

    from campaigngen.atomic import write_bytes_atomic

    home = data_home or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    target = home / "applications" / DESKTOP_ENTRY_NAME
    write_bytes_atomic(target, desktop_entry(project).encode("utf-8"))
    return target
