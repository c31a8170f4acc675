"""The studio's pages. Each handler reads ids from the address (checked in places.py), calls
the pipeline's own functions, and renders a template; none of them makes or checks anything
itself."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from campaigngen import checknames
from campaigngen.catalogs.po import file_sha256
from campaigngen.exceptions import CampaignGenError, CatalogChanged
from campaigngen.sources.campaign import CONFIG_NAME, Campaign
from campaigngen.studio import previews, publishing, settings, translating, uploads
from campaigngen.studio.places import NotHere, language_tag, new_campaign_id, one_of, release_file, release_version
from campaigngen.studio.security import CSRF_FIELD, RELEASE_CSP, csrf_checked
from campaigngen.studio.workspace import Problem, Workspace, language_matrix, problems_of

_KEY_RE = re.compile(r"^[0-9a-f]{64}$")
_SPOT_FILES = {"spot.mp3": "audio/mpeg", "spot.wav": "audio/wav", "script.txt": "text/plain; charset=utf-8"}


# --------------------------------------------------------------------------- helpers


def _ws(request: Request) -> Workspace:
    return request.app.state.workspace


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("campaign", None)
    context.setdefault("section", "")
    response = request.app.state.templates.TemplateResponse(
        request, name, {"csrf": request.state.csrf, "csrf_field": CSRF_FIELD, **context}, status_code=status
    )
    response.headers["cache-control"] = "no-store"
    return response


def _htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _campaign(request: Request) -> Campaign:
    """The campaign the address names; 404 for one that does not exist (or lies outside the project)."""
    try:
        return _ws(request).campaign(request.path_params["cid"])
    except NotHere:
        raise HTTPException(404, "no such campaign") from None


def _tag(campaign: Campaign, tag: str, *, source: bool = True) -> str:
    tags = tuple(lang.tag for lang in (campaign.all_languages if source else campaign.languages))
    try:
        return language_tag(tag, tags)
    except NotHere:
        raise HTTPException(404, "no such language in this campaign") from None


def _one_of(value: str, allowed) -> str:
    try:
        return one_of(value, tuple(allowed))
    except NotHere:
        raise HTTPException(404, "not found") from None


# --------------------------------------------------------------------------- campaigns


def campaigns(request: Request):
    return page(request, "campaigns.html", listed=_ws(request).campaigns())


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
        formats=_formats(),
    )


def _formats():
    from campaigngen.sources.paper import FORMATS

    return FORMATS


@csrf_checked
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
    ws = _ws(request)
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
            formats=_formats(),
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
            _extract(outcome.campaign)
        return outcome

    outcome = await run_in_threadpool(create)
    if not outcome.saved:
        return page(
            request, "new.html", 422, values=shown, errors=outcome.errors, matrix=language_matrix(), formats=_formats()
        )
    return RedirectResponse(f"/c/{campaign_id}/settings?created=1", status_code=303)


def _validates(config: Path, new: bytes, values, own) -> settings.Outcome | None:
    """None when the loader accepts new (nothing is written here)."""
    from campaigngen.sources.campaign import campaign_from_bytes

    if own:
        return settings.Outcome(False, values, {k: (Problem(None, v),) for k, v in own.items()})
    try:
        campaign_from_bytes(config, new)
    except CampaignGenError as error:
        placed = settings.place_problems(problems_of(error), new.decode("utf-8"), values)
        return settings.Outcome(False, values, {k: tuple(v) for k, v in placed.items()})
    return None


def _toml(raw: bytes) -> dict:
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def _extract(campaign: Campaign):
    """The translators' files follow every change of messages or languages, as `extract` does."""
    from campaigngen.catalogs.extract import extract

    return extract(campaign)


# --------------------------------------------------------------------------- the campaign form


def settings_page(request: Request):
    ws = _ws(request)
    try:
        folder = ws.folder(request.path_params["cid"])
    except NotHere:
        raise HTTPException(404, "no such campaign") from None
    raw, values, syntax = settings.read_config(folder)
    errors: dict = {"": syntax} if syntax else {}
    campaign = None
    if values is not None:
        outcome = _validates(folder / CONFIG_NAME, raw, values, {})
        if outcome is not None:
            errors = dict(outcome.errors)
        else:
            campaign = ws.campaign(folder.name)
    return _settings_view(request, folder, values, errors, file_sha256(raw), campaign)


