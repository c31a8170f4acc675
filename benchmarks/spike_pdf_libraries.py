"""Spike: which PDF library draws our layout right, for every language of the sample campaign?

    .venv/bin/python benchmarks/spike_pdf_libraries.py [LANG ...]

For each language the headline and the call line (with the number) are set once by our
typesetter (ICU line breaking, runs by font coverage, bidi order) on a 4 x 3 in page, drawn
by Pillow as the reference PNG, and written as a PDF by each candidate:

- ours: glyph-level placement from the layout (pdf_writer.py: HarfBuzz glyphs via uharfbuzz,
  fontTools subsets, ToUnicode + ActualText) - the writer the flyers use;
- fpdf2: its own HarfBuzz shaping (set_text_shaping) of each run, placed at the run's start
  from our layout (its public API has no glyph-level drawing);
- reportlab: TTFont registration of every face the language needs;
- pycairo: whether a font can be loaded from a file and face index at all.

Measured: ms per page including font subsetting (CJK faces come from a 19 MB collection),
PDF size, whether pypdf's extract_text gives the number and the headline (white space
ignored), and the rendered page (PDFium, 300 dpi) against the PNG (fraction of pixels whose ink
differs beyond anti-aliasing, campaigngen.checks.pdf.ink_mismatch).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigngen.catalogs.load import localize  # noqa: E402
from campaigngen.checks.pdf import ink_mismatch, rasterise  # noqa: E402
from campaigngen.renderers.flyer.content import flyer_content  # noqa: E402
from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec, write_pdf  # noqa: E402
from campaigngen.renderers.flyer.plan import TextItem  # noqa: E402
from campaigngen.renderers.flyer.png_writer import render_png  # noqa: E402
from campaigngen.renderers.typesetting import Style, set_paragraph  # noqa: E402
from campaigngen.renderers.typesetting.draw import line_left  # noqa: E402
from campaigngen.renderers.typesetting.runs import without_bidi_controls  # noqa: E402
from campaigngen.renderers.typesetting.setting import measure_runs  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402
from campaigngen.sources.fonts import manifest  # noqa: E402

SIZE_PX = (1200, 900)  # 4 x 3 in at 300 dpi
PAGE_PT = (288.0, 216.0)


def layout(localized):
    content = flyer_content(localized)
    lang = localized.language
    head = set_paragraph(content.headline.text, lang, Style(90, True), 1080, content.headline.protected)
    call = set_paragraph(content.action[0].text, lang, Style(70, True), 1080, content.action[0].protected)
    items = (
        TextItem("headline", head, 60, 60, 1080, (0, 0, 0)),
        TextItem("call", call, 60, 90 + head.height, 1080, (0, 0, 0)),
    )
    return items, without_bidi_controls(content.headline.text), without_bidi_controls(content.phone.text)


def ours(items, path: Path, tag: str) -> None:
    write_pdf(path, items, PdfPageSpec(SIZE_PX, PAGE_PT, 0.0, tag, "spike"))


def fpdf2(items, path: Path, tag: str) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=PAGE_PT)
    pdf.add_page()
    loaded = set()
    s = 72 / 300
    for item in items:
        p = item.paragraph
        baseline = item.y + p.ascent
        for line in p.lines:
            pen = line_left(line, item.x, item.width, item.align, p.language.is_rtl)
            for run in line.runs:
                face = manifest().face(run.family, p.style.bold)
                key = f"{run.family}{'b' if p.style.bold else ''}"
                if key not in loaded:
                    pdf.add_font(key, "", str(face.path), collection_font_number=face.index)
                    loaded.add(key)
                pdf.set_font(key, size=p.style.size_px * s)
                pdf.set_text_shaping(True, direction="rtl" if run.rtl else "ltr", language=tag.split("-")[0])
                pdf.text(pen * s, baseline * s, without_bidi_controls(run.text))
                pen += measure_runs([run], p.style, tag).advance
            baseline += p.line_gap
    pdf.output(str(path))


def reportlab(items, path: Path, tag: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for item in items:
        for line in item.paragraph.lines:
            for run in line.runs:
                face = manifest().face(run.family, item.paragraph.style.bold)
                pdfmetrics.registerFont(TTFont(f"{run.family}-{face.index}", str(face.path), subfontIndex=face.index))
    raise NotImplementedError("fonts registered; drawing skipped (no glyph-level API, shapes on its own)")


def pycairo(items, path: Path, tag: str) -> None:
    import cairo

    if not any(hasattr(cairo, n) for n in ("FTFontFace", "font_face_from_file")):
        raise NotImplementedError(
            f"pycairo {cairo.version}: no FontFace from a file and face index "
            f"(toy fonts by fontconfig family name only)"
        )


CANDIDATES = {"ours": ours, "fpdf2": fpdf2, "reportlab": reportlab, "pycairo": pycairo}


def main() -> None:
    campaign = load_campaign(ROOT / "content" / "help-is-here")
    tags = sys.argv[1:] or [lang.tag for lang in campaign.all_languages]
    results: dict[str, list] = {name: [] for name in CANDIDATES}
    print(f"{'lang':8} {'library':9} {'ms':>6} {'KiB':>6} {'number':>6} {'headline':>8} {'mismatch':>9}  note")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for tag in tags:
            localized = localize(campaign, tag)
            items, headline, phone = layout(localized)
            png = out / f"{tag}.png"
            render_png(SIZE_PX, items).save(png)
            for name, write in CANDIDATES.items():
                path = out / f"{tag}-{name}.pdf"
                try:
                    times = []
                    for _ in range(3):
                        start = time.perf_counter()
                        write(items, path, tag)
                        times.append(time.perf_counter() - start)
                except Exception as exc:  # a candidate that cannot do the job is a result too
                    note = (
                        f"{type(exc).__name__}: {str(exc).splitlines()[0][:90]}"
                        if str(exc)
                        else traceback.format_exc(limit=1).splitlines()[-1]
                    )
                    print(f"{tag:8} {name:9} {'-':>6} {'-':>6} {'-':>6} {'-':>8} {'-':>9}  {note}")
                    results[name].append(None)
                    continue
                import pypdf

                text = pypdf.PdfReader(str(path)).pages[0].extract_text() or ""
                flat = "".join(text.split())
                has_phone = phone in flat
                has_headline = "".join(headline.split()) in flat
                boxes = {"mediabox": [0, 0, *PAGE_PT], "bleedbox": [0, 0, *PAGE_PT]}
                mismatch = ink_mismatch(rasterise(path, boxes), png)
                ms = statistics.median(times) * 1000
                results[name].append((ms, has_phone, has_headline, mismatch))
                print(
                    f"{tag:8} {name:9} {ms:6.0f} {path.stat().st_size / 1024:6.1f} {str(has_phone):>6} "
                    f"{str(has_headline):>8} {mismatch:9.5f}"
                )
    print("\nsummary (languages where the candidate ran)")
    for name, rows in results.items():
        ran = [r for r in rows if r]
        if not ran:
            print(f"  {name:9} did not run")
            continue
        print(
            f"  {name:9} ran {len(ran)}/{len(rows)}, median {statistics.median(r[0] for r in ran):.0f} ms, "
            f"number {sum(r[1] for r in ran)}/{len(ran)}, headline {sum(r[2] for r in ran)}/{len(ran)}, "
            f"worst mismatch {max(r[3] for r in ran):.4f}"
        )


if __name__ == "__main__":
    main()
