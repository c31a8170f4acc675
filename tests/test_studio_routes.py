"""The studio's pages through Starlette's TestClient, as a browser on this computer uses them:
campaigns created and edited (campaign.toml keeps its comments; invalid values are refused
with the loader's errors next to their fields), translations checked as typed and saved into
the PO file, conflicts with edits made elsewhere, previews, waivers, and every guard."""

from __future__ import annotations

import difflib
import io
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from campaign_kit import SAMPLE_CONFIG, catalog, config_path, sample_campaign, sample_config
from studio_helpers import (
    BASE,
    CAMPAIGN,
    catalog_hash_of,
    config_hash_of,
    csrf_of,
    form_fields,
    studio_client,
    text_of,
)

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")

EXTRA_NUMBER = "¿Alguien le obliga a trabajar? Llame al 555-0100"
FIXED = "¿Alguien le obliga a trabajar?"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory) -> Path:
    """The cut-down sample as sample_campaign writes and approves it (twice the reading and
    signing of the whole campaign, 0.14 s), made once: each test edits a copy of its own."""
    folder = tmp_path_factory.mktemp("studio-sample")
    sample_campaign(folder, languages=("es",), formats=("letter",), spots=())
    return folder


@pytest.fixture
def root(sample_root, tmp_path) -> Path:
    shutil.copytree(sample_root, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def client(root):
    with studio_client(root) as client:
        yield client


def _translate_page(client, tag="es"):
    response = client.get(f"/c/{CAMPAIGN}/translate/{tag}")
    assert response.status_code == 200, response.text
    return response.text


# --------------------------------------------------------------------------- campaigns


def test_the_list_shows_each_campaign_and_what_is_wrong_with_a_broken_one(client, root):
    broken = root / "content" / "broken"
    broken.mkdir()
    (broken / "campaign.toml").write_text(
        'id = "broken"\nlanguages = ["es"]\nsource_language = "en"\n[contact]\n'
        'phone = "12"\nurl = "https://example.org"\n',
        encoding="utf-8",
    )
    text = text_of(client.get("/").text)
    assert "Help is here" in text and "Hotline 1-888-373-7888" in text
    assert "broken" in text and "line 5: contact.phone '12'" in text


def _create(client, **fields):
    page = client.get("/new").text
    data = {
        "csrf_token": csrf_of(page),
        "id": "laundromat",
        "name": "Laundromat posters",
        "contact.phone": "1-888-373-7888",
        "contact.url": "https://humantraffickinghotline.org",
        "contact.region": "US",
        "formats": ["letter", "wallet"],
        "languages": ["vi"],
        **fields,
    }
    return client.post("/new", data=data)


def test_a_campaign_is_created_as_the_commented_file_new_writes(client, root):
    from campaigngen.sources.campaign import load_campaign

    response = _create(client)
    assert response.status_code == 303 and response.headers["location"] == "/c/laundromat/settings?created=1"
    written = (root / "content" / "laundromat" / "campaign.toml").read_text(encoding="utf-8")
    assert '# Campaign "laundromat". Fill in the parts marked FILL IN' in written  # the scaffold's comments
    assert re.search(r'\nphone = "1-888-373-7888" +# FILL IN', written)  # the comment column is the scaffold's
    campaign = load_campaign(root / "content" / "laundromat")
    assert [lang.tag for lang in campaign.languages] == ["vi"] and campaign.flyer.formats == ("letter", "wallet")
    assert campaign.name == "Laundromat posters" and campaign.contact.url == "https://humantraffickinghotline.org"
    # Translators' files are made as `campaigngen extract` makes them.
    assert (root / "locales" / "vi" / "LC_MESSAGES" / "laundromat.po").is_file()
    assert (root / "locales" / "laundromat.pot").is_file()


@pytest.mark.parametrize(
    "fields, field, words, detail",
    [
        ({"id": "../escape"}, "id", "lower-case letters", ""),
        ({"id": CAMPAIGN}, "id", "already exists", ""),
        ({"contact.phone": "555"}, "contact.phone", "Not a valid number for the United States", "contact.phone '555'"),
        ({"contact.region": "USA"}, "contact.region", "not a country code", "contact.region 'USA'"),
        ({"contact.url": "javascript:alert(1)"}, "contact.url", "", "contact.url"),
    ],
)
def test_a_campaign_that_would_be_invalid_is_not_created(client, root, fields, field, words, detail):
    response = _create(client, **fields)
    assert response.status_code == 422
    # The error stands right after the field it is about (the country is blamed for a country
    # code that is not one, not the phone number), in the form's words; the loader's own line
    # (the setting's path in campaign.toml, the value) is one click away.
    after = response.text[response.text.index(f'name="{field}"') :]
    shown = after[: after.index("</label>") + 1200].replace("&#39;", "'")
    problem = shown[shown.index('class="problem"') : shown.index("</div>")]
    plain = problem[: problem.index("<details")]
    assert words in plain and not re.search(r"\b(contact|flyer|brand)\.[a-z]", plain)
    assert detail in problem[problem.index("<details") :]
    assert not (root / "content" / "laundromat").exists() and not (root / "content" / "..").joinpath("escape").exists()


# --------------------------------------------------------------------------- the campaign form


def _settings(client):
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    return page, form_fields(page, f"/c/{CAMPAIGN}/settings")


def test_adding_a_language_keeps_every_comment_and_makes_its_catalog(client, root):
    before = config_path(root).read_text(encoding="utf-8")
    page, fields = _settings(client)
    fields["languages"] = (
        [fields["languages"], "fr"] if isinstance(fields["languages"], str) else [*fields["languages"], "fr"]
    )
    response = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
    assert response.status_code == 303, text_of(response.text)
    assert response.headers["location"] == f"/c/{CAMPAIGN}/settings?saved=1&new=fr"
    after = config_path(root).read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ['-languages = ["es"]', '+languages = ["es", "fr"]']
    assert catalog(root, "fr").is_file()
    assert "new: French" in text_of(client.get(response.headers["location"]).text)  # by name, not its code


def test_an_invalid_value_is_refused_with_the_loaders_error_next_to_it(client, root):
    before = config_path(root).read_bytes()
    page, fields = _settings(client)
    fields["msg.help.max_length"] = "fifty"
    fields["contact.phone"] = "1-800-FLOWERS-PLEASE"
    response = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
    assert response.status_code == 422
    assert config_path(root).read_bytes() == before  # nothing written
    body = response.text
    near_length = body[body.index('name="msg.help.max_length"') :][:600]
    # The loader's wording ("must be a whole number": the schema's type names read as English).
    assert "must be a whole number" in near_length and re.search(r"line \d+", near_length)
    near_phone = body[body.index('name="contact.phone"') :][:600]
    assert "contact.phone" in near_phone.replace("&#39;", "'")
    # What the person typed is still in the form.
    assert 'value="fifty"' in near_length


def test_messages_and_spots_are_edited_in_place(client, root):
    from campaigngen.sources.campaign import load_campaign

    page, fields = _settings(client)
    fields.update(
        {
            "msg.help.text": "You can get help today.",
            "new.id": "open",
            "new.text": "We are open now.",
            "new.max_length": "40",
            "new.role": "body",
            "msg.scan.remove": "1",
            "newspot.seconds": "15",
            "newspot.script": "headline, call",
        }
    )
    fields["msg.scan.role"] = "none"
    response = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
    assert response.status_code == 303, text_of(response.text)
    campaign = load_campaign(root / "content" / CAMPAIGN)
    assert campaign.messages["help"].text == "You can get help today."
    assert campaign.messages["open"].max_length == 40 and "open" in campaign.flyer.body
    assert "scan" not in campaign.messages and campaign.flyer.qr_caption is None
    assert [(s.seconds, s.script) for s in campaign.spots] == [(15, ("headline", "call"))]
    assert "# Short, plain messages" in config_path(root).read_text(encoding="utf-8")


def test_a_form_opened_before_someone_else_saved_is_not_written(client, root):
    page, fields = _settings(client)
    with sample_config(root) as config:  # saved by someone else meanwhile
        config["name"] = "Edited"
    edited = config_path(root).read_text(encoding="utf-8")
    fields["name"] = "Mine"
    response = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
    assert response.status_code == 422 and "changed elsewhere" in text_of(response.text)
    assert config_path(root).read_text(encoding="utf-8") == edited


# --------------------------------------------------------------------------- translate


def _check(client, page, message_id, text, needs_review=False):
    data = {"text": text, **({"needs_review": "1"} if needs_review else {})}
    return client.post(
        f"/c/{CAMPAIGN}/translate/es/check/{message_id}",
        data=data,
        headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
    )


def _save(client, page, message_id, text, sha=None, needs_review=False, **extra):
    data = {
        "text": text,
        "sha256": sha if sha is not None else catalog_hash_of(page),
        **({"needs_review": "1"} if needs_review else {}),
        **extra,
    }
    return client.post(
        f"/c/{CAMPAIGN}/translate/es/save/{message_id}",
        data=data,
        headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
    )


def test_the_translate_page_shows_source_context_and_limits_beside_the_translation(client):
    text = text_of(_translate_page(client))
    assert "Is someone forcing you to work?" in text and "¿Alguien le obliga a trabajar?" in text
    assert "A question the reader answers silently." in text and "At most 60 characters." in text
    assert "Keep {phone} exactly once." in text


def test_an_added_phone_number_is_a_finding_as_typed_and_gone_when_fixed(client, root):
    page = _translate_page(client)
    before = catalog(root, "es").read_bytes()
    typed = _check(client, page, "headline", EXTRA_NUMBER)
    assert typed.status_code == 200
    assert "contact-injection" in typed.text and "555-0100" in typed.text and "FAIL" in typed.text
    fixed = _check(client, page, "headline", FIXED)
    assert "contact-injection" not in fixed.text and "No findings" in fixed.text
    assert catalog(root, "es").read_bytes() == before  # checking writes nothing


def test_length_and_reading_level_are_judged_as_typed(client):
    page = _translate_page(client)
    long = _check(client, page, "help", "Usted puede recibir asistencia integral de profesionales especializados hoy.")
    assert "max-length" in long.text
    hard = _check(
        client,
        page,
        "name",
        "No es obligatorio proporcionar documentación identificativa "
        "ni información personal de ningún tipo para recibir la asistencia.",
    )
    assert "reading-level" in hard.text


def test_saving_writes_only_that_entry_and_keeps_the_files_formatting(client, root):
    page = _translate_page(client)
    path = catalog(root, "es")
    before = path.read_text(encoding="utf-8")
    response = _save(client, page, "help", "Puede recibir ayuda.")
    assert response.status_code == 200
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ['-msgstr "Usted puede recibir ayuda."', '+msgstr "Puede recibir ayuda."']
    # The page learns the file's new hash (out of band), so the next save is not a conflict.
    from campaigngen.catalogs.po import file_sha256

    assert f'value="{file_sha256(path.read_bytes())}" hx-swap-oob="true"' in response.text
    again = _save(client, page, "free", "La llamada es gratis.", sha=file_sha256(path.read_bytes()))
    assert again.status_code == 200


def test_needs_review_is_gettexts_fuzzy_flag(client, root):
    from campaigngen.catalogs.po import entries_by_id, read_catalog

    page = _translate_page(client)
    assert _save(client, page, "help", "Puede recibir ayuda.", needs_review=True).status_code == 200
    entry = entries_by_id(read_catalog(catalog(root, "es")))["help"]
    assert "fuzzy" in entry.flags and entry.string == "Puede recibir ayuda."
    page = _translate_page(client)
    assert "DRAFT" in text_of(page) and "needs review" in page
    assert _save(client, page, "help", "Puede recibir ayuda.").status_code == 200
    assert "fuzzy" not in entries_by_id(read_catalog(catalog(root, "es")))["help"].flags


def test_a_save_after_an_edit_elsewhere_is_a_conflict_showing_both_versions(client, root):
    page = _translate_page(client)
    path = catalog(root, "es")
    # Poedit (or `campaigngen extract`) saves the file while the page is open.
    elsewhere = path.read_text(encoding="utf-8").replace(
        'msgstr "Usted puede recibir ayuda."', 'msgstr "Usted puede pedir ayuda."'
    )
    path.write_text(elsewhere, encoding="utf-8")
    response = _save(client, page, "help", "Puede recibir ayuda.")
    assert response.status_code == 409
    text = text_of(response.text)
    assert "This line was changed outside this page" in text and "Nothing was saved" in text
    assert "Yours Puede recibir ayuda." in text and "In the file now Usted puede pedir ayuda." in text
    assert path.read_text(encoding="utf-8") == elsewhere  # never overwritten silently
    # Choosing to overwrite is explicit, and names the version it overwrites.
    current = re.search(r'name="force_sha256" value="([0-9a-f]{64})"', response.text).group(1)
    forced = client.post(
        f"/c/{CAMPAIGN}/translate/es/save/help",
        data={"text": "Puede recibir ayuda.", "force_sha256": current},
        headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
    )
    assert forced.status_code == 204 and forced.headers["HX-Refresh"] == "true"
    assert 'msgstr "Puede recibir ayuda."' in path.read_text(encoding="utf-8")


def _line_hash(page_html: str, message_id: str) -> str:
    row = page_html[page_html.index(f'id="row-{message_id}"') :]
    return re.search(r'name="line_sha256" value="([0-9a-f]{64})"', row).group(1)


def _save_from(client, page, message_id, text):
    """Save as the row's form sends it: the page's catalog hash and the row's line hash."""
    return _save(client, page, message_id, text, line_sha256=_line_hash(page, message_id))


def test_two_tabs_saving_different_lines_of_one_catalog_both_save(client, root):
    from campaigngen.catalogs.po import entries_by_id, read_catalog

    first, second = _translate_page(client), _translate_page(client)  # two tabs, or two people
    assert _save_from(client, first, "help", "Puede recibir ayuda.").status_code == 200
    assert _save_from(client, second, "free", "La llamada es gratis.").status_code == 200
    entries = entries_by_id(read_catalog(catalog(root, "es")))
    assert entries["help"].string == "Puede recibir ayuda." and entries["free"].string == "La llamada es gratis."
    # The second tab's first page is older than both saves, and another of its lines still saves.
    assert _save_from(client, second, "name", "No tiene que decir su nombre.").status_code == 200
    assert entries_by_id(read_catalog(catalog(root, "es")))["help"].string == "Puede recibir ayuda."


def test_two_tabs_saving_the_same_line_get_the_conflict_view(client, root):
    first, second = _translate_page(client), _translate_page(client)
    assert _save_from(client, first, "help", "Puede recibir ayuda.").status_code == 200
    response = _save_from(client, second, "help", "Usted puede pedir ayuda.")
    assert response.status_code == 409
    text = text_of(response.text)
    assert "Yours Usted puede pedir ayuda." in text and "In the file now Puede recibir ayuda." in text
    assert 'msgstr "Puede recibir ayuda."' in catalog(root, "es").read_text(encoding="utf-8")


def test_a_line_edited_in_poedit_meanwhile_keeps_that_edit_when_another_line_is_saved(client, root):
    page = _translate_page(client)
    path = catalog(root, "es")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'msgstr "Usted puede recibir ayuda."', 'msgstr "Usted puede pedir ayuda."'
        ),
        encoding="utf-8",
    )
    assert _save_from(client, page, "free", "La llamada es gratis.").status_code == 200
    after = path.read_text(encoding="utf-8")
    assert 'msgstr "Usted puede pedir ayuda."' in after and 'msgstr "La llamada es gratis."' in after
    # Marking a line "needs review" elsewhere changes that line too: a save over it is a conflict.
    assert '#, max-length:60\nmsgctxt "name"' in after
    path.write_text(
        after.replace('#, max-length:60\nmsgctxt "name"', '#, fuzzy, max-length:60\nmsgctxt "name"'), encoding="utf-8"
    )
    assert _save_from(client, page, "name", "No tiene que decir su nombre.").status_code == 409


