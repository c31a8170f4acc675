"""The campaign form (`/c/<id>/settings`): campaign.toml shown as fields, saved with its
comments kept after the loader accepts it; recordings uploaded per language."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse

from campaigngen.catalogs.po import file_sha256
from campaigngen.exceptions import CampaignGenError
from campaigngen.sources.campaign import CONFIG_NAME, Campaign
from campaigngen.studio import settings, uploads
from campaigngen.studio.pages.base import (
    campaign_of,
    extract_catalogs,
    page,
    paper_formats,
    tag_of,
    workspace,
)
from campaigngen.studio.people import allowed
from campaigngen.studio.places import NotHere
from campaigngen.studio.security import csrf_checked
from campaigngen.studio.workspace import Problem, language_matrix, problems_of


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


def settings_page(request: Request):
    ws = workspace(request)
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
        formats=paper_formats(),
        presets=PRESETS,
        spot_lengths=SPOT_LENGTHS,
        roles=settings.ROLES,
        section="settings",
        saved=request.query_params.get("saved") == "1",
        created_now=request.query_params.get("created") == "1",
        new_catalogs=created,
        recording_kind=uploads.RECORDING,
        logo_kind=uploads.LOGO,
    )


@csrf_checked
@allowed("edit")
async def settings_save(request: Request):
    ws = workspace(request)
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
        return outcome, extract_catalogs(outcome.campaign).created

    outcome, created = await run_in_threadpool(save)
    if not outcome.saved:
        return _settings_view(request, folder, values, outcome.errors, str(form.get("sha256") or ""), None, 422)
    tags = ",".join(p.parent.parent.name.replace("_", "-") for p in created)
    return RedirectResponse(f"/c/{folder.name}/settings?saved=1" + (f"&new={tags}" if tags else ""), status_code=303)


@csrf_checked
@allowed("edit")
async def upload_recording(request: Request):
    from campaigngen.atomic import write_bytes_atomic

    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"], source=True)
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


@csrf_checked
@allowed("edit")
async def remove_recording(request: Request):
    """The language's spot is spoken by its voice again; the stored file goes too."""
    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"], source=True)
    recording = campaign.radio.recording_for(tag)
    outcome = await run_in_threadpool(settings.remove_recording, campaign.config_path, tag)
    if not outcome.saved:
        return page(
            request,
            "message.html",
            422,
            campaign=campaign,
            title="The recording stays",
            text="; ".join(p.plain for problems in outcome.errors.values() for p in problems),
            back=f"/c/{campaign.id}/settings",
        )
    if recording is not None and recording.path.parent == campaign.root / "recordings":
        recording.path.unlink(missing_ok=True)  # stored by the studio: nothing else names it
    return RedirectResponse(f"/c/{campaign.id}/settings?saved=1", status_code=303)


@csrf_checked
@allowed("edit")
async def upload_logo(request: Request):
    """A logo, sniffed (PNG or JPEG, decoded whole) and capped in bytes and pixels, stored as
    brand/logo.<ext> beside campaign.toml and named in [brand] logo."""
    from campaigngen.atomic import write_bytes_atomic

    campaign = await run_in_threadpool(campaign_of, request)
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    data = await upload.read() if isinstance(upload, UploadFile) else b""

    def refused(text: str):
        return page(
            request,
            "message.html",
            422,
            campaign=campaign,
            title="Logo not used",
            text=text,
            back=f"/c/{campaign.id}/settings#section-brand",
        )

    try:
        extension = await run_in_threadpool(uploads.validate, uploads.LOGO, data)
    except uploads.UploadRefused as why:
        return refused(str(why))
    relative = f"brand/logo.{extension}"
    target = campaign.root / relative
    previous = target.read_bytes() if target.is_file() else None
    await run_in_threadpool(write_bytes_atomic, target, data)
    outcome = await run_in_threadpool(settings.set_logo, campaign.config_path, relative)
    if not outcome.saved:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            write_bytes_atomic(target, previous)
        return refused("; ".join(p.plain for problems in outcome.errors.values() for p in problems))
    return RedirectResponse(f"/c/{campaign.id}/settings?saved=1#section-brand", status_code=303)


def contrast(request: Request):
    """The colour fields' live check: the text drawn on the colour as typed, its contrast ratio,
    and whether it is readable (the brand check's own rule and numbers, checks/brand.py)."""
    from starlette.responses import HTMLResponse

    campaign_of(request)
    name, colour = next(((k, v) for k, v in request.query_params.items() if k.startswith("brand.colours.")), ("", ""))
    return HTMLResponse(contrast_words(name.rsplit(".", 1)[-1], colour), headers={"cache-control": "no-store"})


def contrast_words(role: str, colour: str) -> str:
    import html

    from campaigngen.checks.brand import contrast_ratio
    from campaigngen.sources.brand import MIN_TEXT_CONTRAST, TEXT_ON, parse_colour

    rgb = parse_colour(colour.strip())
    if rgb is None:
        return '<span class="hint">Write a colour as # and six hexadecimal digits, e.g. #12345b.</span>'
    text = dict(TEXT_ON).get(role)
    if text is None:
        return '<span class="hint">No text is drawn on this colour.</span>'
    ratio = contrast_ratio(rgb, text)
    if ratio >= MIN_TEXT_CONTRAST:
        return f'<span class="ok">White text is readable on it ({ratio:.1f} to 1).</span>'
    return (
        f'<span class="warn">Too light for white text: {ratio:.1f} to 1, and text needs {MIN_TEXT_CONTRAST:g} to 1. '
        f"Choose a darker colour than {html.escape(colour.strip())}.</span>"
    )
