"""Reading a flyer PDF back the way a print shop's tools do (pypdf, poppler)."""

from __future__ import annotations

from pathlib import Path


def boxes(pdf_path: Path) -> dict[str, list[float]]:
    import pypdf

    page = pypdf.PdfReader(str(pdf_path)).pages[0]
    return {
        "media": [float(v) for v in page.mediabox],
        "bleed": [float(v) for v in page.bleedbox],
        "trim": [float(v) for v in page.trimbox],
    }


def trim_size(pdf_path: Path, box: str = "trim") -> tuple[float, float]:
    left, bottom, right, top = boxes(pdf_path)[box]
    return right - left, top - bottom


def media_box(pdf_path: Path) -> tuple[float, float]:
    return trim_size(pdf_path, "media")
