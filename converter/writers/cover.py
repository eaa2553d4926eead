"""A plain typographic book cover: title and author in EB Garamond on a dark field inside a thin rule.

Everything is measured from the page width, so any cover size keeps the same proportions. The layout is
computed apart from the drawing (`layout_cover`) so tests can check that no text leaves the margins.
"""

import functools
import io
import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The bundled files, never system fonts: a cover must look the same on every machine that builds it.
FONTS_DIR = Path(__file__).resolve().parents[2] / "styles" / "fonts"
TITLE_FONT = "EBGaramond-Regular.ttf"
AUTHOR_FONT = "EBGaramond-Italic.ttf"

FIELD = (27, 38, 64)
RULE = (196, 174, 122)
TITLE_INK = (243, 236, 220)
AUTHOR_INK = (222, 210, 182)

# Fractions of the page width (W) or height (H).
RULE_INSET = 0.05  # W: outer rule, from the page edge
RULE_GAP = 0.012  # W: outer rule to inner hairline
TEXT_INSET = 0.125  # W: text never comes closer than this to any edge
TITLE_MAX_SIZE = 0.105  # W
TITLE_AREA = 0.46  # H: the tallest a title block may grow before its size shrinks
AUTHOR_MAX_SIZE = 0.05  # W
AUTHOR_AREA = 0.10  # H
GROUP_CENTRE = 0.45  # H: where the title-and-author group sits; above the middle looks balanced
TITLE_MAX_LINES = 5  # more lines than this at full size reads as a wall; shrink first
MIN_SIZE = 8  # px: below this a cover is unreadable anyway, so refuse rather than draw specks


class CoverTextTooLong(ValueError):
    """The title or author cannot fit the cover even at the smallest type size."""


@dataclass(frozen=True)
class Line:
    text: str
    font: str  # file name in FONTS_DIR
    size: int
    x: float  # left end of the baseline
    baseline: float
    box: tuple[float, float, float, float]  # inked area, (left, top, right, bottom)


@dataclass(frozen=True)
class CoverLayout:
    width: int
    height: int
    margins: tuple[float, float, float, float]  # the area text must stay in
    rules: tuple[tuple[float, float, float, float], ...]  # rectangles drawn as frame lines
    rule_width: tuple[int, ...]
    ornament: tuple[float, float, float, float]  # the short rule between title and author
    lines: tuple[Line, ...]


@functools.lru_cache(maxsize=256)
def _font(name, size):
    path = FONTS_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"bundled font missing: {path}")
    return ImageFont.truetype(str(path), size)


def _ends_weakly(words):
    # A line ending in a one- or two-letter word ("of", "a", "I") leaves that word dangling away from
    # the word it belongs to; language-neutral enough for titles.
    return len(words[-1].strip("’'\".,;:")) <= 2


def _line_widths(words, widths, space, max_width, breaks):
    """Effective widths of the lines given by breaks, or None if one is too wide.

    A line ending in a one- or two-letter word counts as longer than it is, so such breaks are avoided.
    """
    penalty = 0.08 * max_width
    result = []
    for i, j in breaks:
        width = sum(widths[i:j]) + space * (j - i - 1)
        if width > max_width:
            return None
        weak = j < len(words) and _ends_weakly(words[i:j])
        result.append(width + (penalty if weak else 0.0))
    return result


def _shape_cost(line_widths, best_longest):
    longest = max(line_widths)
    # Near the most even split, prefer one whose last line is not a runt: a short word alone at the
    # bottom ("Agent" under "I Was Stalin's") looks like an afterthought.
    runt = len(line_widths) > 1 and line_widths[-1] < 0.8 * longest
    near_best = longest <= best_longest * 1.12
    return (not near_best, runt, longest, sum(w * w for w in line_widths))


