"""Machine drafts from the translate page: offered only where a model for the pair is
installed, written as fuzzy entries with the draft note, and refused on a stale page."""

from __future__ import annotations

import importlib.util

import pytest
from campaign_kit import catalog, sample_campaign
from click.testing import CliRunner
from studio_helpers import CAMPAIGN, catalog_hash_of, csrf_of, studio_client, text_of

# find_spec, not importorskip: importing Argos here would create its folders in the real home.
if importlib.util.find_spec("argostranslate") is None or importlib.util.find_spec("starlette") is None:
    pytest.skip("the mt and studio extras are not installed", allow_module_level=True)
from tiny_argos import build_package  # noqa: E402


@pytest.fixture
def root(tmp_path):
    project = tmp_path / "project"
    sample_campaign(project, languages=("es",), formats=("letter",), spots=())
    text = catalog(project, "es").read_text(encoding="utf-8")
    # Two lines left untranslated, for the model to draft.
    text = text.replace('msgstr "Usted puede recibir ayuda."', 'msgstr ""')
    text = text.replace('msgstr "Hablamos su idioma."', 'msgstr ""')
    catalog(project, "es").write_text(text, encoding="utf-8")
    return project


@pytest.mark.slow
def test_drafts_are_offered_only_with_a_model_and_land_as_fuzzy(root, argos_home, tmp_path):
    from campaigngen.catalogs.po import entries_by_id, read_catalog
    from campaigngen.cli import main

    with studio_client(root) as client:
        page = client.get(f"/c/{CAMPAIGN}/translate/es").text
        assert "Machine drafts" not in page  # no model installed: nothing offered
        package = build_package(tmp_path / "build")
        assert CliRunner().invoke(main, ["models", "install", str(package)]).exit_code == 0
        page = client.get(f"/c/{CAMPAIGN}/translate/es").text
        assert "Machine drafts" in page and "translate-en_es-tiny" in page
        stale = client.post(
            f"/c/{CAMPAIGN}/translate/es/draft",
            data={"sha256": "0" * 64},
            headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
        )
        assert stale.status_code == 409 and "changed elsewhere" in text_of(stale.text)
        done = client.post(
            f"/c/{CAMPAIGN}/translate/es/draft",
            data={"sha256": catalog_hash_of(page)},
            headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
        )
        assert done.status_code == 204 and done.headers["HX-Refresh"] == "true"
        entries = entries_by_id(read_catalog(catalog(root, "es")))
        for mid in ("help", "language"):
            assert entries[mid].string and "fuzzy" in entries[mid].flags
            assert any(c.startswith("machine draft: argos en->es") for c in entries[mid].user_comments)
        assert "fuzzy" not in entries["headline"].flags  # reviewed lines are left alone
        page = client.get(f"/c/{CAMPAIGN}/translate/es").text
        assert "machine draft: argos en-&gt;es" in page and "DRAFT" in text_of(page)
