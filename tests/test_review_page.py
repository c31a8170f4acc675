"""The review page in headless Chromium: images load, audio plays, filters work, and a
translation is shown as text, never run as markup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from cli_kit import cli_runner
from PIL import Image
from publish_helpers import SPANISH, browser_page, chromium_browser, make_project, real_release, write_po

from campaigngen.cli import main

HOSTILE = "<script>alert(1)</script>"
DOCS_SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "review-screenshot.png"


def run(*args: str):
    return cli_runner().invoke(main, list(args))


@pytest.fixture(scope="module")
def draft_build(tmp_path_factory) -> Path:
    """A draft build: Spanish carries a hostile headline and one fuzzy line (so it is DRAFT).
    Made once: the tests below only read it (and write the review page beside it)."""
    root = tmp_path_factory.mktemp("draft")
    make_project(root)
    write_po(root, "es", {**SPANISH, "headline": f"¿Te obligan? {HOSTILE}"}, fuzzy=("help",))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = run("build", "demo")
    assert result.exit_code == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (file:// pages may load their own files); each test opens
    its own context in it."""
    with chromium_browser("--allow-file-access-from-files") as launched:
        yield launched


@pytest.fixture
def built(draft_build, monkeypatch) -> Path:
    monkeypatch.chdir(draft_build)
    return draft_build


def test_review_needs_a_build_first(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("review", "demo")
    assert result.exit_code == 2
    assert "run 'campaigngen build demo' first" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_page_source_escapes_translations_and_loads_nothing_remote(built):
    result = run("review", "demo")
    assert result.exit_code == 0, result.stderr
    index = Path(result.stdout.strip())
    assert index == (built / "output" / "demo" / "index.html").resolve()
    html = index.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # ours, and its hash is the only one the CSP allows
    for remote in ("http://", "https://", "//fonts.", "@import", "url("):
        # The hotline URL is printed on flyers but the page never links it as a resource.
        assert remote not in html.replace("https://humantraffickinghotline.org", ""), remote


def _open(page, index: Path) -> None:
    page.goto(index.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")


def _audio_states(page) -> list[dict]:
    page.wait_for_function(
        "Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1 || a.error)", timeout=15000
    )
    return page.evaluate("""Array.from(document.querySelectorAll('audio')).map(a => ({
        src: a.currentSrc, ready: a.readyState, error: a.error && a.error.code,
        types: Array.from(a.querySelectorAll('source')).map(s => [s.type, a.canPlayType(s.type)])}))""")


def _visible_cards(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.card')).filter(c => !c.hidden).map(c => c.id.replace('lang-', ''))"
    )


@pytest.mark.slow
def test_review_page_in_chromium(built, browser, tmp_path):
    index = Path(run("review", "demo").stdout.strip())
    with browser_page(browser) as (page, elsewhere, dialogs):
        _open(page, index)
        images = page.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth])")
        assert len(images) >= 2 and all(width > 0 for _, width in images), images
        # A thumbnail opens the full-size flyer.
        links = page.evaluate("Array.from(document.querySelectorAll('.thumbs a')).map(a => a.getAttribute('href'))")
        assert all((index.parent / href).is_file() for href in links), links

        audio = _audio_states(page)
        assert len(audio) == 2, audio
        for player in audio:
            assert player["error"] is None and player["ready"] >= 1 and player["src"], player
            assert any(verdict in ("maybe", "probably") for _, verdict in player["types"]), player

        # The hostile translation is visible as text in the Spanish card, and nothing ran.
        spanish = page.inner_text("#lang-es")
        assert HOSTILE in spanish
        assert dialogs == [] and page.evaluate("document.scripts.length") == 1
        assert "Español" in page.inner_text("#lang-es h2")
        assert page.get_attribute("#lang-es h2", "lang") == "es"

        # Filters: by language, then by status; "All" brings everything back.
        assert _visible_cards(page) == ["en", "es"]
        page.select_option("#filter-lang", "es")
        assert _visible_cards(page) == ["es"]
        page.select_option("#filter-lang", "all")
        page.click("[data-filter-status=draft]")
        assert _visible_cards(page) == ["es"] and page.inner_text("#shown-count") == "1"
        page.click("[data-filter-status=ready]")
        assert _visible_cards(page) == ["en"]
        page.click("[data-filter-status=all]")
        assert _visible_cards(page) == ["en", "es"]
        assert "DRAFT" in page.inner_text("#lang-es .badges")
        # The fuzzy sentence is highlighted for the reviewer.
        assert page.evaluate("document.querySelector('#lang-es ol.texts li.warn, #lang-es ol.texts li.fail') !== null")

        # What the reviewer sees is the flyer itself: the first thumbnail as drawn on screen
        # matches the thumbnail file.
        thumb = page.locator(".thumbs img").first
        drawn = tmp_path / "thumb-on-screen.png"
        thumb.screenshot(path=str(drawn))
        with Image.open(index.parent / thumb.get_attribute("src")) as file_image:
            expected = np.asarray(file_image.convert("L"), dtype=np.int16)
            with Image.open(drawn) as on_screen:
                seen = np.asarray(on_screen.convert("L").resize(file_image.size), dtype=np.int16)
        # Correlation, not equality: the browser's scaling and the thumbnail's border differ a little.
        correlation = np.corrcoef(seen.ravel(), expected.ravel())[0, 1]
        assert expected.std() > 20 and correlation > 0.8, correlation  # a flyer, and the one on disk

        shot = tmp_path / "review.png"
        page.screenshot(path=str(shot), full_page=False)
        if os.environ.get("CAMPAIGNGEN_UPDATE_SCREENSHOT"):
            shutil.copyfile(shot, DOCS_SCREENSHOT)
    assert elsewhere == [], elsewhere


