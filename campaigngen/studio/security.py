"""What stands between the studio and everyone who is not the person at this computer.

A local web app is reachable by every page the browser opens, so each request passes:
- the Host check (bound to loopback): a page on an attacker's domain that re-points its
  name at 127.0.0.1 (DNS rebinding) sends its own Host name, and is refused;
- the token (bound anywhere else): printed when the studio starts, carried once in the
  address, then kept in a cookie; every request without it is refused;
- a body size cap: a form is small; only an upload may be large, and never unbounded;
- CSRF (`csrf_checked`): every POST carries a token derived from this browser's session
  cookie, which another site can neither read nor set (SameSite=Strict, HttpOnly);
- headers: a Content-Security-Policy that runs only the studio's own scripts, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from campaigngen.studio import installing

SESSION_COOKIE = "studio_session"
TOKEN_COOKIE = "studio_token"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
FORM_LIMIT = 1 << 20  # a campaign form or a translation: far below a megabyte
UPLOAD_LIMIT = 50 << 20  # a 60 s stereo 24-bit 96 kHz WAV is 35 MB
UPLOAD_PATHS = ("/upload/",)  # path fragments of the routes that take files
# A translation model or a voice: its own cap (installing.MAX_INSTALL_BYTES, checked in words,
# read when asked) and the form around it.
INSTALL_FORM_SLACK = 4 << 20
INSTALL_PATHS = ("/install/",)

# Only the studio's own files run or style a page; nothing is fetched from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# A release's review page brings its own policy (a hash for its one inline script): only
# framing is added to it.
RELEASE_CSP = "frame-ancestors 'none'"


def is_loopback(host: str) -> bool:
    if host.strip("[]") in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:8765' -> '::1'."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


@dataclass(frozen=True)
class Guard:
    """The studio's secrets for one run: none of them outlives the process."""

    secret: bytes
    token: str | None  # None: bound to loopback, no token needed

    @classmethod
    def new(cls, token: str | None = None) -> Guard:
        return cls(secrets.token_bytes(32), token)

    def csrf_for(self, session: str) -> str:
        return hmac.new(self.secret, session.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str | None, offered: str | None) -> bool:
        if not session or not offered:
            return False
        return hmac.compare_digest(self.csrf_for(session), str(offered))

    def token_ok(self, offered: str | None) -> bool:
        return self.token is None or (offered is not None and hmac.compare_digest(self.token, offered))


def _cookies(scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is simply no cookie
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def cookie_header(name: str, value: str, secure: bool, max_age: int | None = None) -> tuple[bytes, bytes]:
    """A cookie no script can read and no other site's request carries; over HTTPS, never
    sent over plain HTTP."""
    text = f"{name}={value}; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
    if max_age is not None:
        text += f"; Max-Age={max_age}"
    return b"set-cookie", text.encode("latin-1")


def is_https(scope) -> bool:
    return scope.get("scheme") == "https"


def _limit(path: str) -> int:
    if path.startswith(INSTALL_PATHS):
        return installing.MAX_INSTALL_BYTES + INSTALL_FORM_SLACK
    return UPLOAD_LIMIT if any(part in path for part in UPLOAD_PATHS) else FORM_LIMIT


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """Host or token, size cap, session cookie and security headers, before any route runs."""

    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not await self._admitted(scope, send):
            return
        limit = _limit(scope["path"])
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await plain_answer(send, 413, f"too large: at most {limit >> 20} MB here")
            return
        set_cookies = self._session(scope)
        await self._respond(scope, receive, send, limit, set_cookies)

    async def _admitted(self, scope, send) -> bool:
        """A loopback Host without a token, else the token (cookie, bearer, or once in the
        address printed at start). Sends the refusal, or the redirect that stores the token."""
        if self.guard.token is None:
            if host_name(_header(scope, b"host") or "") in LOOPBACK_NAMES:
                return True
            await plain_answer(send, 421, "this studio answers only at 127.0.0.1 or localhost")
            return False
        offered = _cookies(scope).get(TOKEN_COOKIE) or _bearer(_header(scope, b"authorization"))
        if self.guard.token_ok(offered):
            return True
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and self.guard.token_ok(query["token"]) and scope["method"] == "GET":
            # The address printed at start: keep the token in a cookie and drop it from
            # the address bar (and from history and any Referer).
            rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
            location = scope["path"] + (f"?{rest}" if rest else "")
            await redirect(send, location, [cookie_header(TOKEN_COOKIE, self.guard.token, is_https(scope))])
            return False
        await plain_answer(
            send,
            401,
            "open the address campaigngen studio printed when it started (it carries the access token)",
        )
        return False

    def _session(self, scope) -> list[tuple[bytes, bytes]]:
        """The browser's session (a new one when it has none) and its CSRF token, in the
        request's state; returns the cookie to set, if any."""
        cookies = _cookies(scope)
        set_cookies: list[tuple[bytes, bytes]] = []
        session = cookies.get(SESSION_COOKIE)
        if not session:
            session = secrets.token_urlsafe(32)
            set_cookies.append(cookie_header(SESSION_COOKIE, session, is_https(scope)))
        scope.setdefault("state", {})
        scope["state"]["session"] = session
        scope["state"]["csrf"] = self.guard.csrf_for(session)
        scope["state"]["had_session"] = SESSION_COOKIE in cookies
        return set_cookies

    async def _respond(self, scope, receive, send, limit: int, set_cookies: list[tuple[bytes, bytes]]) -> None:
        """The route, with its body counted against the limit (a client may send more than
        it declared) and the security headers and cookies added to its answer."""
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge()
            return message

        started = False

        async def decorated_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                headers += set_cookies
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted_receive, decorated_send)
        except _TooLarge:
            if not started:
                await plain_answer(send, 413, f"too large: at most {limit >> 20} MB here")


def _bearer(value: str | None) -> str | None:
    if value and value.lower().startswith("bearer "):
        return value[7:].strip()
    return None


async def plain_answer(send, status: int, text: str, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    """A one-line plain-text answer sent before any route runs."""
    body = (text + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"x-content-type-options", b"nosniff"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def redirect(send, location: str, headers: list[tuple[bytes, bytes]]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": b""})


Endpoint = Callable[..., Awaitable[Any]]


def csrf_checked(endpoint: Endpoint) -> Endpoint:
    """Decorates every POST route: the form field or the X-CSRF-Token header must carry this
    session's token, and a browser's Origin (when it sends one) must be this studio."""
    from starlette.responses import PlainTextResponse

    @wraps(endpoint)
    async def checked(request, *args, **kwargs):
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            return PlainTextResponse("refused: the request came from another site\n", status_code=403)
        offered = request.headers.get(CSRF_HEADER)
        if offered is None:
            form = await request.form(max_part_size=FORM_LIMIT)
            offered = form.get(CSRF_FIELD)
        session = request.cookies.get(SESSION_COOKIE)
        if not request.state.had_session or not request.app.state.guard.csrf_ok(session, offered):
            return PlainTextResponse(
                "refused: this form is stale or came from elsewhere - reload the page and try again\n", status_code=403
            )
        return await endpoint(request, *args, **kwargs)

    # Tests list every POST route and look for this mark. A function takes any attribute, but
    # typing has no way to say so of the wrapper functools.wraps returns.
    checked.csrf_checked = True  # type: ignore[attr-defined]  # a function attribute, not in wraps' type
    return checked
