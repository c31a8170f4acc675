"""The campaign's own brand on its flyers: organization and hotline names, logos (PNG or
SVG, checked by content and for 300 dpi where printed), colours (held to 4.5:1 against the
text drawn on them) and the project's pictograms, drawn as vectors in the PDF."""

from __future__ import annotations

import json

import numpy as np
import pytest
from campaign_kit import add_waiver, sample_campaign, sample_config
from cli_kit import cli_runner
from PIL import Image

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.cli import main
from campaigngen.renderers.flyer import render_flyer
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.formats import FORMATS
from campaigngen.renderers.flyer.pages import plan_page
from campaigngen.renderers.flyer.plan import ImageItem, PictogramItem
from campaigngen.sources.campaign import load_campaign


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(result, check: str) -> list[dict]:
    return [f for f in json.loads(result.stdout)["findings"] if f["check"] == check]


def test_the_sample_shows_its_brand_and_the_logo_travels_in_the_snapshot(root):
    campaign = load_campaign(sample_campaign(root, languages=("es",)))
    brand = campaign.brand
    assert brand.organization == "Sample Outreach Network"
    assert brand.hotline_name == "National Human Trafficking Hotline"
    assert brand.logo.kind == "svg" and brand.logo.size == (240, 100)
    assert brand.pictograms == ("phone", "free", "24h", "confidential", "language")
    snapshot = take_snapshot(campaign)
    assert any(key.endswith("brand/logo.svg") for key in snapshot.inputs)
    localized = snapshot.edition("es")
    plan = plan_page(localized, flyer_content(localized), FORMATS["letter"])
    placed = plan.placed()
    row = [i for i in placed if isinstance(i, PictogramItem) and i.bg == brand.colours.band]  # not the panel's handset
    assert [i.kind for i in row] == list(brand.pictograms)
    assert any(isinstance(i, ImageItem) and i.kind == "logo" for i in placed)
    texts = {i.message_id for i in placed if hasattr(i, "message_id")}
    assert {"hotline-name", "organization"} <= texts
    wallet = plan_page(localized, flyer_content(localized), FORMATS["wallet"])
    assert not any(isinstance(i, ImageItem) for i in wallet.placed())  # the card leaves logos out


def test_every_brand_mistake_is_one_line_with_its_line_number(root):
    folder = sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    (folder / "brand" / "fake.png").write_text("not a picture", encoding="utf-8")
    (folder / "brand" / "linked.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        '<image xlink:href="https://example.org/x.png" width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    with sample_config(root) as config:
        brand = config["brand"]
        brand["logo"] = "brand/fake.png"
        brand["partner_logos"] = ["brand/linked.svg", "brand/none.png"]
        brand["logoo"] = "x"
        brand["colours"]["band"] = "navy"
        brand["pictograms"] = ["phone", "free", "24h", "confidential", "languages"]
    result = run("check", "help-is-here")
    assert result.exit_code == 2 and "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if "campaign.toml:" in line]
    text = "\n".join(lines)
    assert "brand.logo 'brand/fake.png': neither a PNG nor an SVG" in text
    assert "brand/linked.svg': links to 'https://example.org/x.png' outside the file" in text
    assert "brand/none.png': file not found" in text
    assert "unknown setting 'brand.logoo'" in text and "did you mean 'logo'" in text
    assert "brand.colours.band must be a colour" in text
    assert "unknown pictogram 'languages'" in text and "did you mean 'language'" in text
    assert len(lines) == 6 and all(":" in line.split("campaign.toml")[1][:5] for line in lines)


@pytest.mark.slow
def test_a_light_brand_colour_is_a_contrast_finding_that_a_waiver_can_accept(root):
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    with sample_config(root) as config:
        config["brand"]["colours"]["panel"] = "#7fd3e0"
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 1
    [finding] = findings(checked, "brand-contrast")
    assert finding["detail"]["colour"] == "#7fd3e0" and finding["detail"]["contrast"] < 4.5
    assert "brand.colours.panel" in finding["text"]
    assert run("build", "help-is-here").exit_code == 0  # check exit 1 never stops a build that can be made
    with sample_config(root) as config:
        add_waiver(
            config,
            "brand-contrast",
            by="Print coordinator",
            reason="The partner's colour, agreed for this run; the number is bold and large.",
        )
    assert run("check", "help-is-here").exit_code == 0


@pytest.mark.slow
def test_a_small_png_logo_is_a_resolution_finding_where_it_is_printed(root):
    folder = sample_campaign(root, languages=("es",), formats=("letter", "wallet"), spots=())
    Image.new("RGB", (240, 100), (200, 60, 40)).save(folder / "brand" / "small.png")
    Image.new("RGB", (1200, 500), (12, 84, 96)).save(folder / "brand" / "sharp.png")
    with sample_config(root) as config:
        config["brand"]["logo"] = "brand/small.png"
        config["brand"]["partner_logos"] = ["brand/sharp.png"]
    checked = run("check", "help-is-here", "--json")
    resolution = findings(checked, "logo-resolution")
    # 240 px across a logo printed 1.44 in wide on Letter: 167 dpi; the wallet card prints no logo.
    assert [(f["target"], f["detail"]["dpi"] < 300) for f in resolution] == [("letter", True)]
    assert "small.png" in resolution[0]["text"] and "at least 432 px wide" in resolution[0]["text"]
    assert checked.exit_code == 1
    built = run("build", "help-is-here")
    assert built.exit_code == 0
    page = np.asarray(Image.open(root / "output" / "help-is-here" / "es" / "flyer-letter.png").convert("RGB"))
    top_end = page[:300, 1500:]  # the logo stands at the end of the header
    assert (np.abs(top_end.astype(int) - (200, 60, 40)).sum(axis=2) < 10).sum() > 10000
    with sample_config(root) as config:
        add_waiver(
            config,
            "logo-resolution",
            target="letter",
            by="Print coordinator",
            reason="The only logo file the partner has.",
        )
    assert run("check", "help-is-here").exit_code == 0


def test_pictograms_and_an_svg_logo_are_drawn_by_both_writers(root, tmp_path):
    from campaigngen.renderers.flyer import check_pdf

    campaign = load_campaign(sample_campaign(root, languages=("ar",)))
    localized = take_snapshot(campaign).edition("ar")
    pdf, png = render_flyer(localized, "letter", tmp_path / "out")
    assert check_pdf(pdf, png.path)[0] == []  # the PDF page looks like the PNG
    import pypdf

    page = pypdf.PdfReader(str(pdf.path)).pages[0]
    content = page.get_contents().get_data()
    assert content.count(b" c ") >= 4 * 5  # every pictogram's disc is a Bezier circle, not a picture
    [logo] = list(page.images)  # the SVG logo, drawn at twice the printed resolution
    plan = plan_page(localized, flyer_content(localized), FORMATS["letter"])
    box = next(i for i in plan.placed() if isinstance(i, ImageItem))
    assert logo.image.width == round(box.width * 2)
    # Right to left, the pictogram row is mirrored as a whole: the handset comes first, at the right.
    row = [i for i in plan.placed() if isinstance(i, PictogramItem) and i.bg == campaign.brand.colours.band]
    assert row[0].kind == "phone" and row[0].x == max(i.x for i in row)
