"""The studio in Debian's Chromium, driven as an outreach coordinator would use it: create a
campaign, add a language, translate (an extra phone number is caught as it is typed), watch
the preview change, publish, download the print bundle and verify it. And a PO file edited
outside the studio while its page is open: saving reports the conflict.

With CAMPAIGNGEN_UPDATE_SCREENSHOT=1 the pages' screenshots are copied into docs/."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from campaign_kit import catalog, sample_campaign
from publish_helpers import chromium_page
from review_kit import approve_all

pytestmark = pytest.mark.slow  # real flyers, spots and a release

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")

DOCS = Path(__file__).resolve().parent.parent / "docs"
SPANISH = {  # the committed sample's reviewed Spanish for the new campaign's messages
    "headline": "¿Alguien le obliga a trabajar?",
    "help": "Usted puede recibir ayuda.",
    "call": "Llame al {phone}",
    "scan": "Escanee para recibir más ayuda",
    "again": "Otra vez: llame al {phone}",
}
EXTRA_NUMBER = "¿Alguien le obliga a trabajar? Llame al 555-0100"


@pytest.fixture
def studio(tmp_path):
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    url, stop = serve_in_thread(create_app(project))
    try:
        yield project, url
    finally:
        stop()


def _shot(page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / f"studio-{name}.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get("CAMPAIGNGEN_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, DOCS / shot.name)


def _wait(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _save_row(page, message_id: str, text: str) -> None:
    page.fill(f"#text-{message_id}", text)
    page.click(f"#row-{message_id} button[type=submit]")
    # Saved and passing every check: "translated" (green once approved, amber until then).
    page.wait_for_selector(f"#row-{message_id} .status:not(.fail) >> text=/^translated/", timeout=20_000)


def test_create_translate_preview_publish_download_verify(studio, tmp_path):
    from campaigngen.release.verify import verify_release

    project, url = studio
    with chromium_page(tmp_path / "profile", allow=url, downloads=True) as (page, elsewhere, dialogs):
        page.goto(url)
        assert "No campaigns yet" in page.inner_text("main")
        page.click("text=New campaign")

        # Create: name, hotline, one format; languages come next.
        page.fill("input[name=id]", "laundromat")
        page.fill("input[name=name]", "Laundromat posters")
        page.fill("input[name='contact.phone']", "1-888-373-7888")
        page.fill("input[name='contact.url']", "https://humantraffickinghotline.org")
        page.uncheck("input[name=formats][value=a4]")
        _shot(page, tmp_path, "new")
        page.click("text=Create the campaign")
        page.wait_for_url(f"{url}c/laundromat/settings?created=1")
        assert "Created" in page.inner_text("main")
        config = project / "content" / "laundromat" / "campaign.toml"
        assert '# Campaign "laundromat"' in config.read_text(encoding="utf-8")

        # Add a language: tick Spanish in the languages matrix; name who stations ask about the
        # spot (publishing needs it); save.
        page.check("#lang-es")
        page.fill("input[name='traffic.contact']", "Outreach desk, +1 555 0100")
        page.click("text=Save the campaign")
        page.wait_for_url(f"{url}c/laundromat/settings?saved=1&new=es")
        assert "new: Spanish" in page.inner_text("main")
        po = project / "locales" / "es" / "LC_MESSAGES" / "laundromat.po"
        assert po.is_file()
        page.evaluate("window.scrollTo(0, 0)")
        _shot(page, tmp_path, "campaign")

        # A second tab keeps the Spanish preview open while the translation is typed.
        preview = page.context.new_page()
        preview.goto(f"{url}c/laundromat/preview?lang=es&format=letter")
        preview.wait_for_selector("#flyer-image")
        assert "DRAFT" in preview.inner_text("#preview figcaption")
        first_key = preview.get_attribute("#preview", "data-flyer-key")

        page.click("nav >> text=Translate")
        page.click("text=Spanish")
        page.wait_for_selector("#text-headline")
        page.wait_for_load_state("load")  # htmx (a deferred script) listens from here on
        # An extra phone number is caught as it is typed (debounced, not saved).
        page.fill("#text-headline", EXTRA_NUMBER)
        page.wait_for_selector("#findings-headline li.fail >> text=adds a number", timeout=20_000)
        caught = page.locator("#findings-headline li.fail", has_text="adds a number")
        assert "adds a number" in caught.inner_text()  # in the translator's words first
        caught.locator("details summary").click()  # the number itself is one click away
        assert "555-0100" in caught.inner_text()
        assert "555-0100" not in po.read_text(encoding="utf-8")
        _shot(page, tmp_path, "translate")
        # Fixed: the finding goes.
        page.fill("#text-headline", SPANISH["headline"])
        page.wait_for_selector("#findings-headline >> text=No findings", timeout=20_000)
        for message_id, text in SPANISH.items():
            _save_row(page, message_id, text)
        assert "wait for a second person to approve them" in page.inner_text("#language-findings")
        approve_all(project / "content" / "laundromat")  # a reviewer approves (campaigngen approve)
        page.reload()
        page.wait_for_selector("#language-findings >> text=Every line translated and approved", timeout=20_000)

        # The preview tab redraws by itself: new key, a new page, no DRAFT.
        # (selectors, not wait_for_function: the studio's policy forbids the eval it needs)
        preview.wait_for_selector(f"#preview:not([data-flyer-key='{first_key}'])", timeout=30_000)
        preview.wait_for_selector("#preview figcaption >> text=Ready to print", timeout=30_000)
        _wait(
            lambda: preview.evaluate(
                "document.querySelector('#flyer-image').complete && "
                "document.querySelector('#flyer-image').naturalWidth > 0"
            )
        )
        preview.wait_for_selector(".spot audio", timeout=60_000)
        assert "-23.0 LUFS" in preview.inner_text(".spot")
        assert preview.evaluate("document.querySelector('.spot audio').canPlayType('audio/mpeg')") != ""
        _shot(preview, tmp_path, "preview")
        preview.close()

        # Check and publish.
        page.click("nav >> text=Check & publish")
        page.wait_for_selector("#verdict", timeout=120_000)
        assert "Publishable" in page.inner_text("#verdict")
        page.click("#publish-button")
        page.wait_for_selector("#published", timeout=300_000)
        page.wait_for_selector("#releases a.download", timeout=20_000)
        _shot(page, tmp_path, "check")
        with page.expect_download() as download_info:
            page.click("#releases a.download >> text=Print bundle")
        download = download_info.value
        bundle = tmp_path / "download" / download.suggested_filename
        bundle.parent.mkdir()
        download.save_as(bundle)
        page.click("text=campaigngen studio")  # back to the list of campaigns
        assert "Hotline 1-888-373-7888" in page.inner_text("main")
        _shot(page, tmp_path, "campaigns")

        # The release's own review page, served as the release wrote it (its policy, its script).
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{url}c/laundromat/releases/latest/index.html")
        page.wait_for_load_state("load")
        page.wait_for_selector("img")
        _wait(lambda: page.evaluate("Array.from(document.images).every(i => i.complete)"))
        assert page.evaluate("document.images.length") >= 2
        assert all(w > 0 for w in page.evaluate("Array.from(document.images).map(i => i.naturalWidth)"))
        assert "Publishable" in page.inner_text("header") and errors == []
        assert dialogs == [] and elsewhere == [], (dialogs, elsewhere)

    # The downloaded bundle is the release's, file for file, and the release verifies.
    release = project / "releases" / "laundromat" / "latest"
    verification = verify_release(release)
    assert verification.ok, verification
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == listed["print.zip"]
    with zipfile.ZipFile(bundle) as archive:
        members = {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()}
    assert members == {path: sha for path, sha in listed.items() if path.startswith("print/")}
    assert "print/letter/laundromat_letter_es.pdf" in members and "print/letter/laundromat_letter_en.pdf" in members


def test_a_po_file_edited_elsewhere_while_its_page_is_open_is_a_conflict_on_save(tmp_path):
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    project = tmp_path / "project"
    sample_campaign(project, languages=("es",), formats=("letter",), spots=())
    url, stop = serve_in_thread(create_app(project))
    try:
        with chromium_page(tmp_path / "profile", allow=url) as (page, elsewhere, dialogs):
            page.goto(f"{url}c/help-is-here/translate/es")
            page.wait_for_load_state("load")
            # Poedit saves the catalog while the page is open.
            path = catalog(project, "es")
            poedit = path.read_text(encoding="utf-8").replace(
                'msgstr "Usted puede recibir ayuda."', 'msgstr "Usted puede pedir ayuda."'
            )
            path.write_text(poedit, encoding="utf-8")
            # The line Poedit changed does not save over it: the conflict view.
            page.fill("#text-help", "Puede recibir ayuda.")
            page.click("#row-help button[type=submit]")
            page.wait_for_selector("#row-help .conflict-box", timeout=20_000)
            box = page.inner_text("#row-help .conflict-box")
            assert "This line was changed outside this page" in box
            assert "Puede recibir ayuda." in page.inner_text("#row-help .version.mine")
            assert "Usted puede pedir ayuda." in page.inner_text("#row-help .version.theirs")
            assert path.read_text(encoding="utf-8") == poedit  # nothing overwritten
            # Another line saves: only that line is compared, and Poedit's edit is kept.
            _save_row(page, "free", "La llamada es gratis.")
            # The row read "translated" before this save too: wait for the catalog itself.
            deadline = time.monotonic() + 20
            while 'msgstr "La llamada es gratis."' not in path.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, "the save never reached the catalog"
                time.sleep(0.1)
            assert 'msgstr "Usted puede pedir ayuda."' in path.read_text(encoding="utf-8")
            # Keeping the file's version reloads the page with it.
            page.click("text=Reload the page with the file's version")
            page.wait_for_selector("#text-help")
            assert page.input_value("#text-help") == "Usted puede pedir ayuda."
            assert dialogs == [] and elsewhere == []
    finally:
        stop()


def test_the_text_message_is_copied_exactly_with_the_copy_button(tmp_path):
    """Staff paste the checked text instead of retyping it: the button puts the very text of
    text-message.txt (and of the discreet copy) on the clipboard, as the browser reads it back."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.renderers.digital import compose_texts
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    project = tmp_path / "project"
    folder = sample_campaign(project, languages=("ar",), formats=("wallet",), spots=())
    expected = compose_texts(take_snapshot(load_campaign(folder)).edition("ar"))
    assert set(expected) == {"plain", "discreet"} and "1-888-373-7888" in expected["plain"]
    url, stop = serve_in_thread(create_app(project))
    try:
        with chromium_page(tmp_path / "profile", allow=url) as (page, elsewhere, dialogs):
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
            page.goto(f"{url}c/help-is-here/preview?lang=ar&format=wallet")
            for variant, text in expected.items():
                page.click(f"#copy-{variant}")
                _wait(lambda text=text: page.evaluate("() => navigator.clipboard.readText()") == text, 10)
            assert page.inner_text(".phone-text .copied >> nth=-1") == "Copied."
            assert dialogs == [] and elsewhere == []
    finally:
        stop()
