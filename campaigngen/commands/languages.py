"""campaigngen languages [--json]"""

from __future__ import annotations

import json

import click


def support_matrix() -> list[dict]:
    """One row per core language and pseudo-locale: what each stage can do for it."""
    from campaigngen.checks.readability import support_rows
    from campaigngen.sources.languages import CORE_LANGUAGES, PSEUDO_LOCALES, parse_language

    readability = {row["tag"]: row for row in support_rows()}
    rows = []
    for tag in (*CORE_LANGUAGES, *PSEUDO_LOCALES):
        lang = parse_language(tag)
        reading = readability.get(tag, {})
        rows.append({
            "tag": tag,
            "name": lang.english_name,
            "native_name": lang.native_name,
            "script": lang.script,
            "direction": lang.direction,
            "segmentation": reading.get("segmentation", "-"),
            "reading_measures": reading.get("measures", []),
            "reading_limits": reading.get("limits", {}),
            "word_list": reading.get("word_list"),
        })
    return rows


@click.command("languages")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def command(as_json: bool) -> None:
    """What each language has: script, reading-level measures, fonts and voices."""
    rows = support_matrix()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'tag':<8}{'language':<24}{'script':<7}{'dir':<5}reading level")
    for row in rows:
        measures = ", ".join(m for m in row["reading_measures"] if m != "rare words")
        if row["word_list"]:
            measures += " + rare words"
        click.echo(f"{row['tag']:<8}{row['name'][:23]:<24}{row['script']:<7}{row['direction']:<5}{measures}")