def _balanced_breaks(words, widths, space, max_width, n_lines):
    """Split words into n_lines lines of at most max_width each, as evenly as possible.

    Returns (start, end) word ranges, or None if the words do not fit in n_lines lines. Titles are short,
    so every split is tried; a very long one falls back to minimising the longest line alone.
    """
    n = len(words)
    if math.comb(n - 1, n_lines - 1) > 20000:
        return _min_longest_breaks(words, widths, space, max_width, n_lines)
    candidates = []
    for cuts in itertools.combinations(range(1, n), n_lines - 1):
        bounds = (0, *cuts, n)
        breaks = list(zip(bounds, bounds[1:]))
        line_widths = _line_widths(words, widths, space, max_width, breaks)
        if line_widths:
            candidates.append((line_widths, breaks))
    if not candidates:
        return None
    best_longest = min(max(w) for w, _ in candidates)
    return min(candidates, key=lambda c: _shape_cost(c[0], best_longest))[1]


def _min_longest_breaks(words, widths, space, max_width, n_lines):
    """Dynamic programming over break points: the split whose longest line is shortest."""
    n = len(words)
    # best[k][j]: (longest line, sum of squares, breaks) for words[:j] set in k lines
    best = [[None] * (n + 1) for _ in range(n_lines + 1)]
    best[0][0] = (0.0, 0.0, ())
    for k in range(1, n_lines + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                prev = best[k - 1][i]
                line = _line_widths(words, widths, space, max_width, [(i, j)]) if prev else None
                if not line:
                    continue
                cost = line[0]
                candidate = (max(prev[0], cost), prev[1] + cost * cost, prev[2] + ((i, j),))
                if best[k][j] is None or candidate[:2] < best[k][j][:2]:
                    best[k][j] = candidate
    result = best[n_lines][n]
    return list(result[2]) if result else None


def _wrap(text, font, max_width, max_lines):
    """The fewest balanced lines (at most max_lines) that keep every line within max_width, or None."""
    words = text.split()
    widths = [font.getlength(w) for w in words]
    if not words or max(widths) > max_width:
        return None
    space = font.getlength(" ")
    for n_lines in range(1, min(max_lines, len(words)) + 1):
        breaks = _balanced_breaks(words, widths, space, max_width, n_lines)
        if breaks:
            return [" ".join(words[i:j]) for i, j in breaks]
    return None


def _fit(text, font_name, max_size, max_width, max_height, leading, max_lines):
    """(size, lines): the largest size at which text wraps into at most max_lines within the box."""
    size = max_size
    while size >= MIN_SIZE:
        font = _font(font_name, size)
        lines = _wrap(text, font, max_width, max_lines)
        if lines and _block_height(len(lines), size, leading) <= max_height:
            return size, lines
        # Small steps keep the chosen size close to the largest that fits.
        size = min(size - 1, int(size * 0.96))
    return None


def _fit_any(text, font_name, max_size, max_width, max_height, leading, max_lines):
    # A long title first shrinks within max_lines; only when that would make it too small does it take
    # more lines, and the height limit still holds.
    fitted = _fit(text, font_name, max_size, max_width, max_height, leading, max_lines)
    if fitted and fitted[0] >= max_size * 0.45:
        return fitted
    more = _fit(text, font_name, max_size, max_width, max_height, leading, len(text.split()))
    candidates = [f for f in (fitted, more) if f]
    if not candidates:
        raise CoverTextTooLong(f"cannot fit on the cover: {text[:60]!r}")
    return max(candidates, key=lambda f: f[0])


def _block_height(n_lines, size, leading):
    # Cap height above the first baseline and a descender below the last, at the EB Garamond
    # proportions (cap height 0.65 em, descender 0.3 em): what the ink needs, not the font's line box.
    return size * (0.65 + 0.3) + (n_lines - 1) * size * leading


def _set_lines(texts, font_name, size, leading, centre_x, first_baseline):
    font = _font(font_name, size)
    lines = []
    for index, text in enumerate(texts):
        baseline = first_baseline + index * size * leading
        left, _, right, _ = font.getbbox(text, anchor="ls")
        # Centre the ink, not the advance width: a side bearing or an overhanging italic would
        # otherwise pull the line visibly off centre.
        x = centre_x - (left + right) / 2
        ink = font.getbbox(text, anchor="ls")
        box = (x + ink[0], baseline + ink[1], x + ink[2], baseline + ink[3])
        lines.append(Line(text, font_name, size, x, baseline, box))
    return lines


def layout_cover(title: str, author: str, width: int = 1600, height: int = 2400) -> CoverLayout:
    """Where everything on the cover goes; raises CoverTextTooLong if the text cannot fit at all."""
    title, author = " ".join(title.split()), " ".join(author.split())
    if not title:
        raise ValueError("a cover needs a title")
    inset = TEXT_INSET * width
    margins = (inset, inset, width - inset, height - inset)
    text_width = width - 2 * inset

    title_leading, author_leading = 1.12, 1.2
    title_size, title_lines = _fit_any(
        title, TITLE_FONT, round(TITLE_MAX_SIZE * width), text_width, TITLE_AREA * height,
        title_leading, TITLE_MAX_LINES,
    )
    author_size, author_lines = (0, [])
    if author:
        author_size, author_lines = _fit_any(
            author, AUTHOR_FONT, round(AUTHOR_MAX_SIZE * width), text_width, AUTHOR_AREA * height,
            author_leading, 2,
        )

    # The gaps scale with the title so a shrunken title does not float far from its author.
    gap = max(title_size * 0.55, 0.02 * height)
    ornament_height = max(2, round(width * 0.0015))
    title_h = _block_height(len(title_lines), title_size, title_leading)
    author_h = _block_height(len(author_lines), author_size, author_leading) if author_lines else 0
    group_h = title_h + (2 * gap + ornament_height + author_h if author_lines else 0)
    top = min(max(GROUP_CENTRE * height - group_h / 2, margins[1]), margins[3] - group_h)

    centre_x = width / 2
    lines = _set_lines(title_lines, TITLE_FONT, title_size, title_leading, centre_x, top + title_size * 0.65)
    ornament_top = top + title_h + gap
    ornament_half = width * 0.06
    ornament = (centre_x - ornament_half, ornament_top, centre_x + ornament_half, ornament_top + ornament_height)
    if author_lines:
        first = ornament_top + ornament_height + gap + author_size * 0.65
        lines += _set_lines(author_lines, AUTHOR_FONT, author_size, author_leading, centre_x, first)

    outer = RULE_INSET * width
    inner = outer + RULE_GAP * width
    rules = ((outer, outer, width - outer, height - outer), (inner, inner, width - inner, height - inner))
    rule_width = (max(2, round(width * 0.003)), max(1, round(width * 0.0008)))
    return CoverLayout(width, height, margins, rules, rule_width, ornament, tuple(lines))


def render_cover(layout: CoverLayout) -> Image.Image:
    image = Image.new("RGB", (layout.width, layout.height), FIELD)
    draw = ImageDraw.Draw(image)
    for box, line_width in zip(layout.rules, layout.rule_width):
        draw.rectangle(box, outline=RULE, width=line_width)
    draw.rectangle(layout.ornament, fill=RULE)
    for line in layout.lines:
        ink = TITLE_INK if line.font == TITLE_FONT else AUTHOR_INK
        draw.text((line.x, line.baseline), line.text, font=_font(line.font, line.size), fill=ink, anchor="ls")
    return image


def make_cover(title: str, author: str, width: int = 1600, height: int = 2400) -> bytes:
    """The cover as PNG bytes; the same title, author and size always give the same bytes."""
    image = render_cover(layout_cover(title, author, width, height))
    buffer = io.BytesIO()
    # No text chunks or timestamps are written, so the bytes depend only on the pixels.
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
