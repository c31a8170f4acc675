"""Ascent and descent are computed as FreeType computes them (renderers/typesetting/fonts.py),
not read from a Pillow font opened at each size: they must be what Pillow reads."""

from __future__ import annotations

import pytest
from PIL import ImageFont

from campaigngen.renderers.typesetting import fonts
from campaigngen.sources.fonts import manifest

# Every size up to 300 px (body text to a sheet's headline), then larger ones by steps.
SIZES = (*range(1, 301), *range(301, 1200, 23))


def _faces() -> list[tuple[str, int]]:
    return sorted(
        {(str(face.path), face.index) for weights in manifest().families.values() for face in weights.values()}
    )


@pytest.mark.parametrize(("path", "index"), _faces())
def test_metrics_are_pillows_at_every_size(path, index):
    vertical = fonts._vertical(path, index)
    assert vertical is not None, "every face the project names is computed, not opened per size"
    for size in SIZES:
        pillow = ImageFont.truetype(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM).getmetrics()
        assert fonts._scaled(vertical, size) == pillow, size


def test_a_face_freetype_measures_otherwise_is_read_from_pillow(monkeypatch):
    """A face whose computed metrics disagree with Pillow at a probe size is never computed."""
    path, index = _faces()[0]

    class OffByOne:
        def __init__(self, size):
            self.size = size

        def getmetrics(self):
            ascent, descent = ImageFont.truetype(path, size=self.size, index=index).getmetrics()
            return ascent + 1, descent

    monkeypatch.setattr(fonts, "_load", lambda p, i, size: OffByOne(size))
    fonts._vertical.cache_clear()
    fonts._metrics.cache_clear()
    try:
        assert fonts._vertical(path, index) is None
        expected = ImageFont.truetype(path, size=40, index=index).getmetrics()
        assert fonts._metrics(path, index, 40) == (expected[0] + 1, expected[1])
    finally:
        fonts._vertical.cache_clear()
        fonts._metrics.cache_clear()
