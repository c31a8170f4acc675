"""Flyers rendered for what their print PDF says: tests that read the PDF alone (its glyphs'
ink, its text as pdftotext copies it) do not draw and encode the page's 300-dpi PNG too.

render_flyer writes both from one display list, by two writers that share nothing after it
(renderers/flyer/output.py): the PNG is drawn by png_writer and deflated (0.1-0.3 s a page,
half of a Tabloid's render), the PDF by pdf_writer. With pdf_alone, the PNG writer draws a
blank pixel instead, so the PDF is the very file a build writes (qpdf still checks every one).
Tests that read the PNG, or build (the build reads each PDF back against its PNG), leave it
alone."""

from __future__ import annotations

import pytest


def pdf_alone(patch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    from campaigngen.renderers.flyer import output

    patch.setattr(output, "render_page_png", lambda size, items: Image.new("RGB", (1, 1), (255, 255, 255)))