def _settings_view(
    request: Request, folder: Path, values, errors, sha: str, campaign: Campaign | None, status: int = 200
):
    from campaigngen.sources.broadcast import PRESETS
    from campaigngen.sources.campaign import SPOT_LENGTHS

    created = [t for t in request.query_params.get("new", "").split(",") if values and t in values.languages]
    return page(
        request,
        "settings.html",
        status,
        campaign=campaign,
        campaign_id=folder.name,
        values=values,
        errors=errors,
        sha256=sha,
        matrix=language_matrix(),
        formats=_formats(),
        presets=PRESETS,
        spot_lengths=SPOT_LENGTHS,
        roles=settings.ROLES,
        section="settings",
        saved=request.query_params.get("saved") == "1",
        created_now=request.query_params.get("created") == "1",
        new_catalogs=created,
        recording_kind=uploads.RECORDING,
    )


@csrf_checked
async def settings_save(request: Request):
    ws = _ws(request)
    try:
        folder = ws.folder(request.path_params["cid"])
    except NotHere:
        raise HTTPException(404, "no such campaign") from None
    form = await request.form()
    raw, shown, syntax = settings.read_config(folder)
    if shown is None:
        return _settings_view(request, folder, None, {"": syntax}, file_sha256(raw), None, 422)
    values = settings.values_from_form(form, shown)
    new, own = settings.propose(raw, values)

    def save():
        outcome = settings.validate_and_write(folder / CONFIG_NAME, new, values, own, str(form.get("sha256") or ""))
        if not outcome.saved:
            return outcome, ()
        assert outcome.campaign is not None  # a saved outcome carries the campaign it wrote
        return outcome, _extract(outcome.campaign).created

    outcome, created = await run_in_threadpool(save)
    if not outcome.saved:
        return _settings_view(request, folder, values, outcome.errors, str(form.get("sha256") or ""), None, 422)
    tags = ",".join(p.parent.parent.name.replace("_", "-") for p in created)
    return RedirectResponse(f"/c/{folder.name}/settings?saved=1" + (f"&new={tags}" if tags else ""), status_code=303)


@csrf_checked
async def upload_recording(request: Request):
    from campaigngen.atomic import write_bytes_atomic

    campaign = await run_in_threadpool(_campaign, request)
    tag = _tag(campaign, request.path_params["tag"], source=True)
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    data = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        extension = await run_in_threadpool(uploads.validate, uploads.RECORDING, data)
    except uploads.UploadRefused as refused:
        return page(
            request,
            "message.html",
            422,
            campaign=campaign,
            title="Recording not used",
            text=str(refused),
            back=f"/c/{campaign.id}/settings",
        )
    relative = f"recordings/{tag}.{extension}"
    target = campaign.root / relative
    previous = target.read_bytes() if target.is_file() else None
    await run_in_threadpool(write_bytes_atomic, target, data)
    outcome = await run_in_threadpool(settings.set_recording, campaign.config_path, tag, relative)
    if not outcome.saved:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            write_bytes_atomic(target, previous)
        text = "; ".join(p.text for problems in outcome.errors.values() for p in problems)
        return page(
            request,
            "message.html",
            422,
            campaign=campaign,
            title="Recording not used",
            text=text,
            back=f"/c/{campaign.id}/settings",
        )
    return RedirectResponse(f"/c/{campaign.id}/settings?saved=1", status_code=303)


# --------------------------------------------------------------------------- translate


def translate_index(request: Request):
    campaign = _campaign(request)
    snapshot = _ws(request).snapshot(campaign, tuple(lang.tag for lang in campaign.languages) or None)
    editions = [
        (e, Counter(e.status[m.id] for m in e.applicable))
        for e in snapshot.editions
        if e.tag != campaign.source_language.tag
    ]
    return page(request, "translate_index.html", campaign=campaign, editions=editions, section="translate")


def translate_page(request: Request):
    from campaigngen.release.gate import run_checks

    campaign = _campaign(request)
    tag = _tag(campaign, request.path_params["tag"], source=False)
    snapshot = _ws(request).snapshot(campaign, (tag,))
    report = run_checks(snapshot)
    sheet = translating.sheet(snapshot, tag, report.findings)
    return page(
        request,
        "translate.html",
        campaign=campaign,
        sheet=sheet,
        tag=tag,
        section="translate",
        drafts=translating.drafts_available(campaign, tag),
        language=campaign.language(tag),
    )


