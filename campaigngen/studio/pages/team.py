"""Sign-in and the team (`/setup`, `/signin`, `/signout`, `/people`): the first-run page that
makes the coordinator's account, signing in and out, adding people, changing one's password.
Accounts are studio/accounts.py, sessions and roles studio/people.py, trust studio/team.py."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from campaigngen.studio import accounts as accounts_module
from campaigngen.studio.accounts import ROLE_WORDS, ROLES, AccountProblem, new_account, unlock
from campaigngen.studio.pages.base import page, workspace
from campaigngen.studio.people import Person, allowed, may
from campaigngen.studio.security import SESSION_COOKIE, cookie_header, csrf_checked, is_https


def _people(request: Request):
    return request.app.state.people


def _signed_in(request: Request, person: Person, to: str) -> Response:
    """A new session for the person (the one before it is ended: an id planted before
    sign-in is worth nothing), and on to where they were going."""
    people = _people(request)
    people.sessions.end(request.state.session)
    session = people.sessions.start(person)
    response = RedirectResponse(to, status_code=303)
    name, value = cookie_header(SESSION_COOKIE, session, is_https(request.scope))
    response.raw_headers.append((name, value))
    return response


def _next(request: Request, value: str | None) -> str:
    """Only a path of this studio: never another site ('//evil', 'https://...')."""
    value = value or "/"
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def setup_form(request: Request):
    if _people(request).book().accounts:
        return RedirectResponse("/signin", status_code=303)
    return page(request, "setup.html", values={"name": ""}, error=None, network=_people(request).network)


@csrf_checked
async def setup_create(request: Request):
    from campaigngen.studio import team

    people = _people(request)
    book = await run_in_threadpool(people.book)
    if book.accounts:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    try:
        if password != str(form.get("again") or ""):
            raise AccountProblem("the two passwords are not the same")
        account = await run_in_threadpool(new_account, name, "coordinator", password)
    except AccountProblem as problem:
        return page(request, "setup.html", 422, values={"name": name}, error=str(problem), network=people.network)
    signer = await run_in_threadpool(unlock, account, password)
    assert signer is not None  # sealed a moment ago under this very password
    await run_in_threadpool(people.save, book.with_account(account))
    await run_in_threadpool(team.welcome, workspace(request).root, account, signer, None)
    return _signed_in(request, Person(account, signer), "/people")


def signin_form(request: Request):
    if not _people(request).book().accounts:
        return RedirectResponse("/setup", status_code=303)
    return page(
        request, "signin.html", typed_name="", error=None, next=_next(request, request.query_params.get("next"))
    )


@csrf_checked
async def signin(request: Request):
    people = _people(request)
    form = await request.form()
    name, password = str(form.get("name") or "").strip(), str(form.get("password") or "")
    to = _next(request, str(form.get("next") or "/"))
    address = request.client.host if request.client else "-"
    keys = (f"name:{name.casefold()}", f"address:{address}")
    wait = people.throttle.wait_s(keys)
    if wait > 0:
        return page(
            request,
            "signin.html",
            429,
            typed_name=name,
            next=to,
            error=f"Too many wrong tries: wait {int(wait) + 1} seconds, then try again.",
        )
    book = await run_in_threadpool(people.book)
    account = book.find(name)
    if account is None:
        # As much work as a real check, so the time taken does not tell which names exist.
        await run_in_threadpool(_decoy, password)
        signer = None
    else:
        signer = await run_in_threadpool(unlock, account, password)
    if account is None or signer is None:
        people.throttle.failed(keys)
        return page(
            request, "signin.html", 401, typed_name=name, next=to, error="The name or the password is not right."
        )
    people.throttle.succeeded(keys[0])
    return _signed_in(request, Person(account, signer), to)


def _decoy(password: str) -> None:
    accounts_module._stretch(
        password, b"campaigngen-none", accounts_module.SCRYPT_N, accounts_module.SCRYPT_R, accounts_module.SCRYPT_P
    )


@csrf_checked
async def signout(request: Request):
    _people(request).sessions.end(request.state.session)
    return RedirectResponse("/signin" if _people(request).book().accounts else "/", status_code=303)


def people_page(request: Request, status: int = 200, error: str | None = None, done: str | None = None):
    book = _people(request).book()
    return page(
        request,
        "people.html",
        status,
        accounts=book.accounts,
        roles=ROLES,
        role_words=ROLE_WORDS,
        may_add=may(request, "people") and request.state.person is not None,
        error=error,
        done=done,
        network=_people(request).network,
    )


@csrf_checked
@allowed("people")
async def people_add(request: Request):
    from campaigngen.studio import team

    people = _people(request)
    person = request.state.person
    if person is None:  # nobody signed in on this computer: the first account is made at /setup
        return RedirectResponse("/setup", status_code=303)
    form = await request.form()
    name, role, password = (str(form.get(k) or "") for k in ("name", "role", "password"))
    try:
        account = await run_in_threadpool(new_account, name, role, password)
        book = (await run_in_threadpool(people.book)).with_account(account)
    except AccountProblem as problem:
        return await run_in_threadpool(people_page, request, 422, str(problem))
    await run_in_threadpool(people.save, book)
    await run_in_threadpool(team.welcome, workspace(request).root, account, None, person.signer)
    return await run_in_threadpool(
        people_page,
        request,
        200,
        None,
        f"{account.name} can now sign in as a {account.role}; tell them the password in person",
    )


@csrf_checked
async def password_change(request: Request):
    people = _people(request)
    person = request.state.person
    if person is None:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    old, new = str(form.get("old") or ""), str(form.get("new") or "")
    try:
        if new != str(form.get("again") or ""):
            raise AccountProblem("the two new passwords are not the same")
        changed = await run_in_threadpool(accounts_module.with_new_password, person.account, old, new)
    except AccountProblem as problem:
        return await run_in_threadpool(people_page, request, 422, str(problem))
    book = await run_in_threadpool(people.book)
    await run_in_threadpool(people.save, book.replaced(changed))
    person.account = changed
    return await run_in_threadpool(people_page, request, 200, None, "Your password is changed.")


async def _someone_else(request: Request, own: str):
    """The coordinator's form, the team's book and the account the form names; or the page
    saying why it cannot go on (no one signed in, no such account, or their own, where `own`
    says who can)."""
    person = request.state.person
    if person is None:
        return RedirectResponse("/setup", status_code=303)
    form = await request.form()
    book = await run_in_threadpool(_people(request).book)
    named = book.find(str(form.get("name") or ""))
    if named is None:
        return await run_in_threadpool(people_page, request, 404, "There is no such account.")
    if named.name == person.name:
        return await run_in_threadpool(people_page, request, 409, own)
    return form, book, named


@csrf_checked
@allowed("people")
async def people_remove(request: Request):
    from campaigngen.studio import team

    found = await _someone_else(request, "You cannot remove your own account.")
    if isinstance(found, Response):
        return found
    _, book, leaving = found
    people, person = _people(request), request.state.person
    await run_in_threadpool(people.save, book.without(leaving.name))
    people.sessions.end_for(leaving.name)
    await run_in_threadpool(team.retire, workspace(request).root, leaving, person.signer)
    return await run_in_threadpool(
        people_page,
        request,
        200,
        None,
        f"{leaving.name} can no longer sign in; what they approved before stays approved, nothing later counts",
    )


@csrf_checked
@allowed("people")
async def people_role(request: Request):
    """A coordinator gives someone else another role: it holds in their open sessions at
    once, and the trusted reviewers follow (team.change_role)."""
    from campaigngen.studio import team

    found = await _someone_else(request, "You cannot change your own role: another coordinator can.")
    if isinstance(found, Response):
        return found
    form, book, before = found
    people, person = _people(request), request.state.person
    role = str(form.get("role") or "")
    if role == before.role:
        return await run_in_threadpool(people_page, request, 200, None, f"{before.name} is a {role} already.")
    try:
        changed = book.with_role(before.name, role)
    except AccountProblem as problem:
        return await run_in_threadpool(people_page, request, 422, str(problem)[:1].upper() + str(problem)[1:] + ".")
    after = changed.find(before.name)
    assert after is not None
    await run_in_threadpool(people.save, changed)
    people.sessions.update_for(after)
    await run_in_threadpool(team.change_role, workspace(request).root, before, after, person.signer)
    said = f"{after.name} is now a {after.role}: {ROLE_WORDS[after.role]}"
    if before.role in team.APPROVERS and after.role not in team.APPROVERS:
        said += "; what they approved before stays approved, nothing they approve from now on counts"
    return await run_in_threadpool(people_page, request, 200, None, said)
