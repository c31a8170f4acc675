"""Translate (`/c/<id>/translate/...`): the source beside the translation, findings as it is
typed, saving into the PO file (a conflict shown, never overwritten unseen), machine drafts."""

from __future__ import annotations

from collections import Counter

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from campaigngen import checknames
from campaigngen.exceptions import CampaignGenError, CatalogChanged
from campaigngen.sources.campaign import Campaign
from campaigngen.studio import status, translating
from campaigngen.studio.pages.base import (
    campaign_of,
    is_htmx,
    one_of_or_404,
    page,
    tag_of,
    workspace,
)
from campaigngen.studio.people import allowed
from campaigngen.studio.security import csrf_checked


def translate_index(request: Request):
    from campaigngen.release.gate import run_checks

    campaign = campaign_of(request)
    snapshot = workspace(request).snapshot(campaign, tuple(lang.tag for lang in campaign.languages) or None)
    findings = run_checks(snapshot).findings if campaign.languages else ()
    editions = [
        (e, Counter(e.status[m.id] for m in e.applicable), _verdict(e, findings))
        for e in snapshot.editions
        if e.tag != campaign.source_language.tag
    ]
    return page(request, "translate_index.html", campaign=campaign, editions=editions, section="translate")


def _verdict(edition, findings) -> status.Verdict:
    """A language's state on the index, from its findings as the translate page works it out."""
    mine = [f for f in findings if f.language == edition.tag]
    fails = [f for f in status.failing(mine) if f.check != checknames.REVIEW]
    awaiting = {f.message_id for f in status.failing(mine) if f.check == checknames.REVIEW}
    return status.language_verdict(
        edition.language.english_name,
        len(edition.unfinished),
        len({f.message_id for f in fails if f.message_id is not None}),
        sum(1 for f in fails if f.message_id is None),
        len(awaiting),
    )


def translate_page(request: Request):
    from campaigngen.release.gate import run_checks

    campaign = campaign_of(request)
    tag = tag_of(campaign, request.path_params["tag"], source=False)
    snapshot = workspace(request).snapshot(campaign, (tag,))
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
@allowed("translate")
async def translate_check(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"], source=False)
    mid = one_of_or_404(request.path_params["mid"], campaign.messages)
    text, needs_review = _typed(await request.form())

    def check():
        snapshot = workspace(request).snapshot(campaign, (tag,))
        return translating.typed_findings(snapshot, tag, mid, text, needs_review)

    problem: str | None
    try:
        findings = await run_in_threadpool(check)
    except CampaignGenError as error:
        findings, problem = (), workspace(request).said(error)
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
@allowed("translate")
async def translate_save(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"], source=False)
    mid = one_of_or_404(request.path_params["mid"], campaign.messages)
    form = await request.form()
    text, needs_review = _typed(form)
    forced = form.get("force_sha256")
    expect = str(forced or form.get("sha256") or "")
    expect_line = None if forced else str(form.get("line_sha256") or "") or None
    try:
        new_sha = await run_in_threadpool(translating.save, campaign, tag, mid, text, needs_review, expect, expect_line)
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
            problem=workspace(request).said(error),
            typed=text,
            limit=None,
            live=True,
        )
        response.headers.update({"HX-Retarget": f"#findings-{mid}", "HX-Reswap": "innerHTML"})
        return response
    person = request.state.person
    translator = person.signer if person is not None else request.app.state.translator
    if translator is not None and not needs_review:
        from campaigngen.release.approvals import record_translation

        # Signed as this translator's text: their own approval of it will not count.
        await run_in_threadpool(record_translation, campaign, campaign.language(tag), mid, translator)
    if forced:
        # Overwrote a message changed elsewhere: show the whole file as it now is.
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    return await run_in_threadpool(_saved_row, request, campaign, tag, mid, new_sha)


def _saved_row(request: Request, campaign: Campaign, tag: str, mid: str, sha: str):
    from campaigngen.release.gate import run_checks

    snapshot = workspace(request).snapshot(campaign, (tag,))
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
@allowed("translate")
async def translate_draft(request: Request):
    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"], source=False)
    form = await request.form()
    try:
        await run_in_threadpool(translating.draft, campaign, tag, str(form.get("sha256") or ""))
    except CatalogChanged:
        return page(
            request,
            "message.html",
            409,
            campaign=campaign,
            title="The translations changed",
            text="The translation file was changed elsewhere since this page was opened; nothing was drafted. "
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
            text=workspace(request).said(error),
            back=f"/c/{campaign.id}/translate/{tag}",
        )
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    return RedirectResponse(f"/c/{campaign.id}/translate/{tag}", status_code=303)
