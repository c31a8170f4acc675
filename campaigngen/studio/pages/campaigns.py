"""The campaigns page and a new campaign (`/`, `/new`): the commented file `campaigngen new`
writes, with the form's values put in."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse

from campaigngen.sources.campaign import CONFIG_NAME
from campaigngen.studio import settings
from campaigngen.studio.pages.base import (
    extract_catalogs,
    page,
    paper_formats,
    workspace,
)
from campaigngen.studio.people import allowed
from campaigngen.studio.places import new_campaign_id
from campaigngen.studio.security import csrf_checked
from campaigngen.studio.workspace import Problem, language_matrix


def campaigns(request: Request):
    return page(request, "campaigns.html", listed=workspace(request).campaigns(), formats=paper_formats())


def new_form(request: Request):
    return page(
        request,
        "new.html",
        values={
            "id": "",
            "name": "",
            "languages": [],
            "contact.phone": "",
            "contact.url": "",
            "contact.region": "US",
            "formats": ["letter", "a4"],
        },
        errors={},
        matrix=language_matrix(),
        formats=paper_formats(),
    )


@csrf_checked
@allowed("edit")
async def new_create(request: Request):
    """A new campaign: the commented file `campaigngen new` writes, with the form's values put in."""
    from campaigngen.sources.scaffold import scaffold_text

    form = await request.form()
    texts = {
        key: str(form.get(key) or "").strip()
        for key in ("id", "name", "contact.phone", "contact.url", "contact.region")
    }
    # str() as for every other field: a file sent under these names is text the loader refuses.
    languages = [str(t) for t in form.getlist("languages") if t]
    formats = [str(f) for f in form.getlist("formats") if f]
    shown: dict[str, str | list[str]] = {**texts, "languages": languages, "formats": formats}
    ws = workspace(request)
    campaign_id = texts["id"]
    problem = new_campaign_id(campaign_id)
    if problem is None and (ws.content / campaign_id).exists():
        problem = "a campaign with this name already exists - pick another name"
    if problem is not None:
        return page(
            request,
            "new.html",
            422,
            values=shown,
            errors={"id": (Problem(None, problem),)},
            matrix=language_matrix(),
            formats=paper_formats(),
        )
    raw = scaffold_text(campaign_id, []).encode("utf-8")
    values = settings.values_from_data(_toml(raw))
    values.name = texts["name"] or values.name
    values.languages, values.formats = languages, formats
    values.phone, values.url = texts["contact.phone"], texts["contact.url"]
    values.region = texts["contact.region"] or "US"
    new, own = settings.propose(raw, values)

    def create():
        outcome = settings.validate_and_write(
            ws.content / campaign_id / CONFIG_NAME, new, values, own, None, create=True
        )
        if outcome.saved:
            assert outcome.campaign is not None  # a saved outcome carries the campaign it wrote
            extract_catalogs(outcome.campaign)
        return outcome

    outcome = await run_in_threadpool(create)
    if not outcome.saved:
        return page(
            request,
            "new.html",
            422,
            values=shown,
            errors=outcome.errors,
            matrix=language_matrix(),
            formats=paper_formats(),
        )
    return RedirectResponse(f"/c/{campaign_id}/settings?created=1", status_code=303)


def _toml(raw: bytes) -> dict:
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))