def _typed(form) -> tuple[str, bool]:
    text = str(form.get("text") or "").replace("\r\n", "\n").strip()
    return text, bool(form.get("needs_review"))


@csrf_checked
async def translate_check(request: Request):
    campaign = await run_in_threadpool(_campaign, request)
    tag = _tag(campaign, request.path_params["tag"], source=False)
    mid = _one_of(request.path_params["mid"], campaign.messages)
    text, needs_review = _typed(await request.form())

    def check():
        snapshot = _ws(request).snapshot(campaign, (tag,))
        return translating.typed_findings(snapshot, tag, mid, text, needs_review)

    problem: str | None
    try:
        findings = await run_in_threadpool(check)
    except CampaignGenError as error:
        findings, problem = (), error.format_message()
    else:
        problem = None
    message = campaign.messages[mid]
    return page(
        request,
        "_findings.html",
        findings=findings,
        mid=mid,
        problem=problem,
        typed=text,
        limit=message.max_length,
        live=True,
    )


@csrf_checked
async def translate_save(request: Request):
    campaign = await run_in_threadpool(_campaign, request)
    tag = _tag(campaign, request.path_params["tag"], source=False)
    mid = _one_of(request.path_params["mid"], campaign.messages)
    form = await request.form()
    text, needs_review = _typed(form)
    forced = form.get("force_sha256")
    expect = str(forced or form.get("sha256") or "")
    try:
        new_sha = await run_in_threadpool(translating.save, campaign, tag, mid, text, needs_review, expect)
    except CatalogChanged:
        theirs, theirs_review, current = await run_in_threadpool(translating.file_version, campaign, tag, mid)
        return page(
            request,
            "_conflict.html",
            409,
            campaign=campaign,
            tag=tag,
            mid=mid,
            mine=text,
            mine_review=needs_review,
            theirs=theirs,
            theirs_review=theirs_review,
            current=current,
            language=campaign.language(tag),
            message=campaign.messages[mid],
        )
    except CampaignGenError as error:
        # Said under the translation, which stays as typed.
        response = page(
            request,
            "_findings.html",
            422,
            findings=(),
            mid=mid,
            problem=error.format_message(),
            typed=text,
            limit=None,
            live=True,
        )
        response.headers.update({"HX-Retarget": f"#findings-{mid}", "HX-Reswap": "innerHTML"})
        return response
    if forced:
        # Overwrote a message changed elsewhere: show the whole file as it now is.
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    return await run_in_threadpool(_saved_row, request, campaign, tag, mid, new_sha)


def _saved_row(request: Request, campaign: Campaign, tag: str, mid: str, sha: str):
    from campaigngen.release.gate import run_checks

    snapshot = _ws(request).snapshot(campaign, (tag,))
    sheet = translating.sheet(snapshot, tag, run_checks(snapshot).findings)
    row = next(r for r in sheet.rows if r.id == mid)
    return page(
        request,
        "_row_saved.html",
        campaign=campaign,
        tag=tag,
        row=row,
        sheet=sheet,
        sha256=sha,
        language=campaign.language(tag),
    )


@csrf_checked
async def translate_draft(request: Request):
    campaign = await run_in_threadpool(_campaign, request)
    tag = _tag(campaign, request.path_params["tag"], source=False)
    form = await request.form()
    try:
        await run_in_threadpool(translating.draft, campaign, tag, str(form.get("sha256") or ""))
    except CatalogChanged:
        return page(
            request,
            "message.html",
            409,
            campaign=campaign,
            title="The catalog changed",
            text="The PO file was changed elsewhere since this page was opened; nothing was drafted. "
            "Reload the page, then ask for drafts again.",
            back=f"/c/{campaign.id}/translate/{tag}",
        )
    except CampaignGenError as error:
        return page(
            request,
            "message.html",
            422,
            campaign=campaign,
            title="No machine drafts",
            text=error.format_message(),
            back=f"/c/{campaign.id}/translate/{tag}",
        )
    if _htmx(request):
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    return RedirectResponse(f"/c/{campaign.id}/translate/{tag}", status_code=303)


# --------------------------------------------------------------------------- preview