def test_translations_are_always_shown_as_text(client, root):
    page = _translate_page(client)
    assert _save(client, page, "help", HOSTILE).status_code == 200
    shown = (_translate_page(client), _save(client, page, "help", HOSTILE, sha="0" * 64).text)  # page, conflict
    for body in (*shown, _check(client, page, "help", HOSTILE).text):
        assert HOSTILE not in body and "<script>alert" not in body and 'onerror="alert' not in body
    for body in shown:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


# --------------------------------------------------------------------------- preview


def test_the_preview_is_redrawn_only_when_its_content_key_changes(client, root):
    from PIL import Image

    page = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    key = re.search(r'data-flyer-key="([0-9a-f]{64})"', page).group(1)
    spots = re.search(r"spots_have=([^\"&]*)", page).group(1)
    have = re.search(r"have=([0-9a-f]{64})", page).group(1)  # the flyer's key and its approvals'
    panel = f"/c/{CAMPAIGN}/preview/panel?lang=es&format=letter&have={have}&spots_have={spots}"
    assert client.get(panel).status_code == 204  # nothing changed: nothing to swap
    first = client.get(f"/c/{CAMPAIGN}/preview/flyer/es/letter.png?key={key}")
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert "immutable" in first.headers["cache-control"]
    image = Image.open(io.BytesIO(first.content))
    assert image.width == 850 and image.height == 1100  # 2550 x 3300 at 300 dpi, a third for the screen
    # A one-line edit in the catalog (as Poedit saves it) changes the key and the page.
    translate = _translate_page(client)
    assert _save(client, translate, "help", "Puede recibir ayuda hoy mismo.").status_code == 200
    changed = client.get(panel)
    assert changed.status_code == 200
    new_key = re.search(r'data-flyer-key="([0-9a-f]{64})"', changed.text).group(1)
    assert new_key != key
    second = client.get(f"/c/{CAMPAIGN}/preview/flyer/es/letter.png?key={new_key}")
    assert np.asarray(Image.open(io.BytesIO(second.content))).tobytes() != np.asarray(image).tobytes()


