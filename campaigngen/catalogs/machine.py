"""Machine-translated drafts for untranslated catalog entries, never for print.

A draft helps a volunteer start; it is written as a fuzzy entry with a comment naming the
engine and model, so gettext's own review signal keeps it out of published material until
a person clears it. Contact details never pass through the model: text is split at
placeholders and only the words between them are translated. Sentences are split here, so
Argos never reaches for its MiniSBD/Stanza splitters (which download at run time). The
engine and its models live in `campaigngen/mt/`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen.catalogs.po import catalog_path, entries_by_id, read_catalog, write_catalog
from campaigngen.exceptions import InputError
from campaigngen.mt.argos import ArgosEngine
from campaigngen.mt.models import MissingModels, ModelInfo, argos_code, find_model
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language
from campaigngen.sources.placeholders import split_placeholders
from campaigngen.sources.punctuation import terminal_class

ENGINES = ("argos",)
DRAFT_COMMENT_PREFIX = "machine draft:"

# A sentence ends at a terminal mark followed by space; the separator is kept so the draft
# keeps the source's spacing.
_SENTENCE_END = re.compile(rf"(?<={terminal_class()})(\s+)")

Translate = Callable[[str], str]


@dataclass(frozen=True)
class TranslateResult:
    language: str
    path: Path
    drafted: tuple[str, ...]  # message ids that got a machine draft
    kept: tuple[str, ...]  # message ids that already had a translation (untouched)
    model: ModelInfo | None  # None when there was nothing to translate


def draft_comment(model: ModelInfo) -> str:
    return (
        f"{DRAFT_COMMENT_PREFIX} argos {model.from_code}->{model.to_code} "
        f"({model.name} {model.version}); review before use"
    )


def split_sentences(text: str) -> list[str]:
    """Pieces that concatenate back to text: sentences and the spaces between them."""
    return [piece for piece in _SENTENCE_END.split(text) if piece]


def translate_protected(text: str, translate: Translate) -> str:
    """Translate the words of text; placeholders and surrounding spacing are copied as is."""
    out = []
    for piece, is_placeholder in split_placeholders(text):
        if is_placeholder:
            out.append("{" + piece + "}")  # never sent through the model
            continue
        for part in split_sentences(piece):
            out.append(_translate_span(part, translate))
    return "".join(out)


def _translate_span(span: str, translate: Translate) -> str:
    """Keep leading and trailing whitespace; spans without letters (", ") are not words."""
    if not any(ch.isalpha() for ch in span):
        return span
    stripped = span.strip()
    lead = span[: len(span) - len(span.lstrip())]
    trail = span[len(span.rstrip()) :]
    result = translate(stripped).strip()
    # A model may echo nothing for a tiny fragment; keep the source rather than lose a word.
    return lead + (result or stripped) + trail


def translate_catalog(
    campaign: Campaign,
    language: Language,
    engine: str = "argos",
    base: Path | None = None,
    models_dir: Path | None = None,
    translator: Translate | None = None,
) -> TranslateResult:
    """Fill the untranslated entries of one language's catalog with fuzzy machine drafts.

    Reads and translates everything first, then writes the catalog once, atomically.
    """
    plan = plan_translation(campaign, language, engine, base, models_dir)
    if not plan.todo:
        return TranslateResult(language.tag, plan.path, (), plan.kept, None)
    assert plan.model is not None
    translate = translator or ArgosEngine(plan.model)
    drafts = {mid: translate_protected(campaign.messages[mid].text, translate) for mid in plan.todo}
    catalog = read_catalog(plan.path)
    entries = entries_by_id(catalog)
    for mid, text in drafts.items():
        entry = entries[mid]
        entry.string = text
        entry.flags.add("fuzzy")
        entry.user_comments = [c for c in entry.user_comments if not c.startswith(DRAFT_COMMENT_PREFIX)]
        entry.user_comments.append(draft_comment(plan.model))
    if drafts:
        write_catalog(plan.path, catalog)  # keeps every other entry, the header, CRLF and BOM as they were
    return TranslateResult(language.tag, plan.path, tuple(drafts), plan.kept, plan.model)


@dataclass(frozen=True)
class TranslationPlan:
    path: Path
    todo: tuple[str, ...]
    kept: tuple[str, ...]
    model: ModelInfo | None  # looked up only when there is something to translate


def plan_translation(
    campaign: Campaign,
    language: Language,
    engine: str = "argos",
    base: Path | None = None,
    models_dir: Path | None = None,
) -> TranslationPlan:
    """Everything that can fail before a model runs: engine, catalog, model for the pair."""
    if engine not in ENGINES:
        raise InputError(None, f"unknown translation engine '{engine}'", hint=f"use one of: {', '.join(ENGINES)}")
    if language.tag == campaign.source_language.tag or language.pseudo:
        raise InputError(
            campaign.config_path,
            f"'{language.tag}' is the source language or a pseudo-locale",
            hint="pick a target language",
        )
    path = catalog_path(campaign, language, base)
    if not path.exists():
        raise InputError(
            path,
            f"no catalog for {language.tag} yet",
            hint=f"run: campaigngen extract {campaign.id}",
            code="catalog.out-of-date",
        )
    entries = entries_by_id(read_catalog(path))
    todo: list[str] = []
    kept: list[str] = []
    for message in campaign.messages.values():
        if not message.applies_to(campaign.contact, language.tag):
            continue
        entry = entries.get(message.id)
        if entry is None or entry.id != message.text:
            raise InputError(
                path,
                f"[{language.tag}] message '{message.id}' is missing or out of date in the catalog",
                hint=f"run: campaigngen extract {campaign.id}",
                code="catalog.out-of-date",
            )
        (kept if entry.string else todo).append(message.id)
    model = find_model(argos_code(campaign.source_language.tag), argos_code(language.tag), models_dir) if todo else None
    return TranslationPlan(path, tuple(todo), tuple(kept), model)


def translate_languages(
    campaign: Campaign,
    languages: Sequence[Language],
    engine: str = "argos",
    base: Path | None = None,
    models_dir: Path | None = None,
) -> list[TranslateResult]:
    """Plan every language first: a missing model or stale catalog stops before any write, and
    every missing model pair is named at once."""
    missing: list[str] = []
    for language in languages:
        try:
            plan_translation(campaign, language, engine, base, models_dir)
        except MissingModels:
            missing.append(f"{argos_code(campaign.source_language.tag)}->{argos_code(language.tag)}")
    if missing:
        raise MissingModels(missing, models_dir)
    return [translate_catalog(campaign, language, engine, base, models_dir) for language in languages]


def back_translator(language: Language, source: Language) -> Translate | None:
    """A machine translation from this language back into the source language, for a reviewer
    to compare with the source; None where no model (or no engine) is installed here."""
    from campaigngen.exceptions import MissingDependency

    try:
        engine = ArgosEngine(find_model(argos_code(language.tag), argos_code(source.tag)))
    except MissingDependency:
        return None
    return lambda text: translate_protected(text, engine)
