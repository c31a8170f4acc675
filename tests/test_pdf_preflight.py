"""The suite's PDF preflight (conftest): every PDF campaigngen writes during a test is put
through `qpdf --check`, and a damaged PDF fails it."""

from __future__ import annotations

import json
import os

from pdf_helpers import qpdf_problems

from campaigngen.renderers.flyer.pdf_objects import PdfFile


def _one_page_pdf(path):
    pdf = PdfFile()
    pages = pdf.reserve()
    page = pdf.add(f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 72 72] >>")
    pdf.add(f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>", pages)
    catalog = pdf.add(f"<< /Type /Catalog /Pages {pages} 0 R >>")
    info = pdf.add("<< /Title (preflight) >>")
    pdf.write(path, catalog, info)
    return path


def test_every_pdf_written_is_checked_by_qpdf(tmp_path):
    written = _one_page_pdf(tmp_path / "page.pdf")
    log = os.environ["CAMPAIGNGEN_TEST_QPDF_LOG"]
    records = [json.loads(line) for line in open(log, encoding="utf-8")]
    assert {"path": os.path.realpath(written), "problems": None} in records


def test_qpdf_finds_a_damaged_pdf(tmp_path):
    pdf = _one_page_pdf(tmp_path / "page.pdf")
    assert qpdf_problems(pdf) is None
    data = pdf.read_bytes()
    cut = data.index(b"xref")
    pdf.write_bytes(data[:cut].replace(b"/Count 1", b"/Count 1 /Junk (", 1) + data[cut:])
    assert "qpdf --check" in (qpdf_problems(pdf) or "")