def test_a_draft_is_previewed_with_its_draft_stamp(client, root):
    from campaign_kit import set_translation
    from PIL import Image

    set_translation(root, "es", "help", "Puede recibir ayuda.", fuzzy=True)
    page = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    assert "DRAFT" in text_of(page) and "help" in text_of(page)
    key = re.search(r'data-flyer-key="([0-9a-f]{64})"', page).group(1)
    image = Image.open(io.BytesIO(client.get(f"/c/{CAMPAIGN}/preview/flyer/es/letter.png?key={key}").content))
    red = np.asarray(image.convert("RGB")).astype(int)
    stamp = (red[..., 0] - red[..., 1] > 40) & (red[..., 0] - red[..., 2] > 40)  # the translucent red stamp
    assert stamp.mean() > 0.01  # the red DRAFT stamp across the page, as it prints


# --------------------------------------------------------------------------- check, waivers


def test_a_waiver_needs_a_name_and_a_reason_and_lands_in_campaign_toml(client, root):
    from campaign_kit import set_translation

    from campaigngen.sources.campaign import load_campaign

    set_translation(root, "es", "help", "Usted puede recibir asistencia integral de profesionales hoy.")
    report = client.get(f"/c/{CAMPAIGN}/check/report")
    assert "max-length" in report.text and "Not publishable yet" in text_of(report.text)
    fields = {
        "sha256": config_hash_of(report.text),
        "check": "max-length",
        "language": "es",
        "message": "help",
        "target": "",
    }
    headers = {"X-CSRF-Token": csrf_of(client.get(f"/c/{CAMPAIGN}/check").text), "HX-Request": "true"}
    before = config_path(root).read_bytes()
    refused = client.post(
        f"/c/{CAMPAIGN}/waivers", data={**fields, "by": "Coordinator", "reason": "  "}, headers=headers
    )
    assert refused.status_code == 422 and "write a reason" in text_of(refused.text)
    assert config_path(root).read_bytes() == before
    saved = client.post(
        f"/c/{CAMPAIGN}/waivers",
        data={**fields, "by": "Print coordinator", "reason": "Checked the proof by hand"},
        headers=headers,
    )
    assert saved.status_code == 200 and "WAIVED" in saved.text and "Print coordinator" in saved.text
    campaign = load_campaign(root / "content" / CAMPAIGN)
    (waiver,) = campaign.waivers
    assert (waiver.check, waiver.language, waiver.message, waiver.by) == (
        "max-length",
        "es",
        "help",
        "Print coordinator",
    )
    assert "# Short, plain messages" in config_path(root).read_text(encoding="utf-8")
    # Bound to the text the coordinator saw: a longer one typed later is not covered.
    assert waiver.accepted_sha256 is not None
    set_translation(root, "es", "help", "Usted puede recibir asistencia integral de profesionales, hoy mismo.")
    again = client.get(f"/c/{CAMPAIGN}/check/report")
    assert "accepted an earlier text" in again.text and "Not publishable yet" in text_of(again.text)