def _preview_choice(request: Request, campaign: Campaign) -> tuple[str, str]:
    tags = tuple(lang.tag for lang in campaign.all_languages)
    wanted = request.query_params.get("lang") or (campaign.languages[0].tag if campaign.languages else tags[0])
    formats = campaign.flyer.formats or ("letter",)
    fmt = request.query_params.get("format") or formats[0]
    return _tag(campaign, wanted), _one_of(fmt, formats)


def _panel_context(request: Request, campaign: Campaign, tag: str, fmt: str) -> dict:
    snapshot = _ws(request).snapshot(campaign, (tag,))
    edition = snapshot.edition(tag)
    spots = [(spot, previews.spot_key(snapshot, tag, spot.id)) for spot in campaign.spots]
    return {
        "tag": tag,
        "fmt": fmt,
        "flyer_key": previews.flyer_key(snapshot, tag, fmt),
        "edition": edition,
        "spots": spots,
        "spots_key": "-".join(k[:16] for _, k in spots),
    }


def preview_page(request: Request):
    campaign = _campaign(request)
    tag, fmt = _preview_choice(request, campaign)
    return page(
        request,
        "preview.html",
        campaign=campaign,
        section="preview",
        formats=_formats(),
        **_panel_context(request, campaign, tag, fmt),
    )


def preview_panel(request: Request):
    """Polled twice a second: nothing (204) while the keys are what the page shows."""
    campaign = _campaign(request)
    tag, fmt = _preview_choice(request, campaign)
    context = _panel_context(request, campaign, tag, fmt)
    if (
        request.query_params.get("have") == context["flyer_key"]
        and request.query_params.get("spots_have") == context["spots_key"]
    ):
        return Response(status_code=204)
    return page(request, "_preview_panel.html", campaign=campaign, **context)


def preview_flyer(request: Request):
    campaign = _campaign(request)
    tag = _tag(campaign, request.path_params["tag"])
    fmt = _one_of(request.path_params["fmt"], campaign.flyer.formats)
    snapshot = _ws(request).snapshot(campaign, (tag,))
    made = previews.flyer_preview(snapshot, tag, fmt)
    if made.png is None:
        raise HTTPException(404, made.problem or "cannot be laid out")
    fresh = request.query_params.get("key") == made.key
    return FileResponse(
        made.png,
        media_type="image/png",
        headers={"cache-control": "private, max-age=31536000, immutable" if fresh else "no-store"},
    )


def preview_spot(request: Request):
    campaign = _campaign(request)
    tag = _tag(campaign, request.path_params["tag"])
    spot_id = _one_of(request.path_params["spot"], [s.id for s in campaign.spots])
    snapshot = _ws(request).snapshot(campaign, (tag,))
    made = previews.spot_preview(snapshot, tag, spot_id)
    spot = next(s for s in campaign.spots if s.id == spot_id)
    return page(
        request, "_spot.html", campaign=campaign, tag=tag, spot=spot, made=made, draft=snapshot.edition(tag).draft
    )


def preview_spot_file(request: Request):
    _campaign(request)  # the campaign must exist; the key names the spot's files
    key = request.path_params["key"]
    name = request.path_params["name"]
    if not _KEY_RE.fullmatch(key) or name not in _SPOT_FILES:
        raise HTTPException(404, "not found")
    path = previews.previews_dir() / key[:2] / f"spot-{key}" / name
    if not path.is_file():
        raise HTTPException(404, "not made yet")
    return FileResponse(path, media_type=_SPOT_FILES[name], headers={"cache-control": "private, max-age=31536000"})


# --------------------------------------------------------------------------- check and publish


def check_page(request: Request):
    campaign = _campaign(request)
    job = request.app.state.publisher.job(campaign.id)
    return page(
        request,
        "check.html",
        campaign=campaign,
        section="check",
        job=job,
        releases=publishing.releases(_ws(request).out, campaign.id),
    )


def _report_view(request: Request, campaign: Campaign, status: int = 200, waiver_error: dict | None = None):
    from campaigngen.release.gate import run_checks

    report = run_checks(_ws(request).snapshot(campaign))
    groups = list(dict.fromkeys([*report.languages, *(f.language for f in report.findings)]))
    return page(
        request,
        "_report.html",
        status,
        campaign=campaign,
        report=report,
        groups=groups,
        not_waivable=checknames.NOT_WAIVABLE,
        sha256=file_sha256(campaign.config_path.read_bytes()),
        waiver_error=waiver_error or {},
    )


