"""The fit's size search and the line widths it measures with.

fit() searches the ladder of sizes (1, SHRINK, SHRINK^2 ... down to the minimum) by halving
instead of walking down it: wherever a smaller size fits when a larger one does, it must land
on the very step the walk landed on, refined the same way, and give up where the walk gave up.
Line widths during filling are scaled from each run measured once in font units: the lines
set from them never reach past their box, and each width is the one the line's runs give
when measured at the size for real."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigngen.renderers.flyer.fitting import REFINE_STEPS, SHRINK, DoesNotFit, Misfit, fit, refine
from campaigngen.renderers.typesetting import Style, set_paragraph
from campaigngen.renderers.typesetting.runs import coverage_runs
from campaigngen.renderers.typesetting.setting import _line_width, measure_runs
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import parse_language

PROJECT = Path(__file__).resolve().parent.parent


def walked(try_layout, base_pt, main_role, min_pt):
    """The search fit() replaced, as it was: down the ladder one step at a time, then three
    halvings towards the step that failed. The reference the faster search must agree with."""
    floor = min_pt / base_pt[main_role]
    scale, failed = 1.0, None
    while True:
        try:
            result = try_layout(scale)
            break
        except DoesNotFit:
            failed = scale
            if scale <= floor:
                raise
        scale = max(floor, scale * SHRINK)
    if failed is None:
        return result, scale
    return refine(try_layout, result, scale, failed)  # unchanged by the search: shared


def layouts_up_to(largest: float, tried: list[float]):
    """A layout that fits at every scale up to `largest` (a smaller size always fits where a
    larger one does), recording each scale it is tried at."""

    def try_layout(scale: float) -> str:
        tried.append(scale)
        if scale > largest:
            raise DoesNotFit(Misfit("body", f"too tall at {scale!r}"))
        return f"plan at {scale!r}"

    return try_layout


@settings(max_examples=300)
@given(
    largest=st.floats(0.05, 1.5),
    base=st.floats(8.0, 90.0),
    min_pt=st.floats(5.0, 24.0),
)
def test_the_ladder_search_lands_where_walking_down_landed(largest, base, min_pt):
    base_pt = {"body": base, "headline": base * 1.8}
    searched_tries: list[float] = []
    walked_tries: list[float] = []
    try:
        expected = walked(layouts_up_to(largest, walked_tries), base_pt, "body", min_pt)
    except DoesNotFit as exc:
        with pytest.raises(DoesNotFit) as raised:
            fit(layouts_up_to(largest, searched_tries), base_pt, "body", min_pt)
        # The same refusal (the one the minimum size raised), after the minimum alone.
        assert str(raised.value) == str(exc)
        assert len(searched_tries) == 1
        return
    found = fit(layouts_up_to(largest, searched_tries), base_pt, "body", min_pt)
    assert found == expected
    assert found[1] <= largest  # what it hands back fits
    # The minimum, the full size, halvings of the steps between, the refinement: never one per step.
    ladder = [1.0]
    while ladder[-1] > min_pt / base:
        ladder.append(max(min_pt / base, ladder[-1] * SHRINK))
    assert len(searched_tries) <= 2 + math.ceil(math.log2(max(1, len(ladder) - 1))) + REFINE_STEPS


def test_a_long_ladder_takes_a_few_layouts_not_one_per_step():
    tried: list[float] = []
    plan, scale = fit(layouts_up_to(0.2, tried), {"body": 80.0}, "body", 8.0)  # 32 steps from 1 to 0.1
    assert scale <= 0.2 and plan == f"plan at {scale!r}"
    assert len(tried) <= 2 + 5 + REFINE_STEPS  # the minimum, full size, halvings of 31 steps, refinement
    tried.clear()
    with pytest.raises(DoesNotFit):
        fit(layouts_up_to(0.05, tried), {"body": 80.0}, "body", 8.0)
    assert tried == [0.1]  # the minimum refused: nothing larger is tried


def _catalog_texts() -> dict[str, list[str]]:
    """Every shipped translation of the sample (and its English source), without placeholders."""
    texts: dict[str, list[str]] = {}
    for path in sorted(PROJECT.glob("locales/*/LC_MESSAGES/help-is-here.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        tag = path.parts[-3].replace("_", "-")
        texts[tag] = [m.string for m in catalog if m.id and m.string and "{" not in m.string]
        texts.setdefault("en", [m.id for m in catalog if m.id and "{" not in m.id])
    return texts


@pytest.mark.parametrize("seed", [30, 31])
def test_set_lines_stay_in_their_box_and_measure_as_their_runs_do(seed):
    """Shipped translations in every script, joined at random, set at random sizes into random
    widths: no line is wider than its box unless the paragraph says it overflows, and the width
    the filling used for each line is the one its runs measure at that size for real."""
    rng = random.Random(seed)
    texts = _catalog_texts()
    assert len(texts) >= 30
    checked = 0
    for tag, strings in texts.items():
        language = parse_language(tag)
        chain = manifest().chain(language)
        for _ in range(12):
            text = " ".join(rng.sample(strings, k=min(len(strings), rng.randint(1, 3))))
            style = Style(rng.randint(20, 300), rng.random() < 0.5)
            width = rng.uniform(150, 2500)
            paragraph = set_paragraph(text, language, style, width)
            for line in paragraph.lines:
                assert paragraph.overflow or line.ink_width <= width, (tag, style, width, line.text)
                real = measure_runs(coverage_runs(line.text, manifest(), chain, language.is_rtl), style, tag)
                measured = max(real.advance, real.right) - min(0.0, real.left)
                assert _line_width(line.text, language, style, manifest(), chain) == measured, (tag, line.text)
                checked += 1
    assert checked > 500