def test_a_check_that_can_never_be_waived_offers_no_waiver(client, root):
    from campaign_kit import set_translation

    set_translation(root, "es", "help", "Puede recibir ayuda.", fuzzy=True)
    report = client.get(f"/c/{CAMPAIGN}/check/report").text
    item = report[report.index('<span class="check">fuzzy</span>') :]
    item = item[: item.index("</li>")]
    assert "Must be fixed" in item and "waivers" not in item


# --------------------------------------------------------------------------- uploads


def _wav(seconds: float = 1.0, silent: bool = False) -> bytes:
    import soundfile

    t = np.arange(int(48000 * seconds)) / 48000
    samples = np.zeros_like(t) if silent else 0.3 * np.sin(2 * np.pi * 220 * t)
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, 48000, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def _upload(client, tag, data, name="spot.wav"):
    page = client.get(f"/c/{CAMPAIGN}/settings").text
    return client.post(
        f"/c/{CAMPAIGN}/upload/recording/{tag}",
        data={"csrf_token": csrf_of(page)},
        files={"file": (name, data, "audio/wav")},
    )


def test_a_recording_is_stored_by_its_content_and_named_by_the_language(client, root):
    from campaigngen.sources.campaign import load_campaign

    response = _upload(client, "es", _wav(), name="../../etc/passwd.wav")
    assert response.status_code == 303, text_of(response.text)
    stored = root / "content" / CAMPAIGN / "recordings" / "es.wav"
    assert stored.read_bytes() == _wav()
    assert load_campaign(root / "content" / CAMPAIGN).radio.recording_for("es").path == stored
    assert 'es = "recordings/es.wav"' in config_path(root).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data, words",
    [
        (b"RIFF\x00\x00\x00\x00WAVEnot really audio" * 10, "not a WAV, FLAC or MP3"),
        (b"<?php system($_GET['c']); ?>", "not a WAV, FLAC or MP3"),
        (None, "silent or shorter than 0.4 s"),
    ],
)
def test_an_upload_that_is_not_a_usable_recording_is_refused(client, root, data, words):
    before = config_path(root).read_bytes()
    response = _upload(client, "es", data if data is not None else _wav(silent=True))
    assert response.status_code == 422 and words in text_of(response.text)
    assert config_path(root).read_bytes() == before
    assert not (root / "content" / CAMPAIGN / "recordings").exists()


