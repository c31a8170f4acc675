"""Reading level of a flyer: every printed line of one language against its profile.

What decides (errors): the longest sentence, the average sentence and the average word
length against the language's norm, with limits derived from the labelled corpus. What
advises (warnings): published formulas and LIX on flyers shorter than the samples they
were validated on, and words the frequency list calls rare. A line with no translation is
reported as untranslated, never scored with this language's rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import ERROR, WARNING, Finding
from campaigngen.checks.readability.formulas import FORMULA_MIN_WORDS, FORMULAS, lix
from campaigngen.checks.readability.limits import Limits, apply_overrides
from campaigngen.checks.readability.measures import (
    Measures,
    SentenceMeasures,
    mean_word_length,
    pool,
    scores_for,
    sentence_measures,
)
from campaigngen.checks.readability.profiles import CHARS, SYLLABLES, WORDS, ReadabilityProfile
from campaigngen.checks.readability.resolve import profile_for

CHECK = "reading-level"
UNTRANSLATED_MEASURE = "untranslated"
_UNIT_LABEL = {WORDS: "words", CHARS: "characters", SYLLABLES: "syllables"}

Located = tuple[str | None, SentenceMeasures]  # (message id, sentence)
# The finding's code by the limit it broke; every other limit is a formula's (or LIX's) score.
_CODES_BY_LIMIT = {
    "max_word_length_ratio": "reading.long-words",
    "max_rare_share": "reading.uncommon-words",
    "max_body_lines": "reading.too-many-lines",
    "max_action_lines": "reading.too-many-lines",
}


def finding_code(limit_key: str) -> str:
    if limit_key.startswith("max_avg_") and limit_key.endswith("_per_sentence"):
        return "reading.long-sentences"
    if limit_key.endswith("_per_sentence"):
        return "reading.long-sentence"
    return _CODES_BY_LIMIT.get(limit_key, "reading.hard-text")


def limits_for(profile: ReadabilityProfile, overrides: Mapping[str, Any] | None, tag: str, config_path) -> Limits:
    return apply_overrides(
        profile.limits, profile.applicable_keys, overrides, language_tag=tag, config_path=config_path
    )


class _Reporter:
    """Builds findings that all name language, message, sentence, measure and limit."""

    def __init__(self, profile: ReadabilityProfile, tag: str, overrides: Mapping[str, Any] | None):
        self.profile, self.tag = profile, tag
        self.overridden = frozenset(overrides or ())
        self.findings: list[Finding] = []

    def add(
        self,
        key: str,
        measure: str,
        value: float,
        limit: float,
        where: Located | None,
        text: str,
        *,
        scope: str,
        severity: str = ERROR,
        rare_words: tuple[str, ...] | None = None,
    ) -> None:
        message_id, sentence = where if where else (None, None)
        source = "campaign.toml override" if key in self.overridden else self.profile.sources.get(key, "")
        quoted = f' in "{sentence.text}"' if sentence else ""
        self.findings.append(
            Finding(
                CHECK,
                self.tag,
                message_id,
                f"{self.profile.name}: {text}{quoted}",
                severity=severity,
                detail={
                    "measure": measure,
                    "value": value,
                    "limit": limit,
                    "limit_key": key,
                    "scope": scope,
                    "sentence": sentence.text if sentence else None,
                    "rare_words": list(
                        rare_words if rare_words is not None else (sentence.rare_words if sentence else ())
                    ),
                    "unit": self.profile.unit,
                    "source": source,
                },
                code=finding_code(key),
            )
        )


def print_findings(localized: LocalizedCampaign, overrides: Mapping[str, Any] | None = None) -> list[Finding]:
    """Findings for one language's flyer text; no errors means it reads plainly enough."""
    tag = localized.tag
    profile = profile_for(tag)
    limits = limits_for(profile, overrides, tag, localized.campaign.config_path)
    ids = localized.flyer_message_ids
    stand_ins = {mid: why for mid in ids if (why := localized.stand_in(mid))}
    located: list[Located] = [
        (mid, sentence)
        for mid in ids
        if mid not in stand_ins
        for sentence in sentence_measures(localized.text(mid), profile.tag, limits.rare_zipf)
    ]
    report = _Reporter(profile, tag, overrides)
    _untranslated(report, localized, stand_ins)
    _uncalibrated(report, profile, located)
    _assess(report, profile, limits, located)
    _flyer_shape(report, localized, limits)
    return report.findings


