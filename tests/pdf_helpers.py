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


def qpdf_problems(pdf_path: Path, verdicts: Path | None = None) -> str | None:
    """What `qpdf --check` finds wrong with a PDF (its structure, xref table, streams), as a
    print shop's preflight would; None when it passes clean (exit 0: no errors, no warnings).

    verdicts: a folder of qpdf's answers by the file's SHA-256, so the same bytes (the same
    flyer made again by another test) are checked once; the verdict depends on nothing else."""
    import hashlib
    import os
    import subprocess

    data = Path(pdf_path).read_bytes()
    kept = verdicts / hashlib.sha256(data).hexdigest() if verdicts else None
    if kept is not None and kept.exists():
        found = kept.read_text(encoding="utf-8")
    else:
        result = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True, timeout=120)
        found = "" if result.returncode == 0 else f"exited {result.returncode}:\n{result.stdout}{result.stderr}"
        if kept is not None:
            partial = kept.with_name(f"{kept.name}.{os.getpid()}")
            partial.write_text(found, encoding="utf-8")
            partial.replace(kept)
    return f"qpdf --check {pdf_path} {found}" if found else None