@pytest.mark.slow
def test_uploads_are_judged_by_content_and_size():
    from PIL import Image

    from campaigngen.studio.uploads import IMAGE, RECORDING, UploadRefused, validate

    def png(size=(40, 20), mode="RGB") -> bytes:
        buffer = io.BytesIO()
        Image.new(mode, size, "navy" if mode == "RGB" else 0).save(buffer, "PNG")
        return buffer.getvalue()

    assert validate(IMAGE, png()) == "png"
    assert validate(RECORDING, _wav()) == "wav"
    for data, words in [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
        (png()[:60], "not a PNG or JPEG"),
        # Judged by the size its header gives: one bit a pixel encodes in 0.1 s what RGB took 3 s for.
        (png((9000, 9000), mode="1"), "scale it down"),
        (b"", "empty"),
        (b"\x89PNG" + b"\0" * (IMAGE.max_bytes + 1), "more than the 10 MB"),
    ]:
        with pytest.raises(UploadRefused, match=words):
            validate(IMAGE, data)


# --------------------------------------------------------------------------- guards


def _post_routes():
    from starlette.routing import Route

    from campaigngen.studio.routes import routes

    return [r for r in routes() if isinstance(r, Route) and "POST" in (r.methods or ())]


def test_every_post_route_is_csrf_checked():
    posts = _post_routes()
    assert len(posts) >= 8
    assert all(getattr(r.endpoint, "csrf_checked", False) for r in posts), [r.path for r in posts]