def check_report(request: Request):
    return _report_view(request, _campaign(request))


@csrf_checked
async def add_waiver(request: Request):
    campaign = await run_in_threadpool(_campaign, request)
    form = await request.form()
    fields = {
        key: str(form.get(key) or "").strip() for key in ("check", "language", "message", "target", "by", "reason")
    }
    missing = [label for key, label in (("by", "your name or role"), ("reason", "a reason")) if not fields[key]]
    key = (fields["check"], fields["language"], fields["message"], fields["target"])
    if missing:
        return await run_in_threadpool(
            _report_view,
            request,
            campaign,
            422,
            {"key": key, "text": f"write {' and '.join(missing)} - a waiver says who accepted the finding and why"},
        )
    entry = {
        "check": fields["check"],
        "language": fields["language"],
        "message": fields["message"],
        "target": fields["target"],
        "by": fields["by"],
        "reason": fields["reason"],
        "date": dt.date.today(),
    }
    outcome = await run_in_threadpool(settings.add_waiver, campaign.config_path, str(form.get("sha256") or ""), entry)
    if not outcome.saved:
        text = "; ".join(p.text for problems in outcome.errors.values() for p in problems)
        return await run_in_threadpool(_report_view, request, campaign, 422, {"key": key, "text": text})
    assert outcome.campaign is not None  # a saved outcome carries the campaign it wrote
    return await run_in_threadpool(_report_view, request, outcome.campaign)


@csrf_checked
async def publish_start(request: Request):
    campaign = await run_in_threadpool(_campaign, request)
    ws = _ws(request)
    job = request.app.state.publisher.start(campaign.id, campaign.root, ws.out)
    return page(request, "_publish.html", campaign=campaign, job=job)


def publish_status(request: Request):
    campaign = _campaign(request)
    job = request.app.state.publisher.job(campaign.id)
    return page(
        request,
        "_publish.html",
        campaign=campaign,
        job=job,
        oob_releases=publishing.releases(_ws(request).out, campaign.id),
    )


def release_download(request: Request):
    campaign = _campaign(request)
    try:
        version = release_version(request.path_params["version"])
        folder = publishing.release_folder(_ws(request).out, campaign.id, version)
        if folder is None:
            raise NotHere(version)
        path = release_file(folder, request.path_params["path"])
    except NotHere:
        raise HTTPException(404, "no such file in this release") from None
    headers = {"content-security-policy": RELEASE_CSP}
    if path.suffix == ".zip":
        headers["content-disposition"] = f'attachment; filename="{campaign.id}-{folder.name}-{path.name}"'
    return FileResponse(path, headers=headers)


def routes() -> list[Route]:
    c = "/c/{cid}"
    return [
        Route("/", campaigns),
        Route("/new", new_form, methods=["GET"]),
        Route("/new", new_create, methods=["POST"]),
        Route(c, lambda request: RedirectResponse(f"/c/{request.path_params['cid']}/settings", 303)),
        Route(f"{c}/settings", settings_page, methods=["GET"]),
        Route(f"{c}/settings", settings_save, methods=["POST"]),
        Route(f"{c}/upload/recording/{{tag}}", upload_recording, methods=["POST"]),
        Route(f"{c}/translate", translate_index),
        Route(f"{c}/translate/{{tag}}", translate_page),
        Route(f"{c}/translate/{{tag}}/check/{{mid}}", translate_check, methods=["POST"]),
        Route(f"{c}/translate/{{tag}}/save/{{mid}}", translate_save, methods=["POST"]),
        Route(f"{c}/translate/{{tag}}/draft", translate_draft, methods=["POST"]),
        Route(f"{c}/preview", preview_page),
        Route(f"{c}/preview/panel", preview_panel),
        Route(f"{c}/preview/flyer/{{tag}}/{{fmt}}.png", preview_flyer),
        Route(f"{c}/preview/spot/{{tag}}/{{spot}}", preview_spot),
        Route(f"{c}/preview/audio/{{key}}/{{name}}", preview_spot_file),
        Route(f"{c}/check", check_page),
        Route(f"{c}/check/report", check_report),
        Route(f"{c}/waivers", add_waiver, methods=["POST"]),
        Route(f"{c}/publish", publish_start, methods=["POST"]),
        Route(f"{c}/publish/status", publish_status),
        Route(f"{c}/releases/{{version}}/{{path:path}}", release_download),
    ]
