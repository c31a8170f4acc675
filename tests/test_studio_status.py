"""What the studio says of a line, a language and a preview is worked out from the findings of
the text as it stands: a failing check is never shown under a green badge or a ready banner, a
page that cannot be drawn says why in words, and a fixed line loses its FAIL at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from campaign_kit import sample_campaign
from hypothesis import given
from hypothesis import strategies as st
from studio_helpers import CAMPAIGN, catalog_hash_of, csrf_of, studio_client, text_of

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")

EXTRA_NUMBER = "Llame al {phone} o llame al 555-0100"
FIXED = "Llame al {phone}"


@pytest.fixture
def root(tmp_path) -> Path:
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


@pytest.fixture
def client(root):
    with studio_client(root) as client:
        yield client


def _page(client) -> str:
    response = client.get(f"/c/{CAMPAIGN}/translate/es")
    assert response.status_code == 200, response.text
    return response.text


def _save(client, page, message_id, text, sha=None):
    return client.post(
        f"/c/{CAMPAIGN}/translate/es/save/{message_id}",
        data={"text": text, "sha256": sha or catalog_hash_of(page)},
        headers={"X-CSRF-Token": csrf_of(page), "HX-Request": "true"},
    )


def _row(page_html: str, message_id: str) -> str:
    start = page_html.index(f'id="row-{message_id}"')
    return page_html[start : page_html.index("</section>", start)]


def _badge(row_html: str) -> tuple[str, str]:
    found = re.search(r'<span class="status (\w+)">([^<]*)</span>', row_html)
    return found.group(1), found.group(2)


def test_a_saved_line_with_an_added_number_is_never_shown_as_translated_or_ready(client):
    page = _page(client)
    saved = _save(client, page, "call", EXTRA_NUMBER)
    assert saved.status_code == 200
    for body in (saved.text, _page(client)):
        tone, label = _badge(_row(body, "call"))
        assert tone == "fail" and "fails" in label and label != "translated"
        banner = text_of(body[body.index('id="language-findings"') :])
        assert "Every line translated" not in banner and "Spanish is not ready" in banner
        assert "1 line fails a check" in banner


def test_a_fixed_line_loses_its_fail_at_once(client):
    page = _page(client)
    broken = _save(client, page, "call", EXTRA_NUMBER)
    fixed = _save(client, page, "call", FIXED, sha=re.search(r'value="([0-9a-f]{64})" hx-swap-oob', broken.text)[1])
    assert fixed.status_code == 200
    row = _row(fixed.text, "call")
    assert "FAIL" not in text_of(row) and _badge(row)[1] != "fails a check"
    assert "not ready" not in text_of(fixed.text[fixed.text.index('id="language-findings"') :])
    assert "FAIL" not in text_of(_row(_page(client), "call"))


def test_a_preview_that_cannot_be_drawn_says_why_in_words_not_a_broken_image(client):
    page = _page(client)
    assert _save(client, page, "call", EXTRA_NUMBER).status_code == 200
    preview = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    text = text_of(preview)
    assert 'id="flyer-image"' not in preview  # no image whose only explanation is a 404 body
    assert "This page cannot be drawn" in text and "phone number that is not the hotline's" in text
    assert "Ready to print" not in text


def test_a_preview_of_a_line_failing_a_check_is_not_ready_to_print(client, root):
    from campaign_kit import set_translation

    # Too long for its line: the page is still drawn (text shrinks), but the check fails.
    set_translation(root, "es", "hours", "Abierto las veinticuatro horas del día, todos los días del año, siempre.")
    preview = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    verdict = re.search(r'<p class="verdict (\w+)" id="preview-verdict">([^<]*)<', preview)
    assert verdict[1] == "fail" and "Not ready" in verdict[2]
    assert "Ready to print" not in text_of(preview)


def test_a_ready_preview_says_so(client):
    preview = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    assert 'id="flyer-image"' in preview
    assert "Ready to print" in text_of(preview) or "not yet approved" in text_of(preview)
    assert "Not ready" not in text_of(preview)


_FINDING = st.builds(
    lambda severity, waived, mid: __import__("campaigngen.checks.findings", fromlist=["Finding"]).Finding(
        "integrity", "es", mid, "t", severity=severity, waived_by="A" if waived else None, code="number.added"
    ),
    st.sampled_from(["error", "warning"]),
    st.booleans(),
    st.sampled_from(["call", None]),
)


@given(
    status=st.sampled_from(["translated", "fuzzy", "untranslated", "broken"]),
    findings=st.lists(_FINDING, max_size=4),
    awaiting=st.booleans(),
)
def test_a_badge_is_never_greener_than_its_findings(status, findings, awaiting):
    from campaigngen.studio.status import line_badge

    badge = line_badge(status, findings, awaiting)
    blocking = any(f.blocking for f in findings)
    assert (badge.tone == "fail") == (blocking or status == "broken")
    assert badge.tone != "ok" or (status == "translated" and not awaiting and not blocking)


@given(
    unfinished=st.integers(0, 3),
    failing_lines=st.integers(0, 3),
    failing_whole=st.integers(0, 2),
    awaiting=st.integers(0, 3),
)
def test_a_language_banner_is_ready_only_when_nothing_stands_in_the_way(
    unfinished, failing_lines, failing_whole, awaiting
):
    from campaigngen.studio.status import language_verdict

    verdict = language_verdict("Spanish", unfinished, failing_lines, failing_whole, awaiting)
    ready = not (unfinished or failing_lines or failing_whole or awaiting)
    assert (verdict.tone == "ok") == ready
    assert ("Every line translated and approved" in verdict.headline) == ready
    assert (verdict.tone == "fail") == bool(failing_lines or failing_whole)


def test_the_preview_caption_follows_an_approval_without_a_change_to_the_page(client, root):
    from campaigngen.catalogs.approvals import approvals_path
    from campaigngen.sources.campaign import load_campaign

    page = client.get(f"/c/{CAMPAIGN}/preview?lang=es&format=letter").text
    have = re.search(r"have=([0-9a-f]{64})", page)[1]
    spots = re.search(r"spots_have=([^\"&]*)", page)[1]
    poll = f"/c/{CAMPAIGN}/preview/panel?lang=es&format=letter&have={have}&spots_have={spots}"
    assert client.get(poll).status_code == 204
    campaign = load_campaign(root / "content" / CAMPAIGN)
    approvals_path(campaign, campaign.language("es")).unlink()  # the approvals withdrawn
    changed = client.get(poll)
    assert changed.status_code == 200  # the panel is drawn again, and asks for its caption
    verdict = re.search(r'hx-get="(/c/[^"]*/preview/verdict[^"]*)"', changed.text)[1].replace("&amp;", "&")
    caption = text_of(client.get(verdict).text)
    assert "not yet approved" in caption and "Ready to print" not in caption