@pytest.mark.slow
def test_release_page_works_from_disk_with_waiver_badge(tmp_path_factory, browser):
    release = real_release(tmp_path_factory)
    index = release / "index.html"
    with browser_page(browser) as (page, elsewhere, dialogs):
        _open(page, index)
        assert all(w > 0 for w in page.evaluate("Array.from(document.images).map(i => i.naturalWidth)"))
        assert all(p["ready"] >= 1 and p["error"] is None for p in _audio_states(page))
        assert "WAIVED" in page.inner_text("#lang-es .badges")
        assert "Outreach lead" in page.inner_text("#lang-es")
        assert "Release 1" in page.inner_text("header")
        page.click("[data-filter-status=waived]")
        assert _visible_cards(page) == ["es"]
    assert elsewhere == [] and dialogs == []


# The order the digits of a number are drawn in, left to right, as Chromium lays the line out.
_DRAWN_DIGITS = """el => {
  const found = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (!/[0-9]/.test(node.data[i])) continue;
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      found.push([range.getBoundingClientRect().left, node.data[i]]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(p => p[1]).join('');
}"""


@pytest.mark.parametrize(
    "tag, text",
    [
        ("ar", "اتصل على 1-800-555-0199. المكالمة مجانية."),
        ("fa", "با شماره 1-800-555-0199 تماس بگیرید."),
        ("ur", "اس نمبر پر کال کریں: +1 (800) 555-0199"),
        ("he", "התקשרו 1-800-555-0199."),
    ],
)
def test_a_number_in_right_to_left_text_reads_left_to_right_on_the_review_page(tmp_path, browser, tag, text):
    """Chromium draws an unisolated 1-800-555-0199 after Arabic letters as 0199-555-800-1 (each
    group an Arabic number, the hyphens right-to-left); isolated, it reads as dialled."""
    from campaigngen.release.review.page import isolate_ltr

    html = tmp_path / "t.html"
    html.write_text(
        '<!doctype html><meta charset="utf-8"><body>'
        f'<p id="raw" lang="{tag}" dir="rtl">{text}</p>'
        f'<p id="isolated" lang="{tag}" dir="rtl">{isolate_ltr(text)}</p>',
        encoding="utf-8",
    )
    with browser_page(browser) as (page, _elsewhere, _dialogs):
        page.goto(html.as_uri())
        drawn = {which: page.eval_on_selector(f"#{which}", _DRAWN_DIGITS) for which in ("raw", "isolated")}
    assert drawn["isolated"] == "18005550199", drawn
    if tag != "he":  # Hebrew digits stay European numbers: the bidi algorithm keeps them in order
        assert drawn["raw"] != "18005550199", drawn  # the failure the page had, measured the same way


def test_the_review_page_isolates_numbers_in_translations(built):
    index = Path(run("review", "demo").stdout.strip())
    page = index.read_text(encoding="utf-8")
    assert '<bdi dir="ltr">1-888-373-7888</bdi>' in page
