"""Writing a page: 300-dpi PNG with its resolution recorded, and a PDF at the exact paper size."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from campaigngen.renderers.flyer.formats import DPI
from campaigngen.renderers.flyer.pdf import png_to_pdf


def write_page(page: Image.Image, stem: Path, page_pt: tuple[float, float]) -> tuple[Path, Path]:
    """Writes stem.png and stem.pdf; each through a temporary name, so no half file is left."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, pdf = stem.with_suffix(".png"), stem.with_suffix(".pdf")
    png_tmp, pdf_tmp = png.with_name(png.name + ".part"), pdf.with_name(pdf.name + ".part")
    page.convert("RGB").save(png_tmp, format="PNG", dpi=(DPI, DPI), compress_level=6)
    png_to_pdf(png_tmp, pdf_tmp, page_pt)
    os.replace(png_tmp, png)
    os.replace(pdf_tmp, pdf)
    return png, pdf
