"""What every page handler uses: the workspace, the page template, and ids from the address
checked (places.py) or answered with 404."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from campaigngen.sources.campaign import Campaign
from campaigngen.studio.places import NotHere, language_tag, one_of
from campaigngen.studio.security import CSRF_FIELD
from campaigngen.studio.workspace import Workspace


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    from campaigngen.studio.people import may

    context.setdefault("campaign", None)
    context.setdefault("section", "")
    context.setdefault("person", getattr(request.state, "person", None))
    context.setdefault("may", lambda permission: may(request, permission))
    response = request.app.state.templates.TemplateResponse(
        request, name, {"csrf": request.state.csrf, "csrf_field": CSRF_FIELD, **context}, status_code=status
    )
    response.headers["cache-control"] = "no-store"
    return response


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def campaign_of(request: Request) -> Campaign:
    """The campaign the address names; 404 for one that does not exist (or lies outside the project)."""
    try:
        return workspace(request).campaign(request.path_params["cid"])
    except NotHere:
        raise HTTPException(404, "no such campaign") from None


def tag_of(campaign: Campaign, tag: str, *, source: bool = True) -> str:
    tags = tuple(lang.tag for lang in (campaign.all_languages if source else campaign.languages))
    try:
        return language_tag(tag, tags)
    except NotHere:
        raise HTTPException(404, "no such language in this campaign") from None


def one_of_or_404(value: str, allowed) -> str:
    try:
        return one_of(value, tuple(allowed))
    except NotHere:
        raise HTTPException(404, "not found") from None


def paper_formats():
    from campaigngen.sources.paper import FORMATS

    return FORMATS


def extract_catalogs(campaign: Campaign):
    """The translators' files follow every change of messages or languages, as `extract` does."""
    from campaigngen.catalogs.extract import extract

    return extract(campaign)
