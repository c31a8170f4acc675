"""Parts of a campaign edited in the studio without a text editor: the logo (uploaded, judged by
its content, capped in bytes and pixels), the brand colours with a live contrast check,
recordings removed, and waivers listed with what each accepts now, and removed."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from campaign_kit import config_path, sample_campaign, set_translation
from studio_helpers import CAMPAIGN, config_hash_of, csrf_of, studio_client, text_of

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")


@pytest.fixture
def root(tmp_path) -> Path:
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


@pytest.fixture
def client(root):
    with studio_client(root) as client:
        yield client


def _png(width: int = 600, height: int = 200, kind: str = "PNG") -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height), (18, 52, 91))
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    return buffer.getvalue()


def _post_file(client, path, data, name):
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    return client.post(path, data={"csrf_token": csrf_of(page)}, files={"file": (name, data, "image/png")})


def test_an_uploaded_logo_is_stored_by_content_and_named_in_the_brand(client, root):
    from campaigngen.sources.campaign import load_campaign

    before = config_path(root).read_text(encoding="utf-8")
    response = _post_file(client, f"/c/{CAMPAIGN}/upload/logo", _png(), name="../../evil.svg")
    assert response.status_code == 303, text_of(response.text)
    stored = root / "content" / CAMPAIGN / "brand" / "logo.png"
    assert stored.read_bytes() == _png()
    campaign = load_campaign(root / "content" / CAMPAIGN)
    assert campaign.brand.logo is not None and campaign.brand.logo.size == (600, 200)
    after = config_path(root).read_text(encoding="utf-8")
    assert 'logo = "brand/logo.png"' in after and before.splitlines()[0] == after.splitlines()[0]  # comments kept
    page = text_of(client.get(f"/c/{CAMPAIGN}/settings").text)
    assert "Now: logo.png : 600 x 200 pixels." in page


@pytest.mark.parametrize(
    "data, words",
    [
        (b"<?php system($_GET['c']); ?>", "not a PNG or JPEG image"),
        (None, "save the logo as PNG"),  # a JPEG: a photo format, not a print logo
        (b"", "the file is empty"),
        ("huge", "more than a print logo needs"),
    ],
)
def test_a_logo_that_is_not_a_usable_png_is_refused_and_nothing_changes(client, root, data, words):
    if data is None:
        data = _png(kind="JPEG")
    elif data == "huge":
        data = _png(7000, 6000)  # 42 million pixels
    before = config_path(root).read_bytes()
    response = _post_file(client, f"/c/{CAMPAIGN}/upload/logo", data, name="logo.png")
    assert response.status_code == 422 and words in text_of(response.text)
    assert config_path(root).read_bytes() == before
    assert not (root / "content" / CAMPAIGN / "brand" / "logo.png").exists()


@pytest.mark.parametrize(
    "colour, words",
    [
        ("#12345b", "White text is readable on it"),
        ("#f2a900", "Too light for white text"),
        ("#ffff00", "needs 4.5 to 1"),
        ("yellow", "# and six hexadecimal digits"),
    ],
)
def test_a_brand_colour_is_checked_against_white_text_as_it_is_typed(client, colour, words):
    response = client.get(f"/c/{CAMPAIGN}/contrast", params={"brand.colours.band": colour})
    assert response.status_code == 200 and words in text_of(response.text)
    # The form asks for the check from each colour field.
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    assert page.count('hx-get="contrast"') == 3


def test_a_recording_can_be_removed(client, root):
    import soundfile

    from campaigngen.sources.campaign import load_campaign

    t = np.arange(48000) / 48000
    buffer = io.BytesIO()
    soundfile.write(buffer, 0.3 * np.sin(2 * np.pi * 220 * t), 48000, format="WAV", subtype="PCM_16")
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    uploaded = client.post(
        f"/c/{CAMPAIGN}/upload/recording/es",
        data={"csrf_token": csrf_of(page)},
        files={"file": ("spot.wav", buffer.getvalue(), "audio/wav")},
    )
    assert uploaded.status_code == 303
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    assert "Remove the Spanish recording" in text_of(page)
    removed = client.post(f"/c/{CAMPAIGN}/recording/es/remove", data={"csrf_token": csrf_of(page)})
    assert removed.status_code == 303
    assert load_campaign(root / "content" / CAMPAIGN).radio.recording_for("es") is None
    assert not (root / "content" / CAMPAIGN / "recordings" / "es.wav").exists()
    assert "Remove the Spanish recording" not in text_of(client.get(f"/c/{CAMPAIGN}/settings").text)


def test_waivers_are_listed_with_what_they_accept_and_can_be_removed(client, root):
    from campaigngen.sources.campaign import load_campaign

    set_translation(root, "es", "help", "Usted puede recibir asistencia integral de profesionales hoy.")
    report = client.get(f"/c/{CAMPAIGN}/check/report").text
    headers = {"X-CSRF-Token": csrf_of(client.get(f"/c/{CAMPAIGN}/check").text), "HX-Request": "true"}
    fields = {"check": "max-length", "language": "es", "message": "help", "target": ""}
    saved = client.post(
        f"/c/{CAMPAIGN}/waivers",
        data={**fields, "sha256": config_hash_of(report), "by": "Print coordinator", "reason": "Proof checked"},
        headers=headers,
    )
    assert saved.status_code == 200
    listed = text_of(saved.text[saved.text.index('id="waivers"') :])
    assert "Spanish, line help" in listed and "accepted by Print coordinator" in listed
    assert "It accepts now: The Spanish translation is longer than this line allows" in listed
    # The text changes: the waiver accepts nothing now, and says so.
    set_translation(root, "es", "help", "Usted puede recibir asistencia integral de profesionales, hoy mismo.")
    stale = client.get(f"/c/{CAMPAIGN}/check/report").text
    assert "It accepts nothing now" in text_of(stale[stale.index('id="waivers"') :])
    # Removed from a page that is out of date: refused; from the page as it is: gone.
    refused = client.post(f"/c/{CAMPAIGN}/waivers/remove", data={"index": "0", "sha256": "0" * 64}, headers=headers)
    assert refused.status_code == 409 and len(load_campaign(root / "content" / CAMPAIGN).waivers) == 1
    removed = client.post(
        f"/c/{CAMPAIGN}/waivers/remove", data={"index": "0", "sha256": config_hash_of(stale)}, headers=headers
    )
    assert removed.status_code == 200 and "No finding is waived." in text_of(removed.text)
    assert load_campaign(root / "content" / CAMPAIGN).waivers == ()
    assert "[[waivers]]" not in config_path(root).read_text(encoding="utf-8")


def _settings_post(client, **changed):
    from studio_helpers import form_fields

    page = client.get(f"/c/{CAMPAIGN}/settings").text
    fields = form_fields(page, f"/c/{CAMPAIGN}/settings")
    return client.post(f"/c/{CAMPAIGN}/settings", data={**fields, **changed, "csrf_token": csrf_of(page)})


def test_multilingual_sheets_are_typed_as_language_names(client, root):
    from campaigngen.sources.campaign import load_campaign

    saved = _settings_post(client, **{"flyer.multilingual": "English, Spanish\r\n"})
    assert saved.status_code == 303, text_of(saved.text)
    assert load_campaign(root / "content" / CAMPAIGN).multilingual_sheets == (("en", "es"),)
    assert 'multilingual = [["en", "es"]]' in config_path(root).read_text(encoding="utf-8")
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    assert ">English, Spanish</textarea>" in page
    # A language the campaign does not make is refused beside the field, by the name typed.
    before = config_path(root).read_bytes()
    refused = _settings_post(client, **{"flyer.multilingual": "English, Vietnamese"})
    assert refused.status_code == 422 and config_path(root).read_bytes() == before
    after = refused.text[refused.text.index('name="flyer.multilingual"') :]
    said = text_of(after[: after.index("<details")])
    assert "names Vietnamese, which is not a campaign language" in said and "'vi'" not in said
    emptied = _settings_post(client, **{"flyer.multilingual": ""})
    assert emptied.status_code == 303
    assert load_campaign(root / "content" / CAMPAIGN).multilingual_sheets == ()


def test_the_findings_as_typed_are_every_finding_about_the_line_that_saving_it_would_show(tmp_path):
    """The findings as typed skip speaking the spots and judging approvals: neither is ever
    shown on a line as typed (a spot's length and dead air are about the spot, not a line). A
    line that makes its spot run long still shows, as typed, every finding about itself that
    all the checks together make."""
    from dataclasses import replace

    from campaigngen import checknames
    from campaigngen.catalogs.load import with_translation
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.gate import run_checks
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.studio.translating import typed_findings

    spot = {"id": "10s", "seconds": 10, "script": ["free", "call"]}
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=[spot])
    campaign = load_campaign(tmp_path / "content" / CAMPAIGN)
    snapshot = take_snapshot(campaign, [campaign.language("es")])
    long_line = "La llamada es gratis y no tiene que decir su nombre, ni de donde viene, ni quien le trajo aqui."
    typed = typed_findings(snapshot, "es", "free", long_line, False)
    edited = with_translation(snapshot.edition("es"), "free", long_line, False)
    everything = run_checks(replace(snapshot, editions=(edited,))).findings
    spoken = [f for f in everything if f.target == "10s"]
    assert any(f.check == checknames.SPOT_LENGTH for f in spoken) and all(f.message_id is None for f in spoken)
    about_the_line = {
        (f.check, f.code, f.text)
        for f in everything
        if f.language == "es" and f.message_id == "free" and f.check != checknames.REVIEW
    }
    assert about_the_line and about_the_line <= {(f.check, f.code, f.text) for f in typed}
