"""What a station's traffic department logs a spot by: [traffic] in campaign.toml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaigngen.frozen import EMPTY, FrozenMap
from campaigngen.sources.reading import Reading
from campaigngen.sources.schema import Pass, Where
from campaigngen.sources.spots import SpotSpec

SPOT_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")  # house / ISCI-style: what traffic systems accept


@dataclass(frozen=True)
class TrafficSpec:
    """What a station's traffic department logs a spot by ([traffic] in campaign.toml)."""

    advertiser: str  # the organisation on the program log; default: the campaign's name
    contact: str | None = None  # who answers a station's questions about the spots
    start: dt.date | None = None  # first day the spots may air (a datetime: from that station time)
    kill: dt.date | None = None  # last day: after it, stations take them off (a datetime: until then)
    code_prefix: str = "PSA"
    codes: Mapping[str, str] = field(default_factory=lambda: EMPTY)  # "es/30s" -> "HIH-ES-030"
    # Numeric cut numbers, where a station's automation files spots by number: "es/30s" -> 1001
    cuts: Mapping[str, int] = field(default_factory=lambda: EMPTY)

    def cut_for(self, language_tag: str, spot: SpotSpec, spots: Sequence[SpotSpec]) -> str:
        """The cart chunk's cut ID: the station's cut number where one is given, else the code."""
        number = self.cuts.get(f"{language_tag}/{spot.id}")
        return str(number) if number is not None else self.code_for(language_tag, spot, spots)

    def code_for(self, language_tag: str, spot: SpotSpec, spots: Sequence[SpotSpec]) -> str:
        """The campaign's own code for this spot, else one made from the prefix, the language
        and the length (a letter added where two spots share a length): the same every build."""
        own = self.codes.get(f"{language_tag}/{spot.id}")
        if own:
            return own
        language = re.sub(r"[^A-Z0-9]", "", language_tag.upper())
        same_length = [s.id for s in spots if s.seconds == spot.seconds]
        suffix = chr(ord("A") + same_length.index(spot.id)) if len(same_length) > 1 else ""
        return f"{self.code_prefix}-{language}-{spot.seconds:03d}{suffix}"


def kill_not_before_start(table: dict[str, Any], where: Where, run: Pass) -> None:
    """The schema's check of [traffic]: the last day to air comes after the first."""
    start, kill = table["start"], table["kill"]
    if start and kill and moment(kill, end_of_day=True) < moment(start, end_of_day=False):
        run.problem(
            (*where, "kill"),
            f"traffic.kill {kill} is before traffic.start {start}",
            "the kill date is the last day the spots may air",
        )


def moment(value: dt.date, *, end_of_day: bool) -> dt.datetime:
    """A start or kill as a moment: a date alone is its first second, or (kill) its last."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time())


def initials(campaign_id: str) -> str:
    """The default code prefix: the id's initials ("help-is-here" -> HIH), a one-word id's first
    letters ("demo" -> DEM), else PSA."""
    letters = "".join(part[0] for part in re.split(r"[-_.]", campaign_id) if part).upper()[:8]
    if len(letters) < 2:
        letters = re.sub(r"[^A-Z0-9]", "", campaign_id.upper())[:3]
    return letters if len(letters) >= 2 else "PSA"


def read_traffic(
    table: Mapping[str, Any],
    campaign_id: str,
    name: str,
    tags: Sequence[str],
    spots: Sequence[SpotSpec],
    reading: Reading,
) -> TrafficSpec:
    """[traffic]: advertiser, contact, start and kill dates, spot codes (ISCI / house style)."""
    where = ("traffic",)
    spot_ids = {spot.id for spot in spots}
    for table_name in ("codes", "cuts"):
        for key in reading.raw("traffic", table_name):
            tag, _, spot_id = str(key).partition("/")
            if tag not in tags or spot_id not in spot_ids:
                reading.problem(
                    (*where, table_name, key),
                    f"traffic.{table_name} names '{key}', which is not a language/spot of this campaign",
                    hint=f'use "<language>/<spot id>", e.g. "{tags[-1] if tags else "es"}/'
                    f'{spots[0].id if spots else "30s"}"',
                )
    cuts: dict[str, int] = {}
    for key, number in table["cuts"].items():
        if number in cuts.values():
            reading.problem(
                (*where, "cuts", key),
                f"cut number {number} is given to two spots",
                hint="give every spot its own number",
            )
        else:
            cuts[key] = number
    spec = TrafficSpec(
        advertiser=table["advertiser"] or name,
        contact=table["contact"],
        start=table["start"],
        kill=table["kill"],
        code_prefix=table["code_prefix"] or initials(campaign_id),
        codes=FrozenMap(table["codes"]),
        cuts=FrozenMap(cuts),
    )
    _codes_unique(spec, tags, spots, reading)
    return spec


def _codes_unique(spec: TrafficSpec, tags: Sequence[str], spots: Sequence[SpotSpec], reading: Reading) -> None:
    """Traffic systems log spots by code: two spots with one code would be one spot to them."""
    seen: dict[str, str] = {}
    for tag in tags:
        for spot in spots:
            code = spec.code_for(tag, spot, spots)
            if code in seen:
                reading.problem(
                    ("traffic", "codes"),
                    f"spot code {code} is used by {seen[code]} and {tag}/{spot.id}",
                    hint="give every spot its own code: traffic systems log spots by code",
                )
            seen[code] = f"{tag}/{spot.id}"
