"""The integrity attack corpus through `campaigngen check` and through translate-toolkit's pofilter.

    .venv/bin/python benchmarks/integrity_corpus.py [--markdown]

Writes the hostile edits of tests/data/integrity/attacks.toml into the sample campaign's
catalogs (one per language and message), runs `campaigngen check --json` and
`pofilter -i locales -o <out>` on the same files, and counts an attack as caught when:
  campaigngen: a failing contact-injection or invisible-characters finding for that language
               and message names everything the corpus says was added;
  pofilter:    any of its tests flags the unit ("any"), or one of the tests about what was
               added - numbers, urls, emails, escapes - does ("relevant").
Then does the same with the honest translations of tests/data/integrity/honest.toml, where
every flagged unit is a false alarm. pofilter comes with the dev extra (translate-toolkit).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from attack_corpus import attacks, campaign_with_attacks, campaign_with_honest_translations, honest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from campaigngen.catalogs.po import read_catalog  # noqa: E402
from campaigngen.cli import main as campaigngen  # noqa: E402

CAUGHT_BY = ("contact-injection", "invisible-characters")
INTEGRITY_CHECKS = ("placeholders", "contact-injection", "invisible-characters", "homoglyphs")
POFILTER_RELEVANT = ("numbers", "urls", "emails", "escapes")


def check_findings(project: Path) -> list[dict]:
    result = CliRunner(mix_stderr=False).invoke(campaigngen, ["check", "help-is-here", "--json"])
    if result.exit_code not in (0, 1):
        raise SystemExit(f"campaigngen check failed: {result.stderr}")
    return json.loads(result.output)["findings"]


def pofilter_flags(project: Path) -> dict[tuple[str, str], list[str]] | None:
    """(language, message id) -> the pofilter tests that flagged it; None without pofilter."""
    pofilter = shutil.which("pofilter") or str(Path(sys.executable).with_name("pofilter"))
    if not Path(pofilter).exists():
        return None
    out = project / "pofilter-out"
    subprocess.run(
        [pofilter, "--progress=none", "-i", str(project / "locales"), "-o", str(out)], check=True, capture_output=True
    )
    flags: dict[tuple[str, str], list[str]] = {}
    for path in out.glob("*/LC_MESSAGES/help-is-here.po"):
        language = path.parts[-3].replace("_", "-")
        for message in read_catalog(path):
            if message.context:
                flags[(language, message.context)] = [
                    c.split(":", 1)[0].removeprefix("(pofilter)").strip()
                    for c in message.user_comments
                    if c.startswith("(pofilter)")
                ]
    return flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the per-class table as Markdown")
    args = parser.parse_args()
    corpus = attacks()
    rows: dict[str, Counter] = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        os.chdir(project)
        campaign_with_attacks(project, corpus)
        findings = check_findings(project)
        flags = pofilter_flags(project)
        pofilter_tests: Counter = Counter()
        caught_relevant: list[str] = []
        missed: list[str] = []
        for attack in corpus:
            found = [
                f
                for f in findings
                if (f["language"], f["message_id"]) == attack.slot and f["check"] in CAUGHT_BY and f["status"] == "fail"
            ]
            row = rows[attack.kind]
            row["total"] += 1
            caught = bool(found) and all(any(n in f["text"] for f in found) for n in attack.names)
            row["campaigngen"] += caught
            if not caught:
                missed.append(f"{attack}: {' | '.join(f['text'] for f in found) or 'no finding'}")
            if flags is not None:
                fired = flags.get(attack.slot, [])
                pofilter_tests.update(fired)
                row["pofilter any"] += bool(fired)
                relevant = [t for t in fired if t in POFILTER_RELEVANT]
                row["pofilter relevant"] += bool(relevant)
                if relevant:
                    caught_relevant.append(f"{attack} ({', '.join(relevant)})")

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        os.chdir(project)
        campaign_with_honest_translations(project)
        honest_units = sum(len(m) for m in honest().values())
        false_alarms = [f for f in check_findings(project) if f["check"] in INTEGRITY_CHECKS]
        honest_flags = pofilter_flags(project)
        os.chdir(ROOT)

    total = Counter()
    for row in rows.values():
        total.update(row)
    columns = ["campaigngen", "pofilter relevant", "pofilter any"] if flags is not None else ["campaigngen"]
    if args.markdown:
        print("| class | attacks | " + " | ".join(columns) + " |")
        print("|---|---:|" + "---:|" * len(columns))
        for kind, row in sorted(rows.items()):
            print(f"| {kind} | {row['total']} | " + " | ".join(str(row[c]) for c in columns) + " |")
        print(f"| **all** | **{total['total']}** | " + " | ".join(f"**{total[c]}**" for c in columns) + " |")
    else:
        print(f"{'class':32} {'attacks':>7} " + " ".join(f"{c:>18}" for c in columns))
        for kind, row in sorted(rows.items()):
            print(f"{kind:32} {row['total']:7} " + " ".join(f"{row[c]:18}" for c in columns))
        print(f"{'all':32} {total['total']:7} " + " ".join(f"{total[c]:18}" for c in columns))
    print()
    print(
        f"campaigngen check: {total['campaigngen']}/{total['total']} attacks caught; "
        f"{len(false_alarms)} integrity findings on {honest_units} honest translations"
    )
    for line in missed:
        print(f"  missed {line}")
    if flags is None:
        print("pofilter: not installed (pip install translate-toolkit, or the dev extra)")
        return
    honest_slots = [(language, message) for language, messages in honest().items() for message in messages]
    honest_any = sum(1 for slot in honest_slots if honest_flags.get(slot))
    honest_relevant = [slot for slot in honest_slots if any(t in POFILTER_RELEVANT for t in honest_flags.get(slot, []))]
    print(
        f"pofilter: {total['pofilter relevant']}/{total['total']} attacks flagged by {', '.join(POFILTER_RELEVANT)}; "
        f"{total['pofilter any']}/{total['total']} by any test"
    )
    print(
        f"pofilter on the honest translations: {len(honest_relevant)}/{honest_units} units flagged by "
        f"{', '.join(POFILTER_RELEVANT)}, {honest_any}/{honest_units} by any test"
    )
    print("pofilter tests that fired on attacks: " + ", ".join(f"{t} {n}" for t, n in pofilter_tests.most_common()))
    print("attacks pofilter's relevant tests flagged: " + ", ".join(caught_relevant))
    print("honest units they flagged: " + ", ".join(f"{language} {message}" for language, message in honest_relevant))


if __name__ == "__main__":
    main()
