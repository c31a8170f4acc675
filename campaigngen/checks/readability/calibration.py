"""Limits derived from the labelled corpus, and how well they agree with it.

``calibration.toml`` beside this module is written by ``python -m
campaigngen.checks.readability.calibrate --write`` from ``tests/data/readability/`` and
read here at run time (the corpus itself is not needed to check a campaign). A test
derives everything again from the corpus and fails when the two differ.

How a limit is derived (calibrate.derive_limit and _derive): for each deciding measure,
the value of the plain text that scores worst on it, and the value of the first hard text
above that. The limit lies halfway between the two (rounded down, never below the plain
text), so every plain text of the corpus passes. The measures are set in order - longest
sentence, average sentence, word length - and each against the hard texts the limits
before it let through, so word length answers for the hard texts whose sentences are
short, not for legal prose that sentence length already rejects. Where none of those is
worse than the plain texts on the measure, it is set against all hard texts; where no
hard text at all is worse, the plain maximum is the limit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

CALIBRATION_FILE = Path(__file__).with_name("calibration.toml")
CORPUS_FOLDER = "tests/data/readability"  # relative to the project root, as docs cite it
WORDFREQ, CORPUS = "wordfreq", "corpus"  # where a language's word-length norm comes from
LET_THROUGH, ALL_HARD = "let-through", "all"  # which hard texts a limit was set against

_HEADER = """\
# Reading-level limits derived from the labelled corpus in tests/data/readability/, and the
# corpus's agreement with them. Written by
#     python -m campaigngen.checks.readability.calibrate --write
# Do not edit by hand: change the corpus or the measures and write it again. A test derives
# everything from the corpus again and fails when this file no longer matches.
#
# limits:   the default limit of each deciding measure
# evidence: [worst plain value, first hard value above it]; the limit lies halfway
# basis:    "let-through" = set against the hard texts the limits before it let through,
#           "all" = against every hard text
# advisory: [plain accepted, hard rejected] if the formula alone decided at its published
#           limit (it does not: on flyer-length texts it only warns)
"""


@dataclass(frozen=True)
class Calibration:
    tag: str
    limits: Mapping[str, float]
    evidence: Mapping[str, tuple[float, ...]]
    basis: Mapping[str, str]  # LET_THROUGH or ALL_HARD, per limit
    word_length_norm: float
    norm_source: str  # WORDFREQ or CORPUS
    plain: int
    hard: int
    plain_accepted: int
    hard_rejected: int
    loo_plain_accepted: int  # leave-one-out: limits derived without the text, then the text judged
    loo_hard_rejected: int
    missed: tuple[str, ...] = ()  # texts the limits judge wrongly ("hard 14 (health)")
    advisory: Mapping[str, tuple[int, int]] = field(default_factory=lambda: MappingProxyType({}))

    def source(self, key: str) -> str:
        """Where a limit comes from, in words a reviewer can check against the corpus."""
        where = f"{CORPUS_FOLDER}/{self.tag}.toml"
        evidence = self.evidence.get(key, ())
        if len(evidence) == 2:
            which = "hard text the sentence limits let through" if self.basis.get(key) == LET_THROUGH else "hard text"
            return (
                f"corpus {where}: halfway between the worst plain text ({evidence[0]:g}) and the next "
                f"{which} ({evidence[1]:g})"
            )
        if evidence:
            return f"corpus {where}: the worst plain text ({evidence[0]:g}); no hard text is worse on this measure"
        return f"corpus {where}"

    @property
    def norm_description(self) -> str:
        if self.norm_source == WORDFREQ:
            return "wordfreq list: the 20,000 most frequent words, weighted by use"
        return f"no frequency list: the plain texts of {CORPUS_FOLDER}/{self.tag}.toml"

    def share(self, label: str, leave_one_out: bool = False) -> float:
        if label == "plain":
            count, total = (self.loo_plain_accepted if leave_one_out else self.plain_accepted), self.plain
        else:
            count, total = (self.loo_hard_rejected if leave_one_out else self.hard_rejected), self.hard
        return round(count / total, 3) if total else 0.0

    def to_toml(self) -> str:
        lines = [f"[languages.{_key(self.tag)}]"]
        for name in ("plain", "hard", "plain_accepted", "hard_rejected", "loo_plain_accepted", "loo_hard_rejected"):
            lines.append(f"{name} = {getattr(self, name)}")
        lines.append(f"word_length_norm = {_number(self.word_length_norm)}")
        lines.append(f'norm_source = "{self.norm_source}"')
        lines.append("missed = [" + ", ".join(f'"{m}"' for m in self.missed) + "]")
        lines.append(f"\n[languages.{_key(self.tag)}.limits]")
        lines += [f"{k} = {_number(v)}" for k, v in self.limits.items()]
        lines.append(f"\n[languages.{_key(self.tag)}.evidence]")
        lines += [f"{k} = [{', '.join(_number(v) for v in values)}]" for k, values in self.evidence.items()]
        lines.append(f"\n[languages.{_key(self.tag)}.basis]")
        lines += [f'{k} = "{v}"' for k, v in self.basis.items()]
        if self.advisory:
            lines.append(f"\n[languages.{_key(self.tag)}.advisory]")
            lines += [f"{k} = [{a}, {b}]" for k, (a, b) in self.advisory.items()]
        return "\n".join(lines) + "\n"


def _key(tag: str) -> str:
    return f'"{tag}"' if "-" in tag else tag


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write(calibrations: Mapping[str, Calibration], path: Path = CALIBRATION_FILE) -> None:
    from campaigngen.atomic import write_bytes_atomic

    text = _HEADER + "".join("\n" + c.to_toml() for c in calibrations.values())
    write_bytes_atomic(path, text.encode("utf-8"))


def parse(text: str) -> dict[str, Calibration]:
    data = tomllib.loads(text).get("languages", {})
    return {
        tag: Calibration(
            tag=tag,
            limits=MappingProxyType(dict(entry["limits"])),
            evidence=MappingProxyType({k: tuple(v) for k, v in entry["evidence"].items()}),
            basis=MappingProxyType(dict(entry["basis"])),
            word_length_norm=entry["word_length_norm"],
            norm_source=entry["norm_source"],
            plain=entry["plain"],
            hard=entry["hard"],
            plain_accepted=entry["plain_accepted"],
            hard_rejected=entry["hard_rejected"],
            loo_plain_accepted=entry["loo_plain_accepted"],
            loo_hard_rejected=entry["loo_hard_rejected"],
            missed=tuple(entry["missed"]),
            advisory=MappingProxyType({k: (v[0], v[1]) for k, v in entry.get("advisory", {}).items()}),
        )
        for tag, entry in data.items()
    }


@lru_cache(maxsize=1)
def committed() -> Mapping[str, Calibration]:
    """The calibration shipped with the package; empty before the first calibration."""
    if not CALIBRATION_FILE.exists():
        return MappingProxyType({})
    return MappingProxyType(parse(CALIBRATION_FILE.read_text(encoding="utf-8")))
