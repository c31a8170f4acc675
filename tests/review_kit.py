"""Four eyes in tests: a reviewer key of this test process, trusted through $CAMPAIGNGEN_KEYRING,
and approve_all, which approves what a test wrote so the test sees the finding it is about
(not only "unreviewed"). The sample's own approvals count too: its publisher is trusted
through docs/sample-trust, as `make demo` does."""

from __future__ import annotations

import atexit
import contextlib
import io
import shutil
import tempfile
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_TRUST = PROJECT / "docs" / "sample-trust" / "trusted-keys"


@cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="campaigngen-test-reviewer-"))
    # One folder per test process; without this, every run left one behind in /tmp.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def reviewer_signer():
    """This process's reviewer: (private key path, Signer)."""
    from campaigngen.release.signing import new_key, signer_of

    path = _folder() / "test-reviewer.key"
    new_key(path, "test-reviewer")
    return path, signer_of(path)


@cache
def reviewer_keyring() -> Path:
    """The sample's publisher (who vouches for the sample's reviewer) and the test reviewer."""
    from campaigngen.release.keyring import entry

    _, signer = reviewer_signer()
    path = _folder() / "trusted-keys"
    line = entry(signer.public, signer.name, "reviewer", "test reviewer of this test process").line()
    path.write_text(SAMPLE_TRUST.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return path


def approve_all(campaign_folder: Path | str) -> None:
    """Approve every line, contact block and recording of the campaign as it is now, as the
    test reviewer (every language, the source language included)."""
    from campaigngen.catalogs.approvals import subjects
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.approvals import approve, edition_for
    from campaigngen.sources import reading
    from campaigngen.sources.campaign import load_campaign

    _, signer = reviewer_signer()
    announced = set(reading._announced)  # the test's own run must still see its notices
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            snapshot = take_snapshot(load_campaign(campaign_folder))
    finally:
        reading._announced.clear()
        reading._announced.update(announced)
    source = snapshot.campaign.source_language.tag
    for tag in dict.fromkeys([source, *snapshot.tags]):
        edition = edition_for(snapshot, tag)
        if edition.language.pseudo:
            continue
        chosen = subjects(edition, with_contact=tag == source)
        if chosen:
            approve(snapshot, tag, chosen, signer)
