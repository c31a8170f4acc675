"""The studio in Debian's Chromium, driven as an outreach team would use it, over HTTPS on
the network: the person who started the studio makes the coordinator's account and adds a
reviewer; the coordinator creates a campaign, uploads a logo, fills in the traffic details and
a multilingual sheet, adds a language and translates it (an extra phone number is caught as it
is typed), watches the preview change; the reviewer, signed in on their own browser, approves
both languages; the coordinator publishes a release signed with their key, downloads the print
bundle and verifies it. No file is edited by hand. And a PO file edited outside the studio while
its page is open: saving reports the conflict.

Chromium trusts exactly the studio's certificate key (--ignore-certificate-errors-spki-list),
after the test checked that certificate was issued by the authority whose fingerprint the
studio printed, as a device does before installing it. One browser serves the module.

With CAMPAIGNGEN_UPDATE_SCREENSHOT=1 the pages' screenshots are copied into docs/ (reduced to
a small palette)."""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from campaign_kit import catalog, sample_campaign
from publish_helpers import browser_page, chromium_browser

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


TOKEN = "browser-test-token-0123456789abcdef"
PASSWORD = "long enough password"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    from campaigngen.studio import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 1 << 14)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """The studio's own authority and server certificate, as network mode makes them, and
    the SPKI hash of the server's key once it is checked against the printed fingerprint."""
    import base64

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from campaigngen.studio import tls

    secure = tls.local(["127.0.0.1", "localhost"], tmp_path_factory.mktemp("authority"))
    # What a device does before installing the authority: compare its fingerprint with the printed one.
    assert tls.fingerprint(secure.authority.read_bytes()) == secure.fingerprint
    authority = x509.load_pem_x509_certificate(secure.authority.read_bytes())
    served = x509.load_pem_x509_certificate(secure.certfile.read_bytes())
    served.verify_directly_issued_by(authority)
    spki = served.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return secure, base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


@pytest.fixture(scope="module")
def browser(certificate):
    _, spki = certificate
    with chromium_browser(f"--ignore-certificate-errors-spki-list={spki}") as launched:
        yield launched


@pytest.fixture
def studio(tmp_path, certificate):
    """An empty project, served as `campaigngen studio --host 0.0.0.0` serves it: HTTPS, the
    access token, sign-in."""
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    secure, _ = certificate
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    url, stop = serve_in_thread(create_app(project, token=TOKEN), host="127.0.0.1", tls=secure)
    try:
        yield project, url
    finally:
        stop()


@pytest.fixture
def sample_studio(tmp_path):
    """The sample campaign with Spanish, served on loopback (one person, no sign-in)."""
    from campaigngen.studio.app import create_app
    from campaigngen.studio.server import serve_in_thread

    project = tmp_path / "project"
    sample_campaign(project, languages=("es",), formats=("letter",), spots=())
    url, stop = serve_in_thread(create_app(project))
    try:
        yield project, url
    finally:
        stop()


