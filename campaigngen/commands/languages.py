"""campaigngen languages [--json]"""

from __future__ import annotations

import json

import click


def support_matrix() -> list[dict]:
    """One row per core language and pseudo-locale: what each stage can do for it."""
    from campaigngen.checks.readability import support_rows
    from campaigngen.renderers.radio import voice_support
    from campaigngen.renderers.radio.piper import installed_voice
    from campaigngen.renderers.typesetting.breaking import breaking_method
    from campaigngen.sources.fonts import manifest
    from campaigngen.sources.languages import CORE_LANGUAGES, PSEUDO_LOCALES, parse_language

    fonts = manifest()

    readability = {row["tag"]: row for row in support_rows()}
    rows = []
    for tag in (*CORE_LANGUAGES, *PSEUDO_LOCALES):
        lang = parse_language(tag)
        reading = readability.get(tag, {})
        families = fonts.chain(lang)
        face = fonts.families[families[0]]["regular"]
        voice = voice_support(tag)
        neural = installed_voice(tag)
        # What a spot would use: an installed Piper voice where a campaign lists "piper"
        # (radio.engines), else the offline espeak-ng voice, else a person's recording.
        engine = "piper" if neural else (voice.engine if voice.usable else "recording")
        rows.append(
            {
                "tag": tag,
                "name": lang.english_name,
                "native_name": lang.native_name,
                "script": lang.script,
                "direction": lang.direction,
                "font": f"{face.path.name}" + (f" #{face.index}" if face.index else ""),
                "font_fallbacks": list(families[1:]),
                "line_breaking": breaking_method(lang.tag, lang.script),
                "voice": neural.name if neural else (voice.voice if voice.usable else None),
                "voice_engine": engine,
                "voice_note": voice.note
                if not neural
                else f'Piper voice {neural.name} (used where radio.engines lists "piper"); espeak-ng: {voice.note}',
                "espeak_voice": voice.voice if voice.usable else None,
                "piper_voice": neural.name if neural else None,
                "segmentation": reading.get("segmentation", "-"),
                "reading_measures": reading.get("measures", []),
                "reading_deciding": reading.get("deciding", []),
                "reading_limits": reading.get("limits", {}),
                "reading_limit_sources": reading.get("sources", {}),
                "reading_advisory": reading.get("advisory", {}),
                "reading_agreement": reading.get("agreement"),
                "word_list": reading.get("word_list"),
            }
        )
    return rows


@click.command("languages")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def command(as_json: bool) -> None:
    """What each language has: script, reading-level measures, fonts and voices."""
    rows = support_matrix()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{'tag':<8}{'language':<22}{'script':<7}{'dir':<4}{'font':<30}{'line breaking':<27}"
        f"{'voice (engine)':<22}{'corpus':<10}reading level"
    )
    for row in rows:
        measures = ", ".join(m for m in row["reading_measures"] if m != "rare words")
        if row["word_list"] == "yes":
            measures += " + rare words"
        voice = f"{row['voice_engine']} {row['voice']}" if row["voice"] else "recording"
        agreed = row["reading_agreement"]
        # plain texts accepted / hard texts rejected, in percent of the labelled corpus
        corpus = (
            f"{agreed['plain_accepted_share']:.0%}/{agreed['hard_rejected_share']:.0%}".replace("%", "", 1)
            if agreed
            else "-"
        )
        click.echo(
            f"{row['tag']:<8}{row['name'][:21]:<22}{row['script']:<7}{row['direction']:<4}"
            f"{row['font'][:29]:<30}{row['line_breaking']:<27}{voice[:21]:<22}{corpus:<10}{measures}"
        )
