"""Every core language in every format: renders, QR decodes, no tofu, mirrored when RTL."""

from __future__ import annotations

import numpy as np
import pytest
from flyer_helpers import URL, RenderedOnce, draft_edition, edition, write_campaign
from pdf_helpers import media_box, trim_size
from PIL import Image

from campaigngen.checks.glyphs import glyph_findings
from campaigngen.checks.qr import decode_qr
from campaigngen.checks.written import page_grey
from campaigngen.exceptions import LayoutFitError, MissingGlyphsError
from campaigngen.renderers.flyer import FORMATS, fit_findings, render_flyer, render_multilingual_sheet
from campaigngen.sources.languages import CORE_LANGUAGES, parse_language

# One language per script (and every RTL language), rendered for real in every format.
SCRIPT_SAMPLES = ("es", "ru", "ar", "ur", "th", "my", "am", "hi", "zh-Hans", "zh-Hant", "ko")


def _fontless_language() -> str:
    """A language CLDR knows, outside the registry, whose script no font of the manifest draws."""
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    from campaigngen.sources.fonts import LATIN_DRAWN, manifest
    from campaigngen.sources.registry import facts

    likely = get_global("likely_subtags")
    for tag in sorted(locale_identifiers()):
        script = (likely.get(tag, "").split("_")[1:2] or [""])[0]
        if "_" not in tag and facts(tag) is None and script and script not in {*manifest().scripts, *LATIN_DRAWN}:
            return tag
    raise AssertionError("every script has a font")


FONTLESS = _fontless_language()


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return write_campaign(
        tmp_path_factory.mktemp("scripts"), languages=(*[t for t in CORE_LANGUAGES if t != "en"], FONTLESS)
    )


@pytest.fixture(scope="module")
def flyers(campaign, tmp_path_factory) -> RenderedOnce:
    """The module campaign's flyers, each rendered once for the tests that only read them."""
    return RenderedOnce(campaign, tmp_path_factory.mktemp("flyers"))


@pytest.mark.parametrize("tag", CORE_LANGUAGES)
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_language_fits_every_format_without_tofu(campaign, tag, format_name):
    localized = edition(campaign, tag)
    assert glyph_findings(localized) == []
    assert fit_findings(localized, format_name) == []


@pytest.mark.slow
@pytest.mark.parametrize("tag", SCRIPT_SAMPLES)
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_script_renders_with_a_readable_qr(flyers, tag, format_name):
    artifacts = flyers(tag, format_name)
    png = next(a for a in artifacts if a.kind == "flyer-image").path
    assert decode_qr(png) == [URL]
    assert trim_size(artifacts[0].path, "bleed") == pytest.approx(FORMATS[format_name].page_pt, abs=0.01)
    assert artifacts[0].facts.min_type_pt >= FORMATS[format_name].min_pt
    assert artifacts[0].facts.qr_px >= 2 / 2.54 * 300  # at least 2 cm
    if format_name != "wallet":  # the wallet card prints to its bleed on purpose
        # Office printers cannot print to the edge: nothing is drawn in the outer frame.
        frame = int((0.25 if format_name == "tearoff" else 0.3) * 300)
        pixels = page_grey(png)  # the PNG's pixels, as its writer kept them: not inflated again
        inner = np.zeros(pixels.shape, dtype=bool)
        inner[frame:-frame, frame:-frame] = True
        assert (pixels[~inner] > 250).all(), "ink in the unprintable page margin"


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["ar", "fa", "ur", "ar-XB"])
def test_rtl_layout_is_mirrored(flyers, tag):
    ltr = page_grey(flyers("es", "letter")[1].path)
    rtl = page_grey(flyers(tag, "letter")[1].path)
    # The QR code sits at the bottom start corner: left for Spanish, right for RTL.
    bottom = slice(int(ltr.shape[0] * 0.8), ltr.shape[0])
    half = ltr.shape[1] // 2

    def dark(img, cols):
        return (img[bottom, cols] < 60).sum()

    assert dark(ltr, slice(0, half)) > dark(ltr, slice(half, None))
    assert dark(rtl, slice(half, None)) > dark(rtl, slice(0, half))