@pytest.mark.parametrize(
    "path",
    [
        "/new",
        f"/c/{CAMPAIGN}/settings",
        f"/c/{CAMPAIGN}/translate/es/save/help",
        f"/c/{CAMPAIGN}/waivers",
        f"/c/{CAMPAIGN}/publish",
        f"/c/{CAMPAIGN}/upload/recording/es",
    ],
)
def test_a_post_without_this_sessions_token_is_refused(client, root, path):
    page = client.get("/").text
    before = config_path(root).read_bytes(), catalog(root, "es").read_bytes()
    assert client.post(path, data={"text": "x", "name": "x"}).status_code == 403
    assert client.post(path, data={"csrf_token": "0" * 64}).status_code == 403
    assert (
        client.post(path, data={"csrf_token": csrf_of(page)}, headers={"Origin": "http://evil.example"}).status_code
        == 403
    )
    # A token is only good with the session cookie it was made for.
    from starlette.testclient import TestClient

    other = TestClient(client.app, base_url=BASE, follow_redirects=False)
    assert other.post(path, data={"csrf_token": csrf_of(page)}).status_code == 403
    assert (config_path(root).read_bytes(), catalog(root, "es").read_bytes()) == before


def test_on_loopback_a_foreign_host_name_is_refused(root):
    # DNS rebinding: a page on evil.example re-points its name at 127.0.0.1.
    with studio_client(root, base_url="http://evil.example:8765") as client:
        assert client.get("/").status_code == 421
    with studio_client(root, base_url="http://localhost:8765") as client:
        assert client.get("/").status_code == 200


