"""Preview (`/c/<id>/preview`): the flyer in any language and format as it prints, each spot
with a player, redrawn when a change makes them differ."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from campaigngen.sources.campaign import Campaign
from campaigngen.studio import previews, status
from campaigngen.studio.pages.base import (
    campaign_of,
    one_of_or_404,
    page,
    paper_formats,
    tag_of,
    workspace,
)

_KEY_RE = re.compile(r"^[0-9a-f]{64}$")
_SPOT_FILES = {"spot.mp3": "audio/mpeg", "spot.wav": "audio/wav", "script.txt": "text/plain; charset=utf-8"}


def _preview_choice(request: Request, campaign: Campaign) -> tuple[str, str]:
    tags = tuple(lang.tag for lang in campaign.all_languages)
    wanted = request.query_params.get("lang") or (campaign.languages[0].tag if campaign.languages else tags[0])
    formats = campaign.flyer.formats or ("letter",)
    fmt = request.query_params.get("format") or formats[0]
    return tag_of(campaign, wanted), one_of_or_404(fmt, formats)


@dataclass(frozen=True)
class PhoneText:
    """A text message as staff paste it, with how carriers count it."""

    variant: str  # "plain" or "discreet"
    text: str
    counted: str


def _phone_texts(edition) -> list[PhoneText]:
    """The one-message texts the build writes (text-message.txt and its discreet copy)."""
    if edition.language.pseudo:
        return []
    from campaigngen.checks.sms import count
    from campaigngen.renderers.digital import compose_texts

    shown = []
    for variant, text in compose_texts(edition).items():
        counted = count(text)
        plural = "" if counted.segments == 1 else "s"
        shown.append(
            PhoneText(variant, text, f"{counted.units} {counted.encoding} characters · {counted.segments} SMS{plural}")
        )
    return shown


def _panel_context(request: Request, campaign: Campaign, tag: str, fmt: str) -> dict:
    snapshot = workspace(request).snapshot(campaign, (tag,))
    edition = snapshot.edition(tag)
    spots = [(spot, previews.spot_key(snapshot, tag, spot.id)) for spot in campaign.spots]
    flyer_key = previews.flyer_key(snapshot, tag, fmt)
    texts = _phone_texts(edition)
    return {
        "tag": tag,
        "fmt": fmt,
        "flyer_key": flyer_key,
        # The caption also says whether the lines are approved: an approval changes the panel
        # too; and so does a text message ([text_message] is not in the flyer's key).
        "panel_key": _approvals_key(
            workspace(request).root, campaign, tag, flyer_key + "".join(t.variant + t.text for t in texts)
        ),
        "edition": edition,
        "phone_texts": texts,
        "spots": spots,
        "spots_key": "-".join(k[:16] for _, k in spots),
    }


def _drawn_context(request: Request, campaign: Campaign, tag: str, fmt: str) -> dict:
    """The page drawn now (a cache hit when unchanged), or why it cannot be, in words."""
    snapshot = workspace(request).snapshot(campaign, (tag,))
    return {"drawn": previews.flyer_preview(snapshot, tag, fmt), "verdict": None}


def _verdict_context(request: Request, campaign: Campaign, tag: str, fmt: str) -> dict:
    """What the caption says, from the page as drawn (or why it cannot be) and the language's
    findings now: never "Ready to print" over a failing check or a missing image."""
    from campaigngen import checknames
    from campaigngen.release.gate import run_checks

    snapshot = workspace(request).snapshot(campaign, (tag,))
    edition = snapshot.edition(tag)
    made = previews.flyer_preview(snapshot, tag, fmt)
    findings = [f for f in run_checks(snapshot).findings if f.language in (tag, "*")]
    awaiting = sum(1 for f in findings if f.check == checknames.REVIEW and f.status == status.FAIL)
    fails = tuple(f for f in status.failing(findings) if f.check != checknames.REVIEW)
    verdict = status.preview_verdict(
        edition.language.english_name,
        made.png is not None,
        edition.unfinished,
        fails,
        awaiting,
    )
    return {"verdict": verdict, "drawn": made}


def _approvals_key(project: Path, campaign: Campaign, tag: str, flyer_key: str) -> str:
    """The flyer's key and what decides whether its lines count as approved (the approvals of
    the language and of the source, the project's list of reviewers), as they are now."""
    import hashlib

    from campaigngen.catalogs.approvals import approvals_path
    from campaigngen.release.approvals import reviewers_path

    digest = hashlib.sha256(flyer_key.encode())
    paths = [approvals_path(campaign, campaign.language(tag)), approvals_path(campaign, campaign.source_language)]
    for path in (*paths, reviewers_path(project), reviewers_path(project).with_suffix(".sig")):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def preview_page(request: Request):
    campaign = campaign_of(request)
    tag, fmt = _preview_choice(request, campaign)
    return page(
        request,
        "preview.html",
        campaign=campaign,
        section="preview",
        formats=paper_formats(),
        **_panel_context(request, campaign, tag, fmt),
        **_verdict_context(request, campaign, tag, fmt),
    )


def preview_panel(request: Request):
    """Polled twice a second: nothing (204) while the keys are what the page shows."""
    campaign = campaign_of(request)
    tag, fmt = _preview_choice(request, campaign)
    context = _panel_context(request, campaign, tag, fmt)
    if (
        request.query_params.get("have") == context["panel_key"]
        and request.query_params.get("spots_have") == context["spots_key"]
    ):
        return Response(status_code=204)
    return page(
        request,
        "_preview_panel.html",
        campaign=campaign,
        formats=paper_formats(),
        **context,
        **_drawn_context(request, campaign, tag, fmt),
    )


def preview_verdict(request: Request):
    """The caption's verdict, asked for by the panel once its picture is on screen."""
    campaign = campaign_of(request)
    tag, fmt = _preview_choice(request, campaign)
    return page(request, "_preview_verdict.html", campaign=campaign, **_verdict_context(request, campaign, tag, fmt))


def preview_flyer(request: Request):
    campaign = campaign_of(request)
    tag = tag_of(campaign, request.path_params["tag"])
    fmt = one_of_or_404(request.path_params["fmt"], campaign.flyer.formats)
    snapshot = workspace(request).snapshot(campaign, (tag,))
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
    campaign = campaign_of(request)
    tag = tag_of(campaign, request.path_params["tag"])
    spot_id = one_of_or_404(request.path_params["spot"], [s.id for s in campaign.spots])
    snapshot = workspace(request).snapshot(campaign, (tag,))
    made = previews.spot_preview(snapshot, tag, spot_id)
    spot = next(s for s in campaign.spots if s.id == spot_id)
    return page(
        request, "_spot.html", campaign=campaign, tag=tag, spot=spot, made=made, draft=snapshot.edition(tag).draft
    )


def preview_spot_file(request: Request):
    campaign_of(request)  # the campaign must exist; the key names the spot's files
    key = request.path_params["key"]
    name = request.path_params["name"]
    if not _KEY_RE.fullmatch(key) or name not in _SPOT_FILES:
        raise HTTPException(404, "not found")
    path = previews.previews_dir() / key[:2] / f"spot-{key}" / name
    if not path.is_file():
        raise HTTPException(404, "not made yet")
    return FileResponse(path, media_type=_SPOT_FILES[name], headers={"cache-control": "private, max-age=31536000"})
