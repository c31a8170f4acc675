"""Approve (`/c/<id>/approve/...`): a second person reads each line as it is now and signs
their approval of that exact text with their own key (release/approvals.py, as
`campaigngen approve` does). Only a signed-in person whose role approves may; a line they
wrote themselves is shown but not offered (their approval of it would not count); a line
changed since the page was drawn is not approved unseen."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from campaigngen.catalogs.approvals import CONTACT, RECORDING
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.release.approvals import Review
from campaigngen.sources.campaign import Campaign
from campaigngen.studio.pages.base import campaign_of, page, tag_of, workspace
from campaigngen.studio.people import allowed
from campaigngen.studio.security import csrf_checked


@dataclass(frozen=True)
class Line:
    review: Review
    mine: bool  # approved by the person looking, as it is now
    wrote: bool  # saved by the person looking, as it is now: a second person approves it

    @property
    def token(self) -> str:
        """What the form sends back: which subject, and the exact text seen (by its hash)."""
        return f"{self.review.subject.name}|{self.review.subject.sha256}"

    @property
    def what(self) -> str:
        subject = self.review.subject
        if subject.name == CONTACT:
            return "The hotline details"
        if subject.name == RECORDING:
            return "The recording"
        return f"Line {subject.message_id}"


def _snapshot(request: Request, campaign: Campaign, tag: str) -> Snapshot:
    # The hotline details are judged with the source language, whose lines every language shares.
    return workspace(request).snapshot(campaign, None if tag == campaign.source_language.tag else (tag,))


def lines(request: Request, campaign: Campaign, tag: str) -> tuple[Snapshot, list[Line]]:
    from campaigngen.release.approvals import reviewer_trust, reviews

    snapshot = _snapshot(request, campaign, tag)
    trust = reviewer_trust(workspace(request).root)
    person = request.state.person
    key = person.account.fingerprint if person is not None else None
    kept = snapshot.approvals[tag].approvals if tag in snapshot.approvals else ()
    found = []
    for review in reviews(snapshot, trust):
        if review.language != tag:
            continue
        subject = review.subject
        by_me = [a for a in kept if a.key == key and a.subject == subject.name and a.sha256 == subject.sha256]
        found.append(
            Line(
                review,
                any(a.kind == "approval" for a in by_me),
                any(a.kind == "translation" for a in by_me),
            )
        )
    return snapshot, found


def _trusted(request: Request) -> bool:
    from campaigngen.release.approvals import may_approve, reviewer_trust

    person = request.state.person
    return person is not None and may_approve(person.signer.public, reviewer_trust(workspace(request).root))


def _languages(campaign: Campaign):
    source = campaign.source_language
    return [source, *(lang for lang in campaign.languages if lang.tag != source.tag)]


def approve_index(request: Request):
    campaign = campaign_of(request)
    rows = []
    for language in _languages(campaign):
        _, found = lines(request, campaign, language.tag)
        rows.append((language, len(found), sum(1 for line in found if not line.review.approved)))
    return page(request, "approve_index.html", campaign=campaign, section="approve", rows=rows)


def approve_page(request: Request, status: int = 200, said: str | None = None):
    campaign = campaign_of(request)
    tag = tag_of(campaign, request.path_params["tag"])
    _, found = lines(request, campaign, tag)
    return page(
        request,
        "approve.html",
        status,
        campaign=campaign,
        section="approve",
        tag=tag,
        language=campaign.language(tag) if tag != campaign.source_language.tag else campaign.source_language,
        source_language=campaign.source_language,
        lines=found,
        trusted=_trusted(request),
        said=said,
    )


@csrf_checked
@allowed("approve")
async def approve_lines(request: Request):
    from campaigngen.release.approvals import approve

    campaign = await run_in_threadpool(campaign_of, request)
    tag = tag_of(campaign, request.path_params["tag"])
    person = request.state.person
    if person is None:
        return await run_in_threadpool(
            approve_page, request, 403, "Approving needs sign-in: each approval is signed with its approver's own key."
        )
    form = await request.form()
    wanted = {str(v) for v in form.getlist("line")}
    if form.get("all"):
        wanted |= {str(v) for v in form.getlist("shown")}
    snapshot, found = await run_in_threadpool(lines, request, campaign, tag)
    chosen = [line.review.subject for line in found if line.token in wanted and not (line.wrote or line.mine)]
    changed = len(wanted) - len({line.token for line in found if line.token in wanted})
    if chosen:
        await run_in_threadpool(approve, snapshot, tag, chosen, person.signer)
    said = f"Approved {len(chosen)} as {person.name}."
    if changed:
        said += f" {changed} changed since this page was opened and were not approved: read them again."
    return await run_in_threadpool(approve_page, request, 200, said)
