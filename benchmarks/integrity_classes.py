"""The integrity rules by class of attack: how many hostile edits each class has caught by its
specific finding, and how many of the project's honest texts any rule flags.

    .venv/bin/python benchmarks/integrity_classes.py [attacks-outside.toml | attacks.toml] [--markdown]

An attack counts as caught when a failing contact-injection or invisible-characters finding
for its language and message names everything the corpus says it adds (the same findings
`campaigngen check` reports: tests/test_integrity_outside.py runs the corpus through check).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from attack_corpus import attacks  # noqa: E402
from campaign_kit import translated_edition  # noqa: E402
from honest_text import honest_texts  # noqa: E402

from campaigngen.checks.integrity import contact_findings, integrity_findings  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402

CAUGHT_BY = ("contact-injection", "invisible-characters")


def main() -> None:
    name = next((a for a in sys.argv[1:] if a.endswith(".toml")), "attacks-outside.toml")
    campaign = load_campaign(ROOT / "content" / "help-is-here")
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    languages = set()
    for attack in attacks(name):
        languages.add(attack.language)
        found = [
            f
            for f in integrity_findings(translated_edition(campaign, attack.language, attack.translations))
            if f.check in CAUGHT_BY and (f.language, f.message_id) == attack.slot and f.severity == "error"
        ]
        rows[attack.kind][0] += bool(found) and all(any(n in f.text for f in found) for n in attack.names)
        rows[attack.kind][1] += 1
    texts = list(honest_texts())
    flagged = sum(1 for h in texts if contact_findings(h.language, "m", h.source, h.text))
    markdown = "--markdown" in sys.argv
    if markdown:
        print("| class | caught |\n|---|---|")
    for kind, (caught, total) in rows.items():
        print(f"| {kind} | {caught} / {total} |" if markdown else f"{caught:>3} / {total:<3} {kind}")
    caught = sum(r[0] for r in rows.values())
    total = sum(r[1] for r in rows.values())
    print(
        f"{name}: {caught} of {total} caught in {len(languages)} languages; honest texts flagged: {flagged} of {len(texts)}"
    )


if __name__ == "__main__":
    main()
