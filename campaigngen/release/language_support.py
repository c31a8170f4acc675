"""What the pipeline can do for each language: its script and direction, font, line breaking,
reading-level measures and voice, each asked of the stage that decides it.

One table for `campaigngen languages` and the studio's language picker. It lives in the
release stage because it gathers from every stage below (sources' fonts, checks' reading
profiles, renderers' line breaking and voices), as the gate does for findings.
"""

from __future__ import annotations


def support_matrix() -> list[dict]:
    """One row per registered language (built in, then the project's own) and pseudo-locale:
    what each stage can do for it."""
    from campaigngen.checks.readability import support_rows
    from campaigngen.renderers.radio import voice_support
    from campaigngen.renderers.radio.piper import installed_voice
    from campaigngen.renderers.typesetting.breaking import breaking_method
    from campaigngen.sources.fonts import draws_script, manifest
    from campaigngen.sources.languages import PSEUDO_LOCALES, parse_language
    from campaigngen.sources.registry import registry

    fonts = manifest()

    readability = {row["tag"]: row for row in support_rows()}
    rows = []
    for tag in (*registry(), *PSEUDO_LOCALES):
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
                "font_for_script": draws_script(fonts, lang.script),
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
                "reading_calibrated": reading.get("calibrated", False),
                "word_list": reading.get("word_list"),
            }
        )
    return rows