def _uncalibrated(report: _Reporter, profile: ReadabilityProfile, located: list[Located]) -> None:
    """No corpus judged this language's limits: the gate says so once, and only a person who
    reads the language (a named waiver) lets the text through. Never a silent pass. Beside it,
    as advice for that person, the flyer's own measures and the limits of the calibrated
    languages written in the same script (script_advice)."""
    if profile.pseudo or profile.calibration is not None:
        return
    advice = script_advice(profile, report.tag, [s for _mid, s in located])
    report.findings.append(
        Finding(
            CHECK,
            report.tag,
            None,
            f"{profile.name}: not calibrated: sentence and word length not judged against a corpus - "
            f"have someone who reads {profile.name} judge the text and waive reading-level for {report.tag} "
            f"with their name, or add a corpus (tests/data/readability/{profile.tag}.toml) and calibrate"
            + (f" (advice: {advice['text']})" if advice else ""),
            ERROR,
            detail={"measure": "calibration", "language_name": profile.name, "advice": advice},
            code="reading.uncalibrated",
        )
    )


def _who(peers: list[ReadabilityProfile]) -> str:
    if len(peers) == 1:
        return f"{peers[0].name}, the calibrated language in its script, allows"
    return f"the {len(peers)} calibrated languages in its script allow"


def _span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def script_advice(profile: ReadabilityProfile, tag: str, sentences: list[SentenceMeasures]) -> dict[str, Any]:
    """What the flyer measures in the language's unit, and what the calibrated languages of its
    script allow (the span of their corpus limits, same unit): numbers to judge by, not a
    verdict, since a script does not make two languages' sentences the same length."""
    if not sentences:
        return {}
    unit, label = profile.unit, _UNIT_LABEL[profile.unit]
    longest = max(s.units(unit) for s in sentences)
    average = round(sum(s.units(unit) for s in sentences) / len(sentences), 1)
    word_length = mean_word_length(sentences)
    measured = f"longest sentence {longest} {label}, {average:g} on average"
    if word_length is not None:
        measured += f", words of {word_length:.1f} {profile.word_length_unit}"
    script, peers = _script_peers(profile, tag)
    advice: dict[str, Any] = {
        "script": script,
        "unit": unit,
        "longest": longest,
        "average": average,
        "word_length": word_length,
        "languages": [peer.tag for peer in peers],
    }
    if not peers:
        advice["text"] = f"{measured}; no calibrated language is written in its script to compare"
        return advice
    spans = _peer_spans(profile, peers, word_length is not None)
    allowed = f"{spans['longest_limits']} {label}, {spans['average_limits']} on average"
    if spans["word_length_limits"]:
        allowed += f", words of {spans['word_length_limits']} {profile.word_length_unit}"
    over = longest > spans["longest_max"] or average > spans["average_max"]
    verdict = ("; longer than it allows" if len(peers) == 1 else "; longer than any of them allows") if over else ""
    advice.update(
        longest_limits=spans["longest_limits"],
        average_limits=spans["average_limits"],
        word_length_limits=spans["word_length_limits"],
        over=over,
        text=f"{measured}; {_who(peers)} {allowed}{verdict}",
    )
    return advice


def _script_peers(profile: ReadabilityProfile, tag: str) -> tuple[str | None, list[ReadabilityProfile]]:
    """The language's script, and the calibrated languages written in it and counted in the same unit."""
    from campaigngen.sources.registry import facts, registry

    entry = facts(tag)
    script = entry.script if entry is not None else None
    peers = [
        peer
        for other, other_entry in registry().items()
        if other_entry.script == script and other != tag
        for peer in (profile_for(other),)
        if peer.calibration is not None and peer.unit == profile.unit
    ]
    return script, peers


