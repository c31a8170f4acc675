"""Who is using the studio: sign-in, sessions, failed tries counted, and what each role may do.

When sign-in is needed:
- beyond loopback (a team on a network): always. Until the project has an account, every
  page leads to the first-run page, where the person who started the studio (they hold the
  access token it printed) makes the coordinator's account;
- on this computer (loopback): only once the project has accounts. One person on their own
  laptop opens the studio and works, as before; a team sharing one computer, or a
  coordinator who wants approvals and signed releases from the studio, makes accounts
  (the People page) and from then on everyone signs in.

A session lives in this process only: its id in an HttpOnly, SameSite=Strict cookie (Secure
over HTTPS), a new id at every sign-in (a session id planted before sign-in is worth
nothing), the signing key the password unlocked held in it and dropped at sign-out, after
12 idle hours, or when the studio stops.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path

from campaigngen.release.signing import Signer
from campaigngen.studio.accounts import Account, Book, read_book

IDLE_LIMIT_S = 12 * 3600
# Failed sign-ins: after FREE_TRIES within WINDOW_S (per name and per address), each
# further try waits twice as long as the last, from 30 s up to 15 minutes.
FREE_TRIES = 5
WINDOW_S = 15 * 60
FIRST_WAIT_S = 30.0
LONGEST_WAIT_S = 15 * 60.0
OPEN_PATHS = ("/static/",)
SIGN_IN_PATHS = ("/signin", "/setup")


@dataclass
class Person:
    """A signed-in person: their account and the key their password unlocked."""

    account: Account
    signer: Signer
    last_seen: float = field(default_factory=time.monotonic)

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def role(self) -> str:
        return self.account.role

    def may(self, permission: str) -> bool:
        return self.account.may(permission)


class Sessions:
    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._lock = threading.Lock()

    def start(self, person: Person) -> str:
        """A new session id for a person just signed in."""
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._people[session] = person
        return session

    def person(self, session: str | None) -> Person | None:
        if not session:
            return None
        with self._lock:
            person = self._people.get(session)
            if person is None:
                return None
            now = time.monotonic()
            if now - person.last_seen > IDLE_LIMIT_S:
                del self._people[session]
                return None
            person.last_seen = now
            return person

    def end(self, session: str | None) -> None:
        with self._lock:
            self._people.pop(session or "", None)

    def end_for(self, name: str) -> None:
        """Every session of this account (it was removed)."""
        with self._lock:
            for session in [s for s, p in self._people.items() if p.name == name]:
                del self._people[session]

    def update_for(self, account: Account) -> None:
        """Every session of this account takes its new role at once: what the role may do,
        and the name its key signs as (the key is the same)."""
        from dataclasses import replace

        with self._lock:
            for person in self._people.values():
                if person.name == account.name:
                    person.account = account
                    person.signer = replace(person.signer, name=account.signer_name)

    def end_all(self) -> None:
        with self._lock:
            self._people.clear()


class Throttle:
    """Failed sign-ins, per name and per address: how long the next try must wait."""

    def __init__(self) -> None:
        self._failed: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failed.setdefault(key, deque())
        while times and now - times[0] > WINDOW_S:
            times.popleft()
        return times

    def wait_s(self, keys: tuple[str, ...]) -> float:
        now = time.monotonic()
        longest = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= FREE_TRIES:
                    wait = min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (len(times) - FREE_TRIES))
                    longest = max(longest, times[-1] + wait - now)
        return max(0.0, longest)

    def failed(self, keys: tuple[str, ...]) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._failed.pop(name_key, None)


class People:
    """The project's accounts (re-read when the file changes), the sessions and the throttle."""

    def __init__(self, project: Path, network: bool):
        self.project = project
        self.network = network
        self.sessions = Sessions()
        self.throttle = Throttle()
        self._book: Book | None = None
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def book(self) -> Book:
        from campaigngen.studio.accounts import accounts_path

        path = accounts_path(self.project)
        try:
            stat = path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if self._book is None or stamp != self._stamp:
                self._book, self._stamp = read_book(self.project), stamp
            return self._book

    def save(self, book: Book) -> None:
        with self._lock:
            book.save()
            self._book, self._stamp = None, None

    def required(self) -> bool:
        return self.network or bool(self.book().accounts)


def may(request, permission: str) -> bool:
    """Whether the person at this request may do this: everyone may when nobody signs in
    (one person on their own computer)."""
    person = getattr(request.state, "person", None)
    if person is None:
        return not request.app.state.people.required()
    return person.may(permission)


def allowed(permission: str):
    """Decorates a POST route: refused (403, in words) unless the signed-in person's role
    may do this. Tests list every POST route and look for this mark."""
    from starlette.responses import PlainTextResponse

    from campaigngen.studio.accounts import ROLE_WORDS

    def decorate(endpoint):
        @wraps(endpoint)
        async def checked(request, *args, **kwargs):
            if not may(request, permission):
                person = request.state.person
                said = f"a {person.role} {ROLE_WORDS[person.role]}" if person else "sign in first"
                return PlainTextResponse(
                    f"not allowed: {said} - a coordinator can do this, or give you the role that does\n",
                    status_code=403,
                )
            return await endpoint(request, *args, **kwargs)

        checked.permission = permission  # type: ignore[attr-defined]  # a mark tests read (wraps copies it outward)
        return checked

    return decorate


class SignInMiddleware:
    """Inside the guard (which set the session): the signed-in person in request.state, and
    every address but the sign-in pages and static files refused to anyone else."""

    def __init__(self, app, people: People):
        self.app = app
        self.people = people

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        state = scope.setdefault("state", {})
        person = self.people.sessions.person(state.get("session"))
        state["person"] = person
        path = scope["path"]
        if person is not None or path.startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        required = await run_in_threadpool(self.people.required)
        if not required:
            await self.app(scope, receive, send)
            return
        has_accounts = bool((await run_in_threadpool(self.people.book)).accounts)
        here = "/signin" if has_accounts else "/setup"
        if path == here:
            await self.app(scope, receive, send)
            return
        await _elsewhere(scope, send, here)


async def _elsewhere(scope, send, here: str) -> None:
    """A page: to the sign-in (or first-run) page. A form or a fragment: 401, and htmx told
    to go there."""
    from urllib.parse import quote

    from campaigngen.studio.security import plain_answer, redirect

    is_page = scope["method"] == "GET" and not any(k == b"hx-request" for k, _ in scope.get("headers", []))
    if is_page:
        target = here
        if here == "/signin" and scope["path"] not in ("/", "/signin", "/setup", "/signout"):
            target += "?next=" + quote(scope["path"], safe="/")
        await redirect(send, target, [])
        return
    await plain_answer(send, 401, "sign in first", ((b"hx-redirect", here.encode()),))
