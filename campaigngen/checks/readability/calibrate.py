"""Derive the reading-level limits from the labelled corpus, and measure how well they agree.

    python -m campaigngen.checks.readability.calibrate              # print the agreement
    python -m campaigngen.checks.readability.calibrate --write      # and write calibration.toml
    python -m campaigngen.checks.readability.calibrate --markdown   # the README table
    python -m campaigngen.checks.readability.calibrate --lang ne --lang km --write
                                                        # only these; the others' entries kept

A language without a corpus file is skipped with one line and stays uncalibrated (the gate
says so until a reader waives it). calibration.toml keeps the registry's order whatever is
recalibrated.

Each corpus text is judged exactly as a flyer is: its sentences go through the print
check's ``assess`` and any error rejects it. Agreement is reported twice: with the limits
derived from the whole corpus (what the gate ships with), and leave-one-out (each text
judged by limits derived without it: an estimate for texts the corpus does not hold).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from campaigngen.checks.findings import ERROR
from campaigngen.checks.readability.calibration import (
    ALL_HARD,
    CORPUS,
    CORPUS_FOLDER,
    LET_THROUGH,
    WORDFREQ,
    Calibration,
    committed,
    write,
)
from campaigngen.checks.readability.corpus import HARD, PLAIN, CorpusText, corpus_path, load_corpus
from campaigngen.checks.readability.formulas import FORMULAS
from campaigngen.checks.readability.limits import with_values
from campaigngen.checks.readability.measures import Measures, SentenceMeasures, deciding_values, pool, sentence_measures
from campaigngen.checks.readability.norms import frequency_norm, word_length
from campaigngen.checks.readability.print_check import Located, assess
from campaigngen.checks.readability.profiles import PROFILES, ReadabilityProfile, calibrated_keys
from campaigngen.checks.readability.wordlists import countable

_INTEGER_KEYS = frozenset({"max_words_per_sentence", "max_chars_per_sentence", "max_syllables_per_sentence"})


@dataclass(frozen=True)
class Scored:
    """One corpus text, measured once."""

    text: CorpusText
    sentences: tuple[SentenceMeasures, ...]
    values: Mapping[str, float]  # deciding measure -> value (measures.deciding_values)


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[3] / CORPUS_FOLDER


def derive_limit(key: str, plain: Sequence[float], hard: Sequence[float]) -> tuple[float, tuple[float, ...]]:
    """Halfway between the worst plain value and the first hard value above it, rounded down
    (whole numbers for counts, hundredths otherwise) but never below that plain value."""
    top = max(plain)
    above = sorted(value for value in hard if value > top)
    if not above:
        return top, (top,)
    middle = top + (above[0] - top) / 2
    rounded = math.floor(middle) if key in _INTEGER_KEYS else math.floor(middle * 100 + 1e-9) / 100
    return max(top, rounded), (top, above[0])


def _norm(profile: ReadabilityProfile, plain: Sequence[CorpusText]) -> tuple[float, str]:
    if profile.wordlist:
        return frequency_norm(profile.wordlist), WORDFREQ
    lengths = [
        word_length(w) for t in plain for s in sentence_measures(t.text, profile.tag) for w in s.words if countable(w)
    ]
    return round(sum(lengths) / len(lengths), 3), CORPUS


def _derive(
    keys: Sequence[str], scored: Sequence[Scored]
) -> tuple[dict[str, float], dict[str, tuple[float, ...]], dict[str, str]]:
    """Limits in order: each measure is set against the hard texts the limits before it let
    through (sentence length first: the plain-language rule that holds at any length; word
    length then has to catch the hard texts whose sentences are short). That keeps each
    limit as far from plain writing as the corpus allows. Where none of those hard texts is
    worse than the plain ones on the measure, it is set against all hard texts."""
    limits, evidence, basis = {}, {}, {}
    every_hard = [s for s in scored if s.text.label == HARD]
    passing = every_hard
    for key in keys:
        plain = [s.values[key] for s in scored if s.text.label == PLAIN and key in s.values]
        if not plain:
            continue
        let_through = [s.values[key] for s in passing if key in s.values]
        if len(passing) < len(every_hard) and any(value > max(plain) for value in let_through):
            hard, basis[key] = let_through, LET_THROUGH
        else:
            hard, basis[key] = [s.values[key] for s in every_hard if key in s.values], ALL_HARD
        limits[key], evidence[key] = derive_limit(key, plain, hard)
        passing = [s for s in passing if s.values.get(key, 0) <= limits[key]]
    return limits, evidence, basis


def _rejected(profile: ReadabilityProfile, limits: Mapping[str, float], item: Scored) -> bool:
    located: list[Located] = [(None, sentence) for sentence in item.sentences]
    deciding = {key: limits.get(key) for key in calibrated_keys(profile.unit)}
    verdict = assess(profile, with_values(profile.limits, deciding), located)
    return any(finding.severity == ERROR for finding in verdict)


def _formula_passes(name: str, limit: float, higher_is_easier: bool) -> Callable[[Measures], bool]:
    def passes(m: Measures) -> bool:
        return m.scores[name] >= limit if higher_is_easier else m.scores[name] <= limit

    return passes


def _lix_passes(limit: float) -> Callable[[Measures], bool]:
    def passes(m: Measures) -> bool:
        assert m.lix is not None  # pool() measures LIX for every profile with lix, the only ones asked
        return m.lix <= limit

    return passes


def _advisory(profile: ReadabilityProfile, scored: Sequence[Scored]) -> dict[str, tuple[int, int]]:
    """How each formula (and LIX) would do if it alone decided, at its published limit."""
    checks: dict[str, Callable[[Measures], bool]] = {}
    for name in profile.formulas:
        limit = getattr(profile.limits, FORMULAS[name].limit_key)
        if limit is not None:
            checks[name] = _formula_passes(name, limit, FORMULAS[name].higher_is_easier)
    if profile.lix and profile.limits.max_lix is not None:
        checks["lix"] = _lix_passes(profile.limits.max_lix)
    result = {}
    for name, passes in checks.items():
        verdicts = [(s.text.label, passes(pool(profile, s.sentences, profile.tag))) for s in scored]
        result[name] = (
            sum(1 for label, ok in verdicts if label == PLAIN and ok),
            sum(1 for label, ok in verdicts if label == HARD and not ok),
        )
    return result


def calibrate_language(folder: Path, tag: str) -> Calibration:
    texts = load_corpus(folder, tag)
    base = PROFILES[tag]
    norm, norm_source = _norm(base, [t for t in texts if t.label == PLAIN])
    profile = replace(base, word_length_norm=norm)
    keys = calibrated_keys(profile.unit)
    scored = []
    for text in texts:
        sentences = sentence_measures(text.text, tag)
        scored.append(Scored(text, sentences, MappingProxyType(deciding_values(profile, sentences, norm))))
    limits, evidence, basis = _derive(keys, scored)
    right = {id(s): _rejected(profile, limits, s) == (s.text.label == HARD) for s in scored}
    loo_right = {}
    for item in scored:
        others = [s for s in scored if s is not item]
        held_out, _, _ = _derive(keys, others)
        loo_right[id(item)] = _rejected(profile, held_out, item) == (item.text.label == HARD)

    def count(label: str, verdicts: Mapping[int, bool]) -> int:
        return sum(1 for s in scored if s.text.label == label and verdicts[id(s)])

    return Calibration(
        tag=tag,
        limits=MappingProxyType(limits),
        evidence=MappingProxyType(evidence),
        basis=MappingProxyType(basis),
        word_length_norm=norm,
        norm_source=norm_source,
        plain=sum(1 for t in texts if t.label == PLAIN),
        hard=sum(1 for t in texts if t.label == HARD),
        plain_accepted=count(PLAIN, right),
        hard_rejected=count(HARD, right),
        loo_plain_accepted=count(PLAIN, loo_right),
        loo_hard_rejected=count(HARD, loo_right),
        missed=tuple(f"{s.text.label} {s.text.number} ({s.text.topic})" for s in scored if not right[id(s)]),
        advisory=MappingProxyType(_advisory(profile, scored)),
    )


def calibrate(
    folder: Path | None = None, tags: Sequence[str] | None = None, skipped: Callable[[str], None] | None = None
) -> dict[str, Calibration]:
    """The profiled languages (or those of tags) that have a corpus, in the registry's order
    (pseudo-locales have no readers and no corpus); skipped(line) hears of each without one."""
    folder = folder or default_corpus()
    chosen = [tag for tag in PROFILES if tags is None or tag in tags]
    result = {}
    for tag in chosen:
        if not corpus_path(folder, tag).is_file():
            if skipped is not None:
                skipped(f"{tag:8} no corpus ({CORPUS_FOLDER}/{tag}.toml): stays uncalibrated")
            continue
        result[tag] = calibrate_language(folder, tag)
    return result


def merged(calibrations: Mapping[str, Calibration], kept: Mapping[str, Calibration]) -> dict[str, Calibration]:
    """The new calibrations over the kept ones, in the registry's order (a --lang run rewrites
    only its languages; the file's order never depends on which ran)."""
    both = {**kept, **calibrations}
    return {tag: both[tag] for tag in (*PROFILES, *both) if tag in both}


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def markdown_table(calibrations: Mapping[str, Calibration]) -> str:
    """The README's agreement table: one row per language."""
    rows = [
        "| tag | language | plain accepted | hard rejected | leave-one-out (plain / hard) | "
        "longest sentence | average sentence | word length (x norm) | why below 95 % |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for tag, c in calibrations.items():
        profile = PROFILES[tag]
        longest, average, ratio = calibrated_keys(profile.unit)
        unit = {"chars": "characters"}.get(profile.unit, profile.unit)
        note = profile.agreement_note if min(c.share(PLAIN), c.share(HARD)) < 0.95 else ""
        rows.append(
            f"| {tag} | {profile.name} | {c.plain_accepted}/{c.plain} ({_percent(c.share(PLAIN))}) "
            f"| {c.hard_rejected}/{c.hard} ({_percent(c.share(HARD))}) "
            f"| {_percent(c.share(PLAIN, True))} / {_percent(c.share(HARD, True))} "
            f"| {c.limits[longest]:g} {unit} | {c.limits[average]:g} {unit} "
            f"| {c.limits[ratio]:g} x {c.word_length_norm:.2f} {profile.word_length_unit} | {note} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help=f"corpus folder (default: {CORPUS_FOLDER})")
    parser.add_argument("--write", action="store_true", help="write calibration.toml beside this module")
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    parser.add_argument("--lang", action="append", help="only this language (repeat for more)")
    args = parser.parse_args(argv)
    unknown = [tag for tag in args.lang or () if tag not in PROFILES]
    if unknown:
        parser.error(f"no registered language '{unknown[0]}' (registered: {', '.join(PROFILES)})")
    calibrations = calibrate(args.corpus, args.lang, skipped=print)
    if args.write:
        write(merged(calibrations, committed()) if args.lang else calibrations)
    if args.markdown:
        print(markdown_table(calibrations))
        return
    for tag, c in calibrations.items():
        limits = ", ".join(f"{k}={v:g}" for k, v in c.limits.items())
        missed = f"  missed: {', '.join(c.missed)}" if c.missed else ""
        print(
            f"{tag:8} plain {c.plain_accepted:2}/{c.plain}  hard {c.hard_rejected:2}/{c.hard}  "
            f"loo {c.loo_plain_accepted:2}/{c.loo_hard_rejected:2}  norm {c.word_length_norm:g} ({c.norm_source})  "
            f"{limits}{missed}"
        )


if __name__ == "__main__":
    main()