@pytest.mark.slow
def test_draft_has_a_visible_watermark_and_still_scans(campaign, tmp_path):
    final = render_flyer(edition(campaign, "vi"), "letter", tmp_path / "final")
    draft = render_flyer(draft_edition(campaign, "vi"), "letter", tmp_path / "draft")
    assert draft[0].facts.draft is True and final[0].facts.draft is False
    # int16 holds every difference and sum of three (at most 765) at a quarter of int64's bytes.
    a = np.asarray(Image.open(final[1].path).convert("RGB")).astype(np.int16)
    b = np.asarray(Image.open(draft[1].path).convert("RGB")).astype(np.int16)
    changed = (np.abs(a - b).sum(axis=2) > 30).mean()
    assert changed > 0.03  # a big stamp, not a speck
    reddish = (b[..., 0] - b[..., 2] > 40).mean()
    assert reddish > 0.02
    assert decode_qr(draft[1].path) == [URL]


@pytest.mark.slow
def test_text_too_long_raises_layout_fit_error(campaign, tmp_path):
    long_text = " ".join(["Someone is forcing you to work and you need help right now"] * 40)
    localized = edition(campaign, "es", {"free": long_text})
    with pytest.raises(LayoutFitError) as caught:
        render_flyer(localized, "letter", tmp_path)
    assert caught.value.format_name == "letter" and caught.value.language == "es"
    assert caught.value.message_id == "free"
    assert "letter [es] message 'free'" in caught.value.format_message()
    assert not (tmp_path / "flyer-letter.png").exists()
    findings = fit_findings(localized, "letter")
    assert [(f.check, f.language, f.message_id) for f in findings] == [("layout-fit", "es", "free")]


def test_unbreakable_word_too_wide_for_wallet(campaign):
    localized = edition(campaign, "en", {"headline": "Help" * 60})
    findings = fit_findings(localized, "wallet")
    assert findings and findings[0].message_id == "headline" and "wider" in findings[0].text


def test_missing_glyphs_are_reported_and_never_drawn(campaign, tmp_path):
    localized = edition(campaign, "es", {"help": "Ayuda \ue000 aquí"})
    findings = glyph_findings(localized)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.language, finding.message_id) == ("glyphs", "es", "help")
    assert "U+E000" in finding.text and "\ue000" in finding.text
    with pytest.raises(MissingGlyphsError) as caught:
        render_flyer(localized, "letter", tmp_path)
    assert caught.value.message_id == "help" and "U+E000" in str(caught.value)


def test_a_script_without_a_font_is_named(campaign):
    own_name = parse_language(FONTLESS).native_name  # written in its script
    fontless = edition(campaign, FONTLESS, {"help": own_name})
    findings = {f.message_id: f for f in glyph_findings(fontless)}
    first = next(ch for ch in own_name if ch.isalpha())
    assert "help" in findings and f"U+{ord(first):04X}" in findings["help"].text
    assert None in findings  # the language's own name cannot be drawn either


@pytest.mark.slow
def test_multilingual_sheet(campaign, tmp_path):
    editions = [edition(campaign, t) for t in ("en", "es", "ar", "zh-Hans")]
    artifacts = render_multilingual_sheet(editions, tmp_path)
    pdf, png = artifacts
    assert pdf.path.name == "flyer-multilingual-en-es-ar-zh-Hans.pdf"
    assert png.path.name == "flyer-multilingual-en-es-ar-zh-Hans.png"
    assert pdf.language == "en+es+ar+zh-Hans" and pdf.kind == "flyer" and png.kind == "flyer-image"
    assert decode_qr(png.path) == [URL]
    assert media_box(pdf.path) == pytest.approx((612.0, 792.0))
    assert pdf.facts.min_type_pt >= 16


def test_multilingual_sheet_takes_two_to_four(campaign, tmp_path):
    from campaigngen.exceptions import InputError

    with pytest.raises(InputError):
        render_multilingual_sheet([edition(campaign, "en")], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["en-XA", "ar-XB"])