def test_beyond_loopback_every_request_needs_the_token(root):
    token = "s3cret-token-for-the-test"
    with studio_client(root, token=token, base_url="http://192.0.2.10:8765") as client:
        for path in (
            "/",
            f"/c/{CAMPAIGN}/settings",
            "/static/studio.css",
            f"/c/{CAMPAIGN}/preview/flyer/es/letter.png",
        ):
            assert client.get(path).status_code == 401, path
        assert client.get("/?token=wrong").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        entered = client.get("/?token=" + token)  # the address printed at start
        assert entered.status_code == 303 and entered.headers["location"] == "/"
        assert "studio_token=" in entered.headers["set-cookie"] and "HttpOnly" in entered.headers["set-cookie"]
        # The cookie carries it from now on; on a network everyone signs in, so the first
        # page is the one that makes the coordinator's account.
        assert client.get("/").headers["location"] == "/setup"
        assert client.get("/setup").status_code == 200
    with studio_client(root, token=token, base_url="http://192.0.2.10:8765") as client:
        assert client.get("/setup", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/c/..%2F..%2Fetc/settings",
        "/c/..%2Fcontent/settings",
        "/c/nope/settings",
        "/c/%2Fetc/translate",
        f"/c/{CAMPAIGN}/translate/..%2F..%2Fetc",
        f"/c/{CAMPAIGN}/translate/de",
        f"/c/{CAMPAIGN}/translate/en",
        f"/c/{CAMPAIGN}/preview/flyer/es/..%2F..%2Fx.png",
        f"/c/{CAMPAIGN}/preview/flyer/es/tabloid.png",
        f"/c/{CAMPAIGN}/preview/audio/..%2F..%2F..%2Fetc/spot.mp3",
        f"/c/{CAMPAIGN}/preview/audio/{'a' * 64}/facts.json",
        f"/c/{CAMPAIGN}/releases/latest/..%2F..%2F..%2Fcontent/{CAMPAIGN}/campaign.toml",
        f"/c/{CAMPAIGN}/releases/..%2F..%2Fcontent/campaign.toml",
        f"/c/{CAMPAIGN}/releases/1/%2Fetc%2Fpasswd",
    ],
)
def test_no_address_reaches_outside_the_project(client, path):
    assert client.get(path).status_code == 404


def test_a_link_out_of_the_project_is_not_a_campaign(client, root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "campaign.toml").write_bytes(SAMPLE_CONFIG.read_bytes())
    (root / "content" / "linked").symlink_to(outside, target_is_directory=True)
    assert client.get("/c/linked/settings").status_code == 404
    assert "linked" not in text_of(client.get("/").text)


