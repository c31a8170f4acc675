"""The studio's web application: routes, templates, static files and the guard around them."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from campaigngen.exceptions import CampaignGenError
from campaigngen.studio.publishing import Publisher
from campaigngen.studio.security import Guard, GuardMiddleware
from campaigngen.studio.workspace import Workspace

HERE = Path(__file__).parent


def templates():
    """Jinja2 with autoescaping on for every template: a translation is always text, never markup."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from starlette.templating import Jinja2Templates

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from campaigngen.studio import wording

    env.filters.update(
        script_name=wording.script_name,
        font_family=wording.font_family,
        reading_gate=wording.reading_gate,
        region_name=wording.region_name,
        piece_name=wording.piece_name,
        language_names=wording.language_names,
    )
    return Jinja2Templates(env=env)


async def unusable_input(request, error):
    """A file the pipeline refuses (a broken PO file, campaign.toml with a mistake): what is
    wrong in plain words, and its one-line errors as the command line prints them one click
    away, instead of a server error."""
    from campaigngen.exceptions import InvalidCampaign

    said = request.app.state.workspace.said
    lines = [said(p) for p in error.problems] if isinstance(error, InvalidCampaign) else [said(error)]
    campaign_id = request.path_params.get("cid")
    return request.app.state.templates.TemplateResponse(
        request,
        "message.html",
        {
            "csrf": request.state.csrf,
            "campaign": None,
            "section": "",
            "title": "A file cannot be used yet",
            "text": "\n".join(lines),
            "plain": error.plain,
            "back": f"/c/{campaign_id}/settings" if campaign_id else "/",
        },
        status_code=422,
    )


def create_app(project: Path, out: Path | None = None, *, token: str | None = None, translator_key: Path | None = None):
    """The studio for one project folder (content/, locales/, fonts/); builds and releases go
    to out (default <project>/output). token: required on every request (binding beyond
    loopback); None: loopback only, Host-checked. translator_key: the private key of the
    person translating here; each line they save is signed as theirs (four eyes)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from campaigngen.studio.people import People, SignInMiddleware
    from campaigngen.studio.routes import routes

    project = Path(project).resolve()
    workspace = Workspace(project, Path(out).resolve() if out else project / "output")
    guard = Guard.new(token)
    publisher = Publisher()
    people = People(project, network=token is not None)

    @asynccontextmanager
    async def lifespan(app):
        yield
        publisher.stop_all()
        people.sessions.end_all()

    app = Starlette(
        routes=[*routes(), Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")],
        middleware=[Middleware(GuardMiddleware, guard=guard), Middleware(SignInMiddleware, people=people)],
        exception_handlers={CampaignGenError: unusable_input},
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    app.state.guard = guard
    app.state.people = people
    app.state.publisher = publisher
    app.state.templates = templates()
    app.state.translator = None
    if translator_key is not None:
        from campaigngen.release.signing import signer_of

        app.state.translator = signer_of(translator_key)
    return app