def test_pseudo_locales_render(flyers, tag):
    artifacts = flyers(tag, "letter")
    assert decode_qr(artifacts[1].path) == [URL]
    assert artifacts[0].facts.draft is True  # pseudo-locales are never published


def test_a_draft_stamp_is_turned_once_per_page_size_and_draws_the_same():
    """The PNG writer keeps the turned stamp for the next page of the same size
    (png_writer.turned_stamp): it is the one a fresh turn gives, and a stamp of another
    colour or opacity is not taken for it. Stamps of other sizes and opacities are kept
    deflated: inflated again, they draw what a fresh turn draws."""
    from campaigngen.renderers.flyer import png_writer
    from campaigngen.renderers.flyer.plan import Watermark
    from campaigngen.renderers.flyer.style import DRAFT_RED

    size = (1275, 1650)  # half a Letter page: the same code, a quarter of the pixels
    other_size = (1240, 1754)  # half an A4 page
    stamp = Watermark("DRAFT", DRAFT_RED, 90)
    png_writer._stamps.clear()
    png_writer._packed.clear()
    fresh = np.asarray(png_writer.render_png(size, [stamp]))
    assert len(png_writer._stamps) == 1
    kept = np.asarray(png_writer.render_png(size, [stamp]))
    assert len(png_writer._stamps) == 1 and np.array_equal(fresh, kept)
    fainter = np.asarray(png_writer.render_png(size, [Watermark("DRAFT", DRAFT_RED, 60)]))
    assert not np.array_equal(fresh, fainter)
    other = np.asarray(png_writer.render_png(other_size, [stamp]))
    assert len(png_writer._stamps) == 1 and len(png_writer._packed) == 3
    assert np.array_equal(fresh, np.asarray(png_writer.render_png(size, [stamp])))  # inflated
    assert np.array_equal(fainter, np.asarray(png_writer.render_png(size, [Watermark("DRAFT", DRAFT_RED, 60)])))
    png_writer._stamps.clear()
    png_writer._packed.clear()
    assert np.array_equal(other, np.asarray(png_writer.render_png(other_size, [stamp])))  # turned afresh


def test_a_draft_stamp_is_kept_across_snapshots_and_turned_again_in_another_face(monkeypatch):
    """Every snapshot (a build, a check, a studio preview) reads fonts.toml again: the stamp
    turned under one reading is the next reading's, and a manifest that sets it in another
    face turns its own, in that face."""
    from dataclasses import replace

    from campaigngen.frozen import FrozenMap
    from campaigngen.renderers.flyer import png_writer
    from campaigngen.renderers.flyer.plan import Watermark
    from campaigngen.renderers.flyer.style import DRAFT_RED
    from campaigngen.sources import fonts
    from campaigngen.sources.fonts import LATIN, load_manifest

    size = (1275, 1650)
    stamp = Watermark("DRAFT", DRAFT_RED, 90)
    turns = []
    real_turned = png_writer._turned
    monkeypatch.setattr(png_writer, "_turned", lambda *args: turns.append(args) or real_turned(*args))
    png_writer._stamps.clear()
    png_writer._packed.clear()
    monkeypatch.setattr(fonts, "_active", load_manifest())
    first = np.asarray(png_writer.render_png(size, [stamp]))
    monkeypatch.setattr(fonts, "_active", load_manifest())  # the next snapshot's reading
    assert np.array_equal(first, np.asarray(png_writer.render_png(size, [stamp])))
    assert len(turns) == 1
    shipped = load_manifest()
    latin = shipped.families[LATIN]
    regular_as_bold = FrozenMap({**latin, "bold": replace(latin["regular"], weight="bold")})
    monkeypatch.setattr(
        fonts, "_active", replace(shipped, families=FrozenMap({**shipped.families, LATIN: regular_as_bold}))
    )
    lighter = np.asarray(png_writer.render_png(size, [stamp]))
    assert len(turns) == 2 and not np.array_equal(first, lighter)
    png_writer._stamps.clear()
    png_writer._packed.clear()
