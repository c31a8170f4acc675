"""The font manifest: every core language has fonts that exist and cover its script."""

from __future__ import annotations

import pytest

from campaigngen.checks.brand import contrast_ratio
from campaigngen.exceptions import BrokenFont, InputError, MissingDependency
from campaigngen.renderers.flyer.style import TEXT_PAIRS
from campaigngen.sources import fonts as fonts_module
from campaigngen.sources.fonts import FONTS_DIR, load_manifest, manifest
from campaigngen.sources.languages import CORE_LANGUAGES, parse_language
from campaigngen.sources.registry import registry


@pytest.mark.parametrize("tag", CORE_LANGUAGES)
def test_core_language_fonts_exist_and_cover_the_script(tag):
    language = parse_language(tag)
    chain = manifest().chain(language)
    assert chain[-1] == "latin"
    for family in chain:
        for bold in (False, True):
            assert manifest().face(family, bold).path.is_file()
    entry = registry()[tag]
    # Text in the script the language prints: its digit words, its own name, its full stop.
    sample = "".join(entry.digits) + language.native_name + entry.full_stop + "0123456789+-"
    assert all(manifest().covering_family(c, chain) for c in sample if not c.isspace())


def test_cjk_face_follows_the_language():
    faces = {
        tag: manifest().face(manifest().chain(parse_language(tag))[0]).index for tag in ("zh-Hans", "zh-Hant", "ko")
    }
    assert faces == {"zh-Hans": 2, "zh-Hant": 3, "ko": 1}


def test_committed_fonts_carry_their_licence():
    assert (FONTS_DIR / "OFL.txt").read_text().count("SIL Open Font License") >= 1
    committed = [p for p in FONTS_DIR.glob("*.ttf")]
    assert committed and all(p.stat().st_size < 1_000_000 for p in committed)


def test_missing_font_file_says_what_to_install(tmp_path):
    (tmp_path / "fonts.toml").write_text(
        '[families.latin]\nregular = "Gone-Regular.ttf"\nbold = "Gone-Bold.ttf"\n[scripts]\nLatn = ["latin"]\n'
    )
    fonts = load_manifest(tmp_path / "fonts.toml")
    with pytest.raises(MissingDependency) as caught:
        fonts.face("latin")
    message = caught.value.format_message()
    assert "Gone-Regular.ttf" in message and "apt-get install fonts-noto-core fonts-noto-cjk" in message


def test_manifest_naming_an_unknown_family_is_an_input_error(tmp_path):
    (tmp_path / "fonts.toml").write_text(
        '[families.latin]\nregular = "a.ttf"\nbold = "b.ttf"\n[scripts]\nThai = ["thai", "latin"]\n'
    )
    with pytest.raises(InputError, match="thai"):
        load_manifest(tmp_path / "fonts.toml")


def test_missing_raqm_is_a_clear_error(monkeypatch):
    from PIL import features

    from campaigngen.renderers.flyer import ensure_text_engine

    real = features.check
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else real(name))
    with pytest.raises(MissingDependency, match="apt-get install libfribidi0"):
        ensure_text_engine()


@pytest.mark.parametrize("fg,bg", TEXT_PAIRS)
def test_text_colours_pass_wcag_aa(fg, bg):
    assert contrast_ratio(fg, bg) >= 4.5


def _faces() -> list[tuple[str, int]]:
    return sorted(
        {(str(face.path), face.index) for weights in manifest().families.values() for face in weights.values()}
    )


@pytest.mark.parametrize(("path", "index"), _faces())
def test_coverage_is_the_cmap_fonttools_reads(path, index):
    """Coverage is read by HarfBuzz: for every face fonts.toml and the system Noto name, the
    same code points as fontTools' best cmap (the reading it replaced)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        expected = frozenset(font.getBestCmap() or {})
    finally:
        font.close()
    assert expected
    assert fonts_module._cmap.__wrapped__(path, index) == expected


def test_a_damaged_font_file_is_a_broken_font(tmp_path):
    damaged = tmp_path / "Damaged-Regular.ttf"
    damaged.write_bytes(b"not a font at all " * 100)
    with pytest.raises(BrokenFont, match="Damaged-Regular.ttf"):
        fonts_module._cmap.__wrapped__(str(damaged), 0)


def test_a_chain_is_kept_by_tag_and_script():
    """chain() is kept per manifest by (tag, script): the same tag in another script is
    another chain (a project may print Serbian in Latin and in Cyrillic letters)."""
    from dataclasses import replace

    fonts = load_manifest(manifest().path)
    arabic = parse_language("ar")
    assert fonts.chain(arabic) == fonts.chain(arabic) == ("arabic", "latin")
    assert fonts.chain(replace(arabic, script="Latn")) == ("latin",)
    assert fonts.chain(replace(arabic, script="Thai")) == ("thai", "latin")
    assert fonts.chain(replace(arabic, tag="ur")) == ("nastaliq", "arabic", "latin")