def _peer_spans(profile: ReadabilityProfile, peers: list[ReadabilityProfile], words_measured: bool) -> dict[str, Any]:
    unit = profile.unit
    longest = [float(getattr(p.limits, f"max_{unit}_per_sentence")) for p in peers]
    average = [round(float(getattr(p.limits, f"max_avg_{unit}_per_sentence")), 1) for p in peers]
    words = [
        round(p.word_length_norm * p.limits.max_word_length_ratio, 1)
        for p in peers
        if p.word_length_norm and p.limits.max_word_length_ratio and p.word_length_unit == profile.word_length_unit
    ]
    return {
        "longest_limits": _span(longest),
        "average_limits": _span(average),
        "longest_max": max(longest),
        "average_max": max(average),
        "word_length_limits": _span(words) if words and words_measured else None,
    }


def assess(
    profile: ReadabilityProfile,
    limits: Limits,
    located: list[Located],
    tag: str | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Every reading-level finding for a set of sentences read together (one flyer, or one
    corpus text): the same verdict the print check gives."""
    report = _Reporter(profile, tag or profile.tag, overrides)
    _assess(report, profile, limits, located)
    return report.findings


def _assess(report: _Reporter, profile: ReadabilityProfile, limits: Limits, located: list[Located]) -> None:
    _sentence_lengths(report, profile, limits, located)
    if located:
        _pooled(report, profile, limits, located)


def _untranslated(report: _Reporter, localized: LocalizedCampaign, stand_ins: Mapping[str, str]) -> None:
    source = localized.campaign.source_language.english_name
    for mid, why in stand_ins.items():
        report.findings.append(
            Finding(
                CHECK,
                report.tag,
                mid,
                f"{report.profile.name}: '{mid}' is not measured - it is {why}, so its {source} text would be "
                f"scored with {report.profile.name} rules; translate it first",
                severity=WARNING,
                detail={
                    "measure": UNTRANSLATED_MEASURE,
                    "value": None,
                    "limit": None,
                    "limit_key": None,
                    "scope": "message",
                    "sentence": None,
                    "rare_words": [],
                    "unit": report.profile.unit,
                    "source": why,
                },
                code="reading.not-measured",
            )
        )


def _sentence_lengths(report: _Reporter, profile: ReadabilityProfile, limits: Limits, located: list[Located]) -> None:
    for unit in (WORDS, CHARS, SYLLABLES):
        if unit == SYLLABLES and not profile.syllable_scheme:
            continue
        key = f"max_{unit}_per_sentence"
        limit = getattr(limits, key)
        if limit is None:
            continue
        for where in located:
            value = where[1].units(unit)
            if value > limit:
                report.add(
                    key,
                    f"{unit} per sentence",
                    value,
                    limit,
                    where,
                    f"sentence of {value} {_UNIT_LABEL[unit]}, limit {limit} - split it or cut words",
                    scope="sentence",
                )


def _worst(located: list[Located], score) -> Located:
    """The sentence that does worst on a pooled measure: the one to rewrite first."""
    return max(located, key=lambda where: score(where[1]))


def _pooled(report: _Reporter, profile: ReadabilityProfile, limits: Limits, located: list[Located]) -> None:
    """Measures over the whole flyer, in this order: average sentence lengths, word length,
    the formulas, LIX, rare words."""
    pooled = pool(profile, tuple(s for _mid, s in located), report.tag)
    _average_lengths(report, profile, limits, located)
    _word_length(report, profile, limits, located, pooled.word_length_ratio)
    # Formulas and LIX were validated on 100-word samples: on a shorter flyer they advise.
    severity = ERROR if pooled.words >= FORMULA_MIN_WORDS else WARNING
    advisory = "" if severity == ERROR else f" (advice: the formula needs {FORMULA_MIN_WORDS}+ words)"
    _formulas(report, profile, limits, located, pooled.scores, severity, advisory)
    if limits.max_lix is not None and pooled.lix is not None and pooled.lix > limits.max_lix:
        where = _worst(located, lambda s: lix(s.word_count, 1, s.long_words))
        report.add(
            "max_lix",
            "lix",
            pooled.lix,
            limits.max_lix,
            where,
            f"LIX {pooled.lix:g} is above {limits.max_lix:g}{advisory} - use shorter words and sentences; hardest",
            scope="flyer",
            severity=severity,
        )
    _rare_share(report, limits, located, pooled)


def _average_lengths(report: _Reporter, profile: ReadabilityProfile, limits: Limits, located: list[Located]) -> None:
    sentences = [s for _mid, s in located]
    for unit in (WORDS, CHARS, SYLLABLES):
        key = f"max_avg_{unit}_per_sentence"
        limit = getattr(limits, key)
        if limit is None or (unit == SYLLABLES and not profile.syllable_scheme):
            continue
        average = round(sum(s.units(unit) for s in sentences) / len(sentences), 2)
        if average > limit:
            where = _worst(located, lambda s, u=unit: s.units(u))
            report.add(
                key,
                f"average {unit} per sentence",
                average,
                limit,
                where,
                f"flyer averages {average:g} {_UNIT_LABEL[unit]} a sentence, limit {limit:g}; longest",
                scope="flyer",
            )


def _formulas(
    report: _Reporter,
    profile: ReadabilityProfile,
    limits: Limits,
    located: list[Located],
    scores: Mapping[str, float],
    severity: str,
    advisory: str,
) -> None:
    for name in profile.formulas:
        formula = FORMULAS[name]
        limit = getattr(limits, formula.limit_key)
        value = scores.get(name)
        if limit is None or value is None:
            continue
        if not (value < limit if formula.higher_is_easier else value > limit):
            continue
        sign = 1 if formula.higher_is_easier else -1

        def badness(s: SentenceMeasures, n=name, sign=sign) -> float:
            return -sign * scores_for(profile, s.word_count, 1, s.syllables).get(n, 0.0)

        relation = "below the minimum" if formula.higher_is_easier else "above the maximum"
        report.add(
            formula.limit_key,
            name,
            value,
            limit,
            _worst(located, badness),
            f"{formula.label} {value:g} is {relation} {limit:g}{advisory} - use shorter words and sentences; hardest",
            scope="flyer",
            severity=severity,
        )


def _rare_share(report: _Reporter, limits: Limits, located: list[Located], pooled: Measures) -> None:
    if limits.max_rare_share is None or pooled.rare_share is None or pooled.rare_share <= limits.max_rare_share:
        return
    where = _worst(located, lambda s: len(s.rare_words))
    report.add(
        "max_rare_share",
        "rare_share",
        pooled.rare_share,
        limits.max_rare_share,
        where,
        f"{pooled.rare_share:.0%} of words are uncommon (reconsider: {', '.join(pooled.rare_words)}); most",
        scope="flyer",
        severity=WARNING,
        rare_words=pooled.rare_words,
    )


def _word_length(
    report: _Reporter, profile: ReadabilityProfile, limits: Limits, located: list[Located], ratio: float | None
) -> None:
    limit = limits.max_word_length_ratio
    if limit is None or ratio is None or ratio <= limit:
        return
    mean = mean_word_length(s for _mid, s in located)
    norm = profile.word_length_norm or 0.0
    # The sentence whose words add the most length above the norm: rewriting it helps most.
    where = _worst(located, lambda s: sum(max(0.0, length - norm) for length in s.word_lengths))
    unit = profile.word_length_unit
    report.add(
        "max_word_length_ratio",
        "word length ratio",
        ratio,
        limit,
        where,
        f"words average {mean:.1f} {unit}, {ratio:g} times the {profile.name} norm of "
        f"{profile.word_length_norm:g} (limit {limit:g}) - use shorter, everyday words; longest words",
        scope="flyer",
    )


def _flyer_shape(report: _Reporter, localized: LocalizedCampaign, limits: Limits) -> None:
    flyer = localized.campaign.flyer
    for key, ids, what in (
        ("max_body_lines", flyer.body, "key points (body lines)"),
        ("max_action_lines", flyer.action, "action lines"),
    ):
        limit = getattr(limits, key)
        shown = [mid for mid in ids if localized.applies(mid)]
        if limit is None or len(shown) <= limit:
            continue
        first_extra = shown[limit]
        sentences = sentence_measures(localized.text(first_extra), report.profile.tag, limits.rare_zipf)
        where = (first_extra, sentences[0]) if sentences else None
        report.add(
            key,
            key.removeprefix("max_"),
            len(shown),
            limit,
            where,
            f"the flyer has {len(shown)} {what}, limit {limit} - keep the few that matter; one too many from",
            scope="flyer",
        )
