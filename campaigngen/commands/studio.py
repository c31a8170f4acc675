"""campaigngen studio [--port N] [--host H] [--project DIR] [--out DIR] [--key FILE] [--open]
[--install-desktop-entry]"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("studio")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this computer (127.0.0.1, localhost, ::1) needs the access "
    "token printed at start on every request.",
)
@click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding content/ and locales/.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for builds and releases (relative to the project).",
)
@click.option(
    "--key",
    "translator_key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    metavar="FILE",
    help="Your own private key: each line you save is signed as yours, so your own approval of it "
    "does not count (a second person approves it).",
)
@click.option(
    "--cert",
    "cert_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    metavar="FILE",
    help="Beyond this computer: your organization's HTTPS certificate (PEM); without it the studio "
    "makes its own certificate authority once and prints its fingerprint.",
)
@click.option(
    "--cert-key",
    "cert_key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    metavar="FILE",
    help="The private key of --cert (PEM).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the studio in this computer's browser.")
@click.option(
    "--install-desktop-entry",
    is_flag=True,
    help="Add 'campaigngen studio' for this project to the desktop's applications menu (Linux), then stop.",
)
def command(
    port: int,
    host: str,
    project: Path,
    out_dir: Path,
    translator_key: Path | None,
    open_browser: bool,
    install_desktop_entry: bool,
    cert_file: Path | None = None,
    cert_key: Path | None = None,
) -> None:
    """The whole workflow in a browser: campaigns, translation, previews, checks and publishing."""
    import secrets

    from campaigngen.studio import launcher

    if install_desktop_entry:
        written = launcher.install_desktop_entry(project)
        click.echo(f"added to the applications menu: {written}")
        return

    from campaigngen.exceptions import MissingDependency
    from campaigngen.studio.security import is_loopback

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise MissingDependency("the studio needs its web server - install it: pip install -e '.[studio]'") from None
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import address, bind, server

    token = None if is_loopback(host) else secrets.token_urlsafe(24)
    out = out_dir if out_dir.is_absolute() else project / out_dir
    app = create_app(project, out, token=token, translator_key=translator_key)
    try:
        sock = bind(host, port)
    except OSError as exc:
        import errno

        if open_browser and exc.errno == errno.EADDRINUSE and token is None:
            # Started twice from the menu: the first one is serving; show it.
            url = launcher.local_url(host, port)
            launcher.open_browser(url)
            click.echo(f"the studio is already running: opened {url}")
            return
        raise MissingDependency(f"cannot listen on {host}:{port} ({exc.strerror}) - pick another --port") from None
    url = address(sock)
    bound_port = sock.getsockname()[1]
    suffix = f"?token={token}" if token else ""
    scheme = "https" if token else "http"
    secure = None
    click.echo(f"campaigngen studio for {project.resolve()}")
    if token:
        secure = _network(host, bound_port, suffix, cert_file, cert_key)
    else:
        click.echo(f"open {url}")
    if open_browser:
        here = launcher.local_url(host, bound_port, scheme) + suffix
        if not launcher.open_browser(here):
            click.echo(f"no browser could be opened here: open {here} yourself")
    click.echo("stop with Ctrl+C")
    (server(app, sock, tls=secure) if secure is not None else server(app, sock)).run(sockets=[sock])


def _network(host: str, port: int, suffix: str, cert_file: Path | None, cert_key: Path | None):
    """Beyond this computer: HTTPS only, so nobody on the same network reads the token; the
    addresses other devices type and the certificate they check, printed."""
    from campaigngen.studio import launcher, tls

    shared_urls = launcher.share_addresses(host, port, "https")
    if cert_file is not None:
        if cert_key is None:
            raise click.UsageError("--cert needs --cert-key (the certificate's private key)")
        secure = tls.given(cert_file, cert_key)
    else:
        names = [launcher.host_of(u) for u in shared_urls] + ["127.0.0.1", "::1", "localhost"]
        secure = tls.local(list(dict.fromkeys(names)))
    where = "every network address of this computer" if launcher.is_wildcard(host) else host
    click.echo(f"listening on {where}, HTTPS only: every request from another device needs the access token")
    for shared in shared_urls:
        click.echo(f"open {shared}{suffix}")
    click.echo("everyone signs in; until the project has accounts, the first page makes the coordinator's account")
    if secure.authority is not None:
        click.echo(f"each device installs this certificate once: {secure.authority}")
        click.echo(f"  after checking its SHA-256 fingerprint is {secure.fingerprint}")
    else:
        click.echo(f"certificate SHA-256 fingerprint: {secure.fingerprint}")
    return secure