def test_bodies_are_capped(client, monkeypatch):
    from campaigngen.studio import security

    page = client.get("/").text
    big = client.post(
        f"/c/{CAMPAIGN}/translate/es/check/help",
        data={"text": "a" * (security.FORM_LIMIT + 10)},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert big.status_code == 413
    monkeypatch.setattr(security, "UPLOAD_LIMIT", 100_000)
    upload = client.post(
        f"/c/{CAMPAIGN}/upload/recording/es",
        data={"csrf_token": csrf_of(page)},
        files={"file": ("a.wav", b"\0" * 200_000, "audio/wav")},
    )
    assert upload.status_code == 413


def test_pages_forbid_scripts_from_elsewhere_and_framing(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers["set-cookie"]
    assert "studio_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


# --------------------------------------------------------------------------- the command


def test_the_command_binds_loopback_without_a_token_and_elsewhere_with_one(root, monkeypatch):
    from click.testing import CliRunner

    from campaigngen.cli import main
    from campaigngen.studio import server

    started = []

    class Stub:
        def __init__(self, app, tls=None):
            self.app = app
            self.tls = tls

        def run(self, sockets):
            started.append((sockets[0].getsockname(), self.app.state.guard.token))
            sockets[0].close()

    monkeypatch.setattr(server, "server", lambda app, sock, tls=None: Stub(app, tls))
    local = CliRunner().invoke(main, ["studio", "--project", str(root), "--port", "0"])
    assert local.exit_code == 0, local.output
    (host, port), token = started[-1]
    assert host == "127.0.0.1" and token is None
    assert f"open http://127.0.0.1:{port}/\n" in local.output and "token" not in local.output
    wide = CliRunner().invoke(main, ["studio", "--project", str(root), "--port", "0", "--host", "0.0.0.0"])
    assert wide.exit_code == 0, wide.output
    (host, port), token = started[-1]
    assert host == "0.0.0.0" and len(token) >= 32
    assert f"?token={token}" in wide.output and "0.0.0.0" not in wide.output  # addresses others can type


def test_help_stays_instant_without_the_web_stack():
    import subprocess
    import sys

    code = (
        "import sys; from campaigngen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('starlette', 'uvicorn', 'tomlkit', 'jinja2', 'multipart') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent.parent
    )
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
    assert "studio" in done.stdout


def test_editing_the_studio_keeps_every_cached_result(tmp_path, monkeypatch):
    from campaigngen.release import keys

    package = tmp_path / "campaigngen"
    (package / "studio").mkdir(parents=True)
    (package / "layout.py").write_text("A = 1\n")
    (package / "studio" / "routes.py").write_text("B = 1\n")
    monkeypatch.setattr(keys, "PACKAGE_DIR", package)
    keys.code_version.cache_clear()
    try:
        before = keys.code_version()
        (package / "studio" / "routes.py").write_text("B = 2\n")
        keys.code_version.cache_clear()
        assert keys.code_version() == before  # a page changed, no result did
        (package / "layout.py").write_text("A = 2\n")
        keys.code_version.cache_clear()
        assert keys.code_version() != before
    finally:
        keys.code_version.cache_clear()


def test_a_broken_catalog_is_named_with_its_line_not_a_server_error(client, root):
    path = catalog(root, "es")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'msgstr "Usted puede recibir ayuda."', 'msgstr "Usted puede recibir ayuda.'
        ),
        encoding="utf-8",
    )
    response = client.get(f"/c/{CAMPAIGN}/translate/es")
    assert response.status_code == 422
    text = text_of(response.text)
    assert "help-is-here.po:" in text and "PO syntax error" in text


@pytest.mark.parametrize("typed", ["¿Alguien le\x00 obliga?", "Llame\x1b[31m ya", "Un\x07 aviso"])
def test_a_control_character_typed_into_a_translation_is_refused_and_nothing_is_written(client, root, typed):
    """msgfmt ends a line at a NUL: the studio never writes what the reader would refuse, and
    says so without the project's place on disk."""
    page = _translate_page(client)
    before = catalog(root, "es").read_bytes()
    response = _save(client, page, "headline", typed)
    assert response.status_code == 422
    said = text_of(response.text)
    assert "control character" in said and "nothing was saved" in said
    assert str(root) not in said and str(root.resolve()) not in said
    assert catalog(root, "es").read_bytes() == before


def test_an_error_the_studio_shows_names_files_inside_the_project_only(client, root):
    page = _translate_page(client)
    catalog(root, "es").write_bytes(b'msgid "a"\nmsgstr "unterminated\n')  # broken under the page
    response = _save(client, page, "headline", "¿Alguien le obliga a trabajar?")
    said = text_of(response.text)
    assert "help-is-here.po" in said and str(root) not in said and str(root.resolve()) not in said