def _shot(page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / f"studio-{name}.png"
    # What a person sees once the page has settled: on a busy machine a screenshot taken
    # while the page was still being drawn after an upload came out blank (the page itself
    # was right: the text waited for was on it). A page still blank after 5 s fails.
    page.wait_for_function(
        "() => document.readyState === 'complete' && document.fonts.status === 'loaded'"
        " && document.body.innerText.trim().length > 0"
    )
    deadline = time.monotonic() + 5
    page.screenshot(path=str(shot), full_page=False)
    while shot.stat().st_size <= 10_000 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get("CAMPAIGNGEN_UPDATE_SCREENSHOT"):
        from PIL import Image

        with Image.open(shot) as image:  # a small palette keeps docs/ small
            image.convert("RGB").quantize(colors=64).save(DOCS / shot.name, optimize=True)


def _wait(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _until(page, condition, seconds: float = 30.0) -> None:
    """As _wait, while the page keeps running: Playwright passes a request through the test's
    route only while the test asks it something (page.wait_for_timeout), never in time.sleep."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(100)


def _save_row(page, message_id: str, text: str) -> None:
    page.fill(f"#text-{message_id}", text)
    page.click(f"#row-{message_id} button[type=submit]")
    # Saved and passing every check: "translated" (green once approved, amber until then).
    page.wait_for_selector(f"#row-{message_id} .status:not(.fail) >> text=/^translated/", timeout=20_000)


def _sign_in(page, url: str, name: str) -> None:
    page.goto(f"{url}?token={TOKEN}")  # the address the studio printed
    page.wait_for_url(f"{url}signin")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#signin-button")
    page.wait_for_url(url)


def _logo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), (18, 52, 91))
    ImageDraw.Draw(image).rectangle((40, 40, 560, 160), fill=(240, 200, 40))
    image.save(path)
    return path


def test_a_team_goes_from_an_empty_project_to_a_signed_release_over_https(studio, browser, tmp_path):
    from campaigngen.release.verify import verify_release
    from campaigngen.studio.accounts import read_book

    project, url = studio
    assert url.startswith("https://127.0.0.1:")
    with browser_page(browser, allow=url, downloads=True) as (page, elsewhere, dialogs):
        # The address printed at start leads the one who started the studio to the first-run page.
        page.goto(f"{url}?token={TOKEN}")
        page.wait_for_url(f"{url}setup")
        page.fill("input[name=name]", "mariela")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=again]", PASSWORD)
        _shot(page, tmp_path, "setup")
        page.click("#setup-button")
        page.wait_for_url(f"{url}people")
        # The coordinator adds the reviewer, with a first password told in person.
        page.fill("form[action='/people'] input[name=name]", "anouk")
        page.select_option("form[action='/people'] select[name=role]", "reviewer")
        page.fill("form[action='/people'] input[name=password]", PASSWORD)
        page.click("#add-person")
        page.wait_for_selector("text=anouk can now sign in as a reviewer")
        _shot(page, tmp_path, "people")
        page.click("text=campaigngen studio")
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

        # Add a language (tick Spanish) and the traffic details stations need; save.
        page.check("#lang-es")
        page.fill("input[name='traffic.contact']", "Outreach desk, +1 555 0100")
        page.fill("input[name='traffic.start']", "2026-12-01")
        page.fill("input[name='traffic.kill']", "2027-02-28")
        page.click("text=Save the campaign")
        page.wait_for_url(f"{url}c/laundromat/settings?saved=1&new=es")
        assert "new: Spanish" in page.inner_text("main")
        po = project / "locales" / "es" / "LC_MESSAGES" / "laundromat.po"
        assert po.is_file()
        # A sheet with both languages on one page.
        page.fill("textarea[name='flyer.multilingual']", "English, Spanish")
        page.click("text=Save the campaign")
        page.wait_for_url(f"{url}c/laundromat/settings?saved=1")
        # The logo.
        page.set_input_files("#logo input[type=file]", str(_logo(tmp_path / "our-logo.png")))
        page.click("text=Upload the logo")
        page.wait_for_selector("#logo >> text=600 x 200 pixels")
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

        # The reviewer, on their own browser, approves both languages.
        with browser_page(browser, allow=url) as (second, elsewhere_2, dialogs_2):
            _sign_in(second, url, "anouk")
            second.goto(f"{url}c/laundromat/approve")
            for language in ("English", "Spanish"):
                second.click(f"main a >> text={language}")
                second.wait_for_selector("#approve-all")
                if language == "Spanish":
                    _shot(second, tmp_path, "approve")
                second.click("#approve-all")
                second.wait_for_selector("#approved >> text=/^Approved [1-9][0-9]* as anouk/")
                assert "waits for approval" not in second.inner_text("main")
                second.goto(f"{url}c/laundromat/approve")
            assert "waiting" not in second.inner_text("main table")
            assert dialogs_2 == [] and elsewhere_2 == []
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

        # Check and publish, signed with the coordinator's key.
        page.click("nav >> text=Check & publish")
        page.wait_for_selector("#verdict", timeout=120_000)
        assert "Publishable" in page.inner_text("#verdict")
        page.click("#publish-button")
        page.wait_for_selector("#published, #publish-status [role=alert]", timeout=300_000)
        # What check called publishable, publish makes: the first time, with nothing waived.
        assert page.locator("#published").count() == 1, page.inner_text("#publish-status")
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
    manifest_text = (release / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == listed["print.zip"]
    with zipfile.ZipFile(bundle) as archive:
        members = {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()}
    assert members == {path: sha for path, sha in listed.items() if path.startswith("print/")}
    assert "print/letter/laundromat_letter_es.pdf" in members and "print/letter/laundromat_letter_en.pdf" in members
    assert "multilingual/flyer-multilingual-en-es.pdf" in listed, sorted(listed)  # the sheet
    # Signed by the coordinator's own key, approved by the reviewer's; named by role, not by person.
    book = read_book(project)
    coordinator, reviewer = book.find("mariela"), book.find("anouk")
    assert manifest["signature"]["public_key_fingerprint"] == coordinator.fingerprint
    assert manifest["signature"]["signer"] == coordinator.signer_name
    approved = {
        m["id"]: m["approved_by"]
        for lang in manifest["languages"]
        if lang["language"] == "es"
        for m in lang["messages"]
    }
    assert approved and all(names == [reviewer.signer_name] for names in approved.values()), approved
    assert "mariela" not in manifest_text.lower() and "anouk" not in manifest_text.lower()
    # The traffic desk's sheet carries the dates and the contact typed in.
    traffic = (release / "radio" / "traffic.csv").read_text(encoding="utf-8")
    assert "2026-12-01" in traffic and "2027-02-28" in traffic and "Outreach desk" in traffic
    assert 'logo = "brand/logo.png"' in config.read_text(encoding="utf-8")


def test_a_po_file_edited_elsewhere_while_its_page_is_open_is_a_conflict_on_save(sample_studio, browser):
    project, url = sample_studio
    with browser_page(browser, allow=url) as (page, elsewhere, dialogs):
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
        _until(page, lambda: 'msgstr "La llamada es gratis."' in path.read_text(encoding="utf-8"), 20)
        assert 'msgstr "Usted puede pedir ayuda."' in path.read_text(encoding="utf-8")
        # Keeping the file's version reloads the page with it.
        page.click("text=Reload the page with the file's version")
        page.wait_for_selector("#text-help")
        assert page.input_value("#text-help") == "Usted puede pedir ayuda."
        assert dialogs == [] and elsewhere == []


def test_findings_as_typed_never_move_the_save_button_under_the_pointer(sample_studio, browser):
    """A translator types in one line and goes for Save on the next: the findings of what they
    typed come back (1-2 s under load) while the pointer is on its way. The answer must not
    move that button from under the pointer (a click landing beside it is a save lost), so
    the click aimed before the answer still saves."""

    project, url = sample_studio
    with browser_page(browser, allow=url) as (page, elsewhere, dialogs):
        page.goto(f"{url}c/help-is-here/translate/es")
        page.wait_for_load_state("load")
        page.fill("#text-help", "Usted puede recibir ayuda hoy.")
        aimed = page.locator("#row-help button[type=submit]").bounding_box()
        # Many findings come back for the line above: a long text, with an extra number.
        with page.expect_response(lambda r: "/check/headline" in r.url, timeout=30_000):
            page.fill("#text-headline", EXTRA_NUMBER + " " + "y muchas palabras más " * 3)
        page.wait_for_selector("#findings-headline li.fail", timeout=20_000)
        page.wait_for_timeout(100)  # settled
        assert page.locator("#row-help button[type=submit]").bounding_box() == aimed
        page.mouse.click(aimed["x"] + aimed["width"] / 2, aimed["y"] + aimed["height"] / 2)
        path = catalog(project, "es")
        _until(page, lambda: 'msgstr "Usted puede recibir ayuda hoy."' in path.read_text(encoding="utf-8"))
        assert dialogs == [] and elsewhere == []


def test_save_clicked_while_the_typed_text_is_being_checked_is_not_lost(sample_studio, browser, monkeypatch):
    """A translator types, the findings-as-typed request goes out, and they press Save before
    its answer is back (1-2 s under load): the line is saved, and the row then shows the
    saved state, not the answer to the typing that came back after it."""
    from campaigngen.studio import translating

    typed_findings = translating.typed_findings

    def slow(*args, **kwargs):  # the check under load
        time.sleep(1.5)
        return typed_findings(*args, **kwargs)

    monkeypatch.setattr(translating, "typed_findings", slow)
    project, url = sample_studio
    with browser_page(browser, allow=url) as (page, elsewhere, dialogs):
        page.goto(f"{url}c/help-is-here/translate/es")
        page.wait_for_load_state("load")
        with page.expect_request(lambda r: "/check/free" in r.url, timeout=10_000):
            page.fill("#text-free", "La llamada es gratis y privada.")
        page.click("#row-free button[type=submit]")  # while the check is still out
        path = catalog(project, "es")
        _until(page, lambda: 'msgstr "La llamada es gratis y privada."' in path.read_text(encoding="utf-8"))
        page.wait_for_selector("#row-free .status:not(.fail) >> text=/^translated/", timeout=10_000)
        time.sleep(2)  # the typing's answer has come back by now
        assert "checked as typed, not saved yet" not in page.inner_text("#findings-free")
        assert page.input_value("#text-free") == "La llamada es gratis y privada."
        assert dialogs == [] and elsewhere == []


def test_the_text_message_is_copied_exactly_with_the_copy_button(tmp_path, browser):
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
        with browser_page(browser, allow=url) as (page, elsewhere, dialogs):
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
            page.goto(f"{url}c/help-is-here/preview?lang=ar&format=wallet")
            for variant, text in expected.items():
                page.click(f"#copy-{variant}")
                _until(page, lambda text=text: page.evaluate("() => navigator.clipboard.readText()") == text, 10)
            assert page.inner_text(".phone-text .copied >> nth=-1") == "Copied."
            assert dialogs == [] and elsewhere == []
    finally:
        stop()
