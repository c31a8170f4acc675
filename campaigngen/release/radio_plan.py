"""What each spot will be, as `check` predicts it: audio, a live read (with its card), or not
made, and why. Read from the gate's findings (no synthesis twice): a spot has audio where a
voice speaks its language and no radio check failed for it; else it is read live where the
campaign asks and the live read fits; else it is not made."""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen import checknames
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import ERROR, Report

AUDIO, LIVE_READ, NOT_MADE = "audio", "live read", "not made"
_RADIO_CHECKS = frozenset(
    {checknames.SPOT_LENGTH, checknames.VOICE, checknames.RECORDING, checknames.AUDIO, checknames.DEAD_AIR}
)


@dataclass(frozen=True)
class SpotPlan:
    language: str
    spot: str
    delivery: str  # AUDIO, LIVE_READ or NOT_MADE
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return {"language": self.language, "spot": self.spot, "delivery": self.delivery, "reason": self.reason}


def radio_plan(snapshot: Snapshot, report: Report) -> tuple[SpotPlan, ...]:
    from campaigngen.renderers.radio import voice_support, will_speak

    campaign = snapshot.campaign
    plans = []
    for edition in snapshot.editions:
        if edition.language.pseudo:
            continue
        speaks = will_speak(edition)
        for spot in campaign.spots:
            failed = [
                f
                for f in report.findings
                if f.language == edition.tag
                and f.target == spot.id
                and f.check in _RADIO_CHECKS
                and f.severity == ERROR
            ]
            audio = [f for f in failed if not f.detail.get("live_read")]
            live = [f for f in failed if f.detail.get("live_read")]
            if speaks and not audio:
                plans.append(SpotPlan(edition.tag, spot.id, AUDIO))
                continue
            why = audio[0].text if audio else voice_support(edition.tag).note
            if campaign.delivery.read_live(edition.tag, spot):
                if not live:
                    plans.append(SpotPlan(edition.tag, spot.id, LIVE_READ, why))
                    continue
                why = live[0].text
            plans.append(SpotPlan(edition.tag, spot.id, NOT_MADE, why))
    return tuple(plans)


def plan_lines(plans: tuple[SpotPlan, ...]) -> list[str]:
    """One line per spot and kind: which languages get audio, which a live-read card, which nothing."""
    lines = []
    for spot in dict.fromkeys(p.spot for p in plans):
        mine = [p for p in plans if p.spot == spot]
        for delivery, label in ((AUDIO, "audio"), (LIVE_READ, "live-read card")):
            tags = [p.language for p in mine if p.delivery == delivery]
            if tags:
                lines.append(f"radio {spot}: {label}: {', '.join(tags)}")
        for p in mine:
            if p.delivery == NOT_MADE:
                lines.append(f"radio {spot}: not made: {p.language} ({p.reason})")
    return lines


__all__ = ["AUDIO", "LIVE_READ", "NOT_MADE", "SpotPlan", "plan_lines", "radio_plan"]
