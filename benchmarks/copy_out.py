"""Copy-out scores: the share of a flyer's words that PDFium and poppler's pdftotext give back
in reading order (issue 27), per language, the way tests/test_pdf_copy.py scores them.

    .venv/bin/python benchmarks/copy_out.py [--corpus] [LANG ...]

The sample campaign's letter flyer in each language (default: ar fa ur th my hi); with
--corpus, also every text of the reading-level corpus (tests/data/readability, plain and
hard) in ar, fa and ur as a flyer's body: the mean, the lowest, and how many came back whole.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from flyer_helpers import edition, write_campaign  # noqa: E402
from test_pdf_copy import SAMPLE, UNSPACED, _pdfium, _pdftotext, words_in_order  # noqa: E402

from campaigngen.catalogs.load import localize  # noqa: E402
from campaigngen.renderers.flyer import render_flyer  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402

READERS = (("pdftotext", _pdftotext), ("PDFium", _pdfium))


def sample(tags: list[str], out: Path) -> None:
    campaign = load_campaign(SAMPLE)
    lines = [campaign.flyer.headline, *campaign.flyer.body, *campaign.flyer.action[:1]]
    print("sample flyer (letter):")
    for tag in tags:
        localized = localize(campaign, tag)
        pdf = render_flyer(localized, "letter", out / tag)[0].path
        printed = "\n".join(localized.text(mid) for mid in lines).replace("{phone}", campaign.contact.phone)
        scores = "  ".join(
            f"{name} {words_in_order(printed, read(pdf), tag in UNSPACED):.3f}" for name, read in READERS
        )
        print(f"  {tag:4} {scores}")


def corpus(out: Path) -> None:
    print("reading-level corpus texts as a flyer's body:")
    for tag in ("ar", "fa", "ur"):
        data = tomllib.loads((ROOT / "tests" / "data" / "readability" / f"{tag}.toml").read_text("utf-8"))
        texts = [entry["text"] for kind in ("plain", "hard") for entry in data[kind] if "{" not in entry["text"]]
        campaign = write_campaign(out / tag, languages=(tag,))
        scores: dict[str, list[float]] = {name: [] for name, _ in READERS}
        for index, text in enumerate(texts):
            pdf = render_flyer(edition(campaign, tag, {"help": text}), "letter", out / tag / str(index))[0].path
            for name, read in READERS:
                scores[name].append(words_in_order(text, read(pdf), False))
        summary = "  ".join(
            f"{name} mean {sum(got) / len(got):.3f} lowest {min(got):.3f} whole {sum(s == 1 for s in got)}/{len(got)}"
            for name, got in scores.items()
        )
        print(f"  {tag:4} {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["ar", "fa", "ur", "th", "my", "hi"])
    parser.add_argument("--corpus", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sample(args.languages, Path(folder))
        if args.corpus:
            corpus(Path(folder))


if __name__ == "__main__":
    main()
