"""The integrity rules on every honest text the project has (tests/honest_text.py: the
reading-level corpora, every committed catalog, the honest translations): a rule that reads a
number or a contact in any of them is too broad (issue 22)."""

from __future__ import annotations

from honest_text import honest_texts

from campaigngen.checks.integrity import contact_findings


def test_no_honest_text_reads_as_a_number_or_a_contact():
    texts = list(honest_texts())
    assert len(texts) > 1000
    flagged = [
        f"{honest.origin} ({honest.language}): {finding.text}"
        for honest in texts
        for finding in contact_findings(honest.language, "honest", honest.source, honest.text)
    ]
    assert flagged == [], "\n".join(flagged[:20])
