"""Check and publish (`/c/<id>/check`): every finding, waivers (who and why), publishing with
its progress, and each release's files."""

from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse

from campaigngen import checknames
from campaigngen.catalogs.po import file_sha256
from campaigngen.sources.campaign import Campaign
from campaigngen.studio import publishing, settings
from campaigngen.studio.pages.base import (
    campaign_of,
    page,
    workspace,
)
from campaigngen.studio.people import allowed
from campaigngen.studio.places import NotHere, release_file, release_version
from campaigngen.studio.security import RELEASE_CSP, csrf_checked


def check_page(request: Request):
    campaign = campaign_of(request)
    job = request.app.state.publisher.job(campaign.id)
    return page(
        request,
        "check.html",
        campaign=campaign,
        section="check",
        job=job,
        releases=publishing.releases(workspace(request).out, campaign.id),
        **_waiving(campaign),
    )


def _report_view(request: Request, campaign: Campaign, status: int = 200, waiver_error: dict | None = None):
    from campaigngen.release.gate import run_checks

    report = run_checks(workspace(request).snapshot(campaign))
    groups = list(dict.fromkeys([*report.languages, *(f.language for f in report.findings)]))
    # Each waiver with the findings it accepts now: one that accepts nothing is said to be stale.
    waivers = [
        (
            index,
            waiver,
            [
                f
                for f in report.findings
                if f.waived_by == waiver.by and waiver.names(f.check, f.language, f.message_id, f.target)
            ],
        )
        for index, waiver in enumerate(campaign.waivers)
    ]
    return page(
        request,
        "_report.html",
        status,
        campaign=campaign,
        report=report,
        groups=groups,
        waivers=waivers,
        not_waivable=checknames.NOT_WAIVABLE,
        sha256=file_sha256(campaign.config_path.read_bytes()),
        waiver_error=waiver_error or {},
    )


def check_report(request: Request):
    return _report_view(request, campaign_of(request))


@csrf_checked
@allowed("waive")
async def add_waiver(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    form = await request.form()
    fields = {
        key: str(form.get(key) or "").strip() for key in ("check", "language", "message", "target", "by", "reason")
    }
    person = request.state.person
    if person is not None:
        # Who accepted it, as a release may name them: role and key, not the person.
        fields["by"] = person.account.signer_name
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
        # Bound to the text the person saw: a different text later is not covered.
        "accepted_sha256": await run_in_threadpool(_accepted_sha256, campaign, fields),
    }
    outcome = await run_in_threadpool(settings.add_waiver, campaign.config_path, str(form.get("sha256") or ""), entry)
    if not outcome.saved:
        text = "; ".join(p.text for problems in outcome.errors.values() for p in problems)
        return await run_in_threadpool(_report_view, request, campaign, 422, {"key": key, "text": text})
    assert outcome.campaign is not None  # a saved outcome carries the campaign it wrote
    return await run_in_threadpool(_report_view, request, outcome.campaign)


@csrf_checked
@allowed("waive")
async def remove_waiver(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    form = await request.form()
    try:
        index = int(str(form.get("index") or ""))
    except ValueError:
        raise HTTPException(400, "which waiver?") from None
    outcome = await run_in_threadpool(
        settings.remove_waiver, campaign.config_path, index, str(form.get("sha256") or "")
    )
    if not outcome.saved:
        text = "; ".join(p.plain for problems in outcome.errors.values() for p in problems)
        return await run_in_threadpool(_report_view, request, campaign, 409, {"key": "remove", "text": text})
    assert outcome.campaign is not None
    return await run_in_threadpool(_report_view, request, outcome.campaign)


def _accepted_sha256(campaign: Campaign, fields: dict[str, str]) -> str | None:
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.waiving import subject_hash

    return subject_hash(
        take_snapshot(campaign), fields["language"], fields["message"] or None, fields["target"] or None
    )


@csrf_checked
@allowed("publish")
async def publish_start(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    ws = workspace(request)
    person = request.state.person
    # Signed by the coordinator signed in, with the key their password unlocked.
    job = request.app.state.publisher.start(campaign.id, campaign.root, ws.out, person.signer if person else None)
    return page(request, "_publish.html", campaign=campaign, job=job, **_waiving(campaign))


def publish_status(request: Request):
    campaign = campaign_of(request)
    job = request.app.state.publisher.job(campaign.id)
    return page(
        request,
        "_publish.html",
        campaign=campaign,
        job=job,
        oob_releases=publishing.releases(workspace(request).out, campaign.id),
        **_waiving(campaign),
    )


def _waiving(campaign: Campaign) -> dict:
    """What a refused publish's waiver forms carry: the settings file as it is (a waiver
    saved over a file changed meanwhile is refused), and which checks no waiver accepts."""
    return {"config_sha256": file_sha256(campaign.config_path.read_bytes()), "not_waivable": checknames.NOT_WAIVABLE}


def release_download(request: Request):
    campaign = campaign_of(request)
    try:
        version = release_version(request.path_params["version"])
        folder = publishing.release_folder(workspace(request).out, campaign.id, version)
        if folder is None:
            raise NotHere(version)
        path = release_file(folder, request.path_params["path"])
    except NotHere:
        raise HTTPException(404, "no such file in this release") from None
    headers = {"content-security-policy": RELEASE_CSP}
    if path.suffix == ".zip":
        headers["content-disposition"] = f'attachment; filename="{campaign.id}-{folder.name}-{path.name}"'
    return FileResponse(path, headers=headers)
