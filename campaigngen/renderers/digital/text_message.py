"""The one-message text for SMS and WhatsApp: the campaign's own lines, its number and web
address, as plain UTF-8, so staff paste the checked words instead of retyping a number.

Two copies per language: the plain one (the headline, the action lines, the address) and,
where the campaign names a discreet message, a copy that opens with it instead of the
headline, because a watched phone shows the first line on its lock screen. Each is counted
as carriers count it (checks/sms.py); where the campaign asks for at most N segments, a
longer text is a finding, in `check` and in the build alike.
"""

from __future__ import annotations

from pathlib import Path

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding
from campaigngen.checks.sms import count
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import TextMessageFacts

PLAIN, DISCREET = "plain", "discreet"
FILE_NAMES = {PLAIN: "text-message.txt", DISCREET: "text-message-discreet.txt"}
DRAFT_MARK = "[DRAFT] "  # an unfinished language's text says so, as its flyers carry a stamp


def compose_texts(localized: LocalizedCampaign) -> dict[str, str]:
    """Variant -> the text, lines joined by newlines; the discreet copy where there is one."""
    campaign = localized.campaign
    spec = campaign.text_message
    said = [m for m in spec.messages if localized.applies(m)]
    address = [localized.contact_values["url"]] if spec.url else []
    mark = DRAFT_MARK if localized.draft else ""
    texts = {PLAIN: mark + "\n".join([*(localized.filled(m) for m in said), *address])}
    if spec.discreet is not None and localized.applies(spec.discreet):
        # The headline names what the reader fears; the discreet copy leaves it out.
        rest = [localized.filled(m) for m in said if m != campaign.flyer.headline and m != spec.discreet]
        texts[DISCREET] = mark + "\n".join([localized.filled(spec.discreet), *rest, *address])
    return texts


def text_message_findings(localized: LocalizedCampaign) -> list[Finding]:
    """A text longer than the SMS segments the campaign allows, one finding per copy."""
    allowed = localized.campaign.text_message.segments
    if not allowed or localized.language.pseudo:
        return []
    findings = []
    for variant, text in compose_texts(localized).items():
        counted = count(text)
        if counted.segments <= allowed:
            continue
        findings.append(
            Finding(
                checknames.TEXT_MESSAGE,
                localized.tag,
                None,
                f"{FILE_NAMES[variant]} takes {counted.segments} SMS segments ({counted.units} {counted.encoding} "
                f"characters; one segment holds {counted.single_limit}), more than the {allowed} allowed - "
                "shorten the lines it says, list fewer in [text_message] messages, or allow more segments",
                target=variant,
                detail={
                    "file": FILE_NAMES[variant],
                    "encoding": counted.encoding,
                    "units": counted.units,
                    "segments": counted.segments,
                    "allowed": allowed,
                },
                code="digital.sms-segments",
            )
        )
    return findings


def render_text_messages(localized: LocalizedCampaign, out_dir: Path) -> list[Artifact]:
    out_dir.mkdir(parents=True, exist_ok=True)
    artifacts = []
    for variant, text in compose_texts(localized).items():
        path = out_dir / FILE_NAMES[variant]
        path.write_text(text + "\n", encoding="utf-8")
        counted = count(text)
        facts = TextMessageFacts(
            variant=variant,
            encoding=counted.encoding,
            units=counted.units,
            segments=counted.segments,
            draft=localized.draft,
        )
        artifacts.append(Artifact(path, ArtifactKind.TEXT_MESSAGE, localized.tag, variant, facts))
    return artifacts
