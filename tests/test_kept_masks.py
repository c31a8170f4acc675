"""Lines drawn again are drawn from kept masks (renderers/typesetting/fonts.KeptMasksFont):
a page drawn with the masks kept is the page drawn by Pillow's own fonts, pixel for pixel, in
every script of the sample and in text nobody here wrote, the first time and again; what
is kept stays under its cap; colour masks, which ImageDraw writes into, are never kept."""

from __future__ import annotations

import random

import numpy as np
import pytest
from flyer_helpers import edition, write_campaign
from PIL import Image, ImageDraw, ImageFont

from campaigngen.renderers.flyer import preview_image
from campaigngen.renderers.typesetting import fonts as typesetting_fonts
from campaigngen.renderers.typesetting.fonts import KeptMasksFont, pil_font
from campaigngen.sources.fonts import manifest

# Right-to-left and joined (ar, fa, ur), Indic conjuncts (hi), no spaces (th, my, zh), Ethiopic
# (am), and a tear-off page, whose tabs repeat the number.
PAGES = [("ar", "letter"), ("hi", "tearoff"), ("th", "wallet"), ("zh-Hans", "a4"), ("am", "letter"), ("my", "wallet")]


@pytest.fixture
def empty_masks(monkeypatch):
    monkeypatch.setattr(KeptMasksFont, "_kept", type(KeptMasksFont._kept)())
    monkeypatch.setattr(KeptMasksFont, "_kept_bytes", 0)
    typesetting_fonts._load.cache_clear()
    yield
    typesetting_fonts._load.cache_clear()


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("masks"), languages=tuple(tag for tag, _ in PAGES))


def _pillows_own_fonts(monkeypatch) -> None:
    """Pages drawn by Pillow's FreeTypeFont, as before masks were kept."""

    def plain(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM)

    monkeypatch.setattr(typesetting_fonts, "_load", plain)


@pytest.mark.parametrize(("tag", "format_name"), PAGES)
def test_a_page_drawn_from_kept_masks_is_the_page_pillow_draws(campaign, tag, format_name, empty_masks, monkeypatch):
    localized = edition(campaign, tag)
    first = preview_image(localized, format_name).tobytes()
    assert KeptMasksFont._kept, "the page's lines were kept"
    again = preview_image(localized, format_name).tobytes()
    with monkeypatch.context() as patch:
        _pillows_own_fonts(patch)
        pillows = preview_image(localized, format_name).tobytes()
    assert first == pillows, (tag, format_name)
    assert again == pillows, (tag, format_name)


# Words in scripts and languages nobody here wrote a flyer line for, at sub-pixel starts.
LINES = [
    ("latin", "Ẓụ̀rụ́ ọ̀nụ̀ ñ ŋ ǁ 0800 123 456"),
    ("arabic", "ئەگەر یارمەتیت پێویستە، پەیوەندی بکە ٠٧٥٠"),
    ("devanagari", "क्षत्रिय श्रृंखला द्वारा ह्रस्व"),
    ("bengali", "সাহায্যের জন্য কল করুন ১২৩"),
]


def test_lines_in_other_scripts_at_any_start_draw_as_pillow_draws_them(empty_masks):
    fonts = manifest()
    rng = random.Random(11)
    for family, text in LINES:
        kept = pil_font(fonts, family, 61)
        assert isinstance(kept, KeptMasksFont)
        plain = ImageFont.truetype(str(kept.path), size=61, index=kept.index, layout_engine=ImageFont.Layout.RAQM)
        for _ in range(6):
            at = (rng.uniform(5, 40), rng.uniform(60, 90))
            direction = "rtl" if family == "arabic" else "ltr"
            images = []
            for font in (kept, kept, plain):  # drawn, drawn from the kept mask, Pillow's own
                image = Image.new("RGB", (1400, 140), (255, 255, 255))
                ImageDraw.Draw(image).text(at, text, font=font, fill=(12, 84, 96), anchor="ls", direction=direction)
                images.append(np.asarray(image))
            assert np.array_equal(images[0], images[2]) and np.array_equal(images[1], images[2]), (family, at)
            assert images[0].min() < 128  # ink


def test_kept_masks_stay_under_their_cap_least_recent_out(empty_masks, monkeypatch):
    monkeypatch.setattr(typesetting_fonts, "MASKS_KEPT_BYTES", 200_000)
    font = pil_font(manifest(), "latin", 48)
    for number in range(200):
        font.getmask2(f"Call {number:04d} now", "L", anchor="ls")
        assert KeptMasksFont._kept_bytes <= 200_000
    assert any("Call 0199 now" in key for key in KeptMasksFont._kept)  # the latest
    assert not any("Call 0000 now" in key for key in KeptMasksFont._kept)  # the first, out
    assert KeptMasksFont._kept_bytes == sum(size for _, _, size in KeptMasksFont._kept.values())


def test_colour_masks_are_never_kept(empty_masks):
    font = pil_font(manifest(), "latin", 48)
    font.getmask2("Help", "RGBA", anchor="ls")
    assert not KeptMasksFont._kept
    font.getmask2("Help", "L", anchor="ls")
    assert len(KeptMasksFont._kept) == 1
