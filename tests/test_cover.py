"""The generated cover: a small valid image, deterministic, and no text outside the margins for any title."""

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from converter.writers.cover import (
    AUTHOR_FONT,
    FIELD,
    FONTS_DIR,
    TITLE_FONT,
    CoverTextTooLong,
    layout_cover,
    make_cover,
    render_cover,
)

TITLE, AUTHOR = "I Was Stalin’s Agent", "W. G. Krivitsky"
LONG_TITLE = (
    "Memoirs of a Revolutionist, Being an Account of Thirty Years Spent in Exile, in Prison and in "
    "Underground Work in Twelve Countries of Europe and Asia, With Notes, Appendices, a Chronology "
    "and an Index of Persons Compiled by the Translator from the Original Manuscripts"
)
NON_ASCII = "Ça m’est égal — “Notes” from the Underground… Ærø, Łódź, Dvořák"


def open_cover(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def ink_box(layout):
    """Where the rendered image differs from the plain field, inside the frame's inner hairline."""
    image = render_cover(layout)
    left, top, right, bottom = layout.rules[-1]
    pad = layout.rule_width[-1] + 2
    inner = (int(left) + pad, int(top) + pad, int(right) - pad, int(bottom) - pad)
    region = image.crop(inner)
    box = ImageChops.difference(region, Image.new("RGB", region.size, FIELD)).getbbox()
    return box[0] + inner[0], box[1] + inner[1], box[2] + inner[0], box[3] + inner[1]


def assert_inside(box, margins):
    assert margins[0] <= box[0] and box[2] <= margins[2], (box, margins)
    assert margins[1] <= box[1] and box[3] <= margins[3], (box, margins)


def test_cover_is_a_small_jpeg_of_print_size():
    data = make_cover(TITLE, AUTHOR)
    image = open_cover(data)
    assert image.format == "JPEG"
    assert image.width >= 1400
    assert image.size == (1600, 2400)
    assert len(data) < 1024 * 1024


def test_same_input_gives_identical_bytes():
    assert make_cover(TITLE, AUTHOR) == make_cover(TITLE, AUTHOR)


def test_title_and_author_are_set_whole_and_in_order():
    lines = layout_cover(TITLE, AUTHOR).lines
    title_lines = [line.text for line in lines if line.font == TITLE_FONT]
    author_lines = [line.text for line in lines if line.font == AUTHOR_FONT]
    assert " ".join(title_lines) == TITLE
    assert " ".join(author_lines) == AUTHOR
    assert max(line.size for line in lines if line.font == AUTHOR_FONT) < lines[0].size


def test_short_title_is_balanced_over_lines():
    lines = [line for line in layout_cover(TITLE, AUTHOR).lines if line.font == TITLE_FONT]
    widths = [line.box[2] - line.box[0] for line in lines]
    if len(widths) > 1:
        assert min(widths) > 0.35 * max(widths)


@pytest.mark.parametrize("size", [(1600, 2400), (1400, 2100), (1600, 1600), (2400, 1200)])
@pytest.mark.parametrize("title", [TITLE, LONG_TITLE, "Dzhugashviliiiiiiiiiiiiiiiiiiiiii", NON_ASCII])
def test_text_stays_inside_the_margins(title, size):
    layout = layout_cover(title, AUTHOR, *size)
    for line in layout.lines:
        assert_inside(line.box, layout.margins)


@pytest.mark.parametrize("title", [TITLE, LONG_TITLE, NON_ASCII])
def test_rendered_ink_stays_inside_the_margins(title):
    # Checks the pixels, not the layout's own bookkeeping: antialiasing, accents, italic overhang.
    layout = layout_cover(title, "Peter Alexeivitch Kropotkin, with a Long List of Translators")
    assert_inside(ink_box(layout), layout.margins)


def test_long_title_shrinks():
    short = layout_cover(TITLE, AUTHOR).lines[0].size
    long = layout_cover(LONG_TITLE, AUTHOR).lines[0].size
    assert long < short


def test_title_too_long_for_any_size_is_refused():
    with pytest.raises(CoverTextTooLong):
        layout_cover("x" * 5000, AUTHOR)


def test_non_ascii_title_renders_with_bundled_glyphs():
    image = open_cover(make_cover(NON_ASCII, "Antonín Dvořák"))
    assert image.width >= 1400
    # Every character must come from the bundled face: a missing one would draw as an empty box.
    for name, text in ((TITLE_FONT, NON_ASCII), (AUTHOR_FONT, "Antonín Dvořák")):
        cmap = TTFont(FONTS_DIR / name).getBestCmap()
        assert [ch for ch in text if ord(ch) not in cmap] == []


def test_bundled_faces_are_static_with_small_caps():
    for style in ("Regular", "Italic", "Bold", "BoldItalic"):
        font = TTFont(FONTS_DIR / f"EBGaramond-{style}.ttf")
        assert "fvar" not in font
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert "smcp" in features
