"""A process that takes snapshots again (the studio's pages, the test suite) parses a catalog
or an approvals file once for the same bytes, and reads a changed one afresh: what a
translator saved or a reviewer approved between two snapshots is what the second one sees."""

from __future__ import annotations

from publish_helpers import SPANISH, make_project, write_po

from campaigngen.catalogs import approvals, load
from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.release.approvals import reviews
from campaigngen.sources.campaign import load_campaign


def _counting(monkeypatch, module, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(args) or real(*args, **kwargs))
    return calls


def _spanish(root):
    return take_snapshot(load_campaign(root / "content" / "demo")).edition("es")


def test_a_catalog_saved_between_two_snapshots_is_read_as_saved_and_an_unchanged_one_once(tmp_path, monkeypatch):
    make_project(tmp_path, spanish={**SPANISH, "help": "Aquí tiene ayuda."})
    parsed = _counting(monkeypatch, load, "catalog_from_bytes")
    assert _spanish(tmp_path).texts["help"] == "Aquí tiene ayuda."
    first = len(parsed)  # 0: the test reviewer's approval of what the kit wrote had read it
    assert _spanish(tmp_path).texts["help"] == "Aquí tiene ayuda."
    assert len(parsed) == first <= 1  # the same bytes: not parsed again

    write_po(tmp_path, "es", {**SPANISH, "help": "Le podemos ayudar."}, fuzzy=("help",))
    edition = _spanish(tmp_path)
    assert (edition.texts["help"], edition.status["help"]) == ("Le podemos ayudar.", "fuzzy")
    assert len(parsed) == first + 1


def test_an_approval_written_between_two_snapshots_counts_in_the_second(tmp_path, monkeypatch):
    make_project(tmp_path)
    approvals_file = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.approvals.toml"
    approved = approvals_file.read_bytes()
    folder = tmp_path / "content" / "demo"
    parsed = _counting(monkeypatch, approvals, "parse_toml")

    def counted() -> dict[str, tuple[str, ...]]:
        found = reviews(take_snapshot(load_campaign(folder)))
        return {r.subject.name: r.counted for r in found if r.language == "es"}

    assert set(counted().values()) == {("test-reviewer",)}
    approvals_file.write_text("", encoding="utf-8")  # the approvals taken back
    assert set(counted().values()) == {()}
    before = len(parsed)
    approvals_file.write_bytes(approved)  # and given again: the same bytes as at first
    assert set(counted().values()) == {("test-reviewer",)}
    assert len(parsed) == before  # read before in this process: not parsed again
