"""A plain typographic book cover: title and author in EB Garamond on a dark field inside a thin rule.

Everything is measured from the page width, so any cover size keeps the same proportions. The layout is
computed apart from the drawing (`layout_cover`) so tests can check that no text leaves the margins.
"""

import functools
import io
import itertools
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from ..resources import FONTS

# The bundled files, never system fonts: a cover must look the same on every machine that builds it.
FONTS_DIR = FONTS  # the bundled fonts, wherever the styles were installed
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
TITLE_MAX_SIZE = 0.12  # W
TITLE_AREA = 0.55  # of the height inside the margins: the tallest a title may grow before it shrinks
AUTHOR_MAX_SIZE = 0.05  # W
AUTHOR_AREA = 0.12  # of the height inside the margins
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
    ornament: tuple[float, float, float, float] | None  # the short rule between title and author
    lines: tuple[Line, ...]


@functools.lru_cache(maxsize=256)
def _font(name, size):
    path = FONTS_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"bundled font missing: {path}")
    return ImageFont.truetype(str(path), size)


def _break_units(text):
    """The words of text, a free-standing dash or ellipsis kept with the word before it.

    A line must never start with "—" or "…": they close what precedes them.
    """
    units = []
    for word in text.split():
        if units and not any(ch.isalnum() for ch in word):
            units[-1] += " " + word
        else:
            units.append(word)
    return units


def _ends_weakly(words):
    # A line ending in a one- or two-letter word ("of", "a", "I") leaves that word dangling away from
    # the word it belongs to; language-neutral enough for titles.
    return len(words[-1].strip("’'\".,;:")) <= 2


class _Words:
    """The words of a text measured in one font, for trying line breaks against a width."""

    def __init__(self, text, font, max_width):
        self.words = _break_units(text)
        self.max_width = max_width
        self.space = font.getlength(" ")
        self.longest_word = 0.0
        self.prefix = [0.0]  # prefix sums make any line's width O(1), which long titles need
        for word in self.words:
            width = font.getlength(word)
            self.longest_word = max(self.longest_word, width)
            self.prefix.append(self.prefix[-1] + width)

    def width(self, i, j):
        return self.prefix[j] - self.prefix[i] + self.space * (j - i - 1)

    def effective_width(self, i, j):
        """The width of words[i:j] as the break chooser should see it, or None if it does not fit.

        A line ending in a one- or two-letter word counts as longer than it is, and one ending at a
        colon, semicolon, comma or dash as shorter, so breaks follow the sense of the title.
        """
        width = self.width(i, j)
        if width > self.max_width:
            return None
        if j < len(self.words):
            last = self.words[j - 1]
            if _ends_weakly(self.words[i:j]):
                width += 0.08 * self.max_width
            elif last[-1] in ":;":
                # Usually where a subtitle starts: worth a visibly less even split.
                width -= 0.2 * self.max_width
            elif last[-1] in ",—–":
                width -= 0.08 * self.max_width
        return width

    def fewest_lines(self):
        # Greedy filling gives the fewest lines; balancing then only redistributes words among them.
        lines, start = 1, 0
        for j in range(1, len(self.words) + 1):
            if self.width(start, j) > self.max_width:
                lines, start = lines + 1, j - 1
        return lines


def _shape_cost(line_widths, best_longest):
    longest = max(line_widths)
    # Near the most even split, prefer one whose last line is not a runt: a short word alone at the
    # bottom ("Agent" under "I Was Stalin's") looks like an afterthought.
    runt = len(line_widths) > 1 and line_widths[-1] < 0.8 * longest
    near_best = longest <= best_longest * 1.12
    return (not near_best, runt, longest, sum(w * w for w in line_widths))


def _balanced_breaks(words, n_lines):
    """Split the words into n_lines lines within the width, as evenly as possible: (start, end) ranges.

    Titles are short, so every split is tried; a very long one falls back to minimising the longest
    line alone.
    """
    n = len(words.words)
    if math.comb(n - 1, n_lines - 1) > 5000:
        return _min_longest_breaks(words, n_lines)
    candidates = []
    for cuts in itertools.combinations(range(1, n), n_lines - 1):
        bounds = (0, *cuts, n)
        breaks = list(itertools.pairwise(bounds))
        line_widths = [words.effective_width(i, j) for i, j in breaks]
        if None not in line_widths:
            candidates.append((line_widths, breaks))
    best_longest = min(max(w) for w, _ in candidates)
    return min(candidates, key=lambda c: _shape_cost(c[0], best_longest))[1]


def _min_longest_breaks(words, n_lines):
    """Dynamic programming over break points: the split whose longest line is shortest."""
    n = len(words.words)
    # best[k][j]: (longest line, sum of squares, breaks) for the first j words set in k lines
    best = [[None] * (n + 1) for _ in range(n_lines + 1)]
    best[0][0] = (0.0, 0.0, ())
    for k in range(1, n_lines + 1):
        for j in range(k, n + 1):
            for i in range(j - 1, k - 2, -1):
                cost = words.effective_width(i, j)
                if cost is None:
                    break  # adding more words to the left only makes the line wider
                prev = best[k - 1][i]
                if prev is None:
                    continue
                candidate = (max(prev[0], cost), prev[1] + cost * cost, prev[2] + ((i, j),))
                if best[k][j] is None or candidate[:2] < best[k][j][:2]:
                    best[k][j] = candidate
    return list(best[n_lines][n][2])


def _wrap(text, font, max_width, max_lines):
    """The fewest balanced lines (at most max_lines) that keep every line within max_width, or None."""
    words = _Words(text, font, max_width)
    if not words.words or words.longest_word > max_width:
        return None
    n_lines = words.fewest_lines()
    if n_lines > max_lines:
        return None
    return [" ".join(words.words[i:j]) for i, j in _balanced_breaks(words, n_lines)]


def _fit(text, font_name, max_size, max_width, max_height, leading, max_lines):
    """(size, lines): the largest size at which text wraps into at most max_lines within the box."""
    size = max_size
    while size >= MIN_SIZE:
        font = _font(font_name, size)
        lines = _wrap(text, font, max_width, max_lines)
        if lines and _ink_extent(font, lines, leading)[1] <= max_height:
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


def _ink_extent(font, lines, leading):
    """(ink above the first baseline, ink height of the whole block) for lines set at this leading.

    Measured from the glyphs, so accented capitals and descenders are inside the block: the margins
    hold for the ink, not for an idealised line box.
    """
    size = font.size
    above = -min(font.getbbox(line, anchor="ls")[1] for line in lines[:1])
    below = max(font.getbbox(line, anchor="ls")[3] for line in lines[-1:])
    return above, above + (len(lines) - 1) * size * leading + below


def _set_lines(texts, font_name, size, leading, centre_x, top):
    """Lines centred on centre_x, the block's ink starting at top."""
    font = _font(font_name, size)
    first_baseline = top + _ink_extent(font, texts, leading)[0]
    lines = []
    for index, text in enumerate(texts):
        baseline = first_baseline + index * size * leading
        left, ink_top, right, ink_bottom = font.getbbox(text, anchor="ls")
        # Centre the ink, not the advance width: a side bearing or an overhanging italic would
        # otherwise pull the line visibly off centre.
        x = centre_x - (left + right) / 2
        box = (x + left, baseline + ink_top, x + right, baseline + ink_bottom)
        lines.append(Line(text, font_name, size, x, baseline, box))
    return lines


def _frame(width, height):
    outer = RULE_INSET * width
    inner = outer + RULE_GAP * width
    rules = ((outer, outer, width - outer, height - outer), (inner, inner, width - inner, height - inner))
    return rules, (max(2, round(width * 0.003)), max(1, round(width * 0.0008)))


def layout_cover(title: str, author: str, width: int = 1600, height: int = 2400) -> CoverLayout:
    """Where everything on the cover goes; raises CoverTextTooLong if the text cannot fit at all."""
    title, author = " ".join(title.split()), " ".join(author.split())
    if not title:
        raise ValueError("a cover needs a title")
    inset = TEXT_INSET * width
    margins = (inset, inset, width - inset, height - inset)
    text_width, text_height = width - 2 * inset, height - 2 * inset

    title_leading, author_leading = 1.12, 1.2
    title_size, title_lines = _fit_any(
        title, TITLE_FONT, round(TITLE_MAX_SIZE * width), text_width, TITLE_AREA * text_height,
        title_leading, TITLE_MAX_LINES,
    )
    title_h = _ink_extent(_font(TITLE_FONT, title_size), title_lines, title_leading)[1]
    # The gaps follow the title so a shrunken title does not float far from its author, within bounds
    # that keep the whole group inside the margins.
    gap = min(max(title_size * 0.55, 0.025 * text_height), 0.06 * text_height)
    ornament_h = max(2, round(width * 0.0015))
    author_size, author_lines, author_h = 0, [], 0.0
    if author:
        # The author never outshouts the title, however far a long title had to shrink.
        author_max = min(round(AUTHOR_MAX_SIZE * width), round(title_size * 0.6))
        author_size, author_lines = _fit_any(
            author, AUTHOR_FONT, author_max, text_width, AUTHOR_AREA * text_height, author_leading, 2,
        )
        author_h = _ink_extent(_font(AUTHOR_FONT, author_size), author_lines, author_leading)[1]

    group_h = title_h + (2 * gap + ornament_h + author_h if author_lines else 0)
    top = min(max(GROUP_CENTRE * height - group_h / 2, margins[1]), margins[3] - group_h)
    centre_x = width / 2
    lines = _set_lines(title_lines, TITLE_FONT, title_size, title_leading, centre_x, top)
    ornament_top = top + title_h + gap
    half = width * 0.06
    ornament = (centre_x - half, ornament_top, centre_x + half, ornament_top + ornament_h - 1)
    if author_lines:
        author_top = ornament_top + ornament_h + gap
        lines += _set_lines(author_lines, AUTHOR_FONT, author_size, author_leading, centre_x, author_top)

    rules, rule_width = _frame(width, height)
    ornament = ornament if author_lines else None
    return CoverLayout(width, height, margins, rules, rule_width, ornament, tuple(lines))


def render_cover(layout: CoverLayout) -> Image.Image:
    image = Image.new("RGB", (layout.width, layout.height), FIELD)
    draw = ImageDraw.Draw(image)
    for box, line_width in zip(layout.rules, layout.rule_width):
        draw.rectangle(box, outline=RULE, width=line_width)
    if layout.ornament:
        draw.rectangle(layout.ornament, fill=RULE)
    for line in layout.lines:
        ink = TITLE_INK if line.font == TITLE_FONT else AUTHOR_INK
        draw.text((line.x, line.baseline), line.text, font=_font(line.font, line.size), fill=ink, anchor="ls")
    return image


def make_cover(title: str, author: str, width: int = 1600, height: int = 2400) -> bytes:
    """The cover as JPEG bytes; the same title, author and size always give the same bytes."""
    image = render_cover(layout_cover(title, author, width, height))
    buffer = io.BytesIO()
    # JPEG encodes ten times faster than an optimised PNG of this size; full chroma keeps the type crisp.
    # No EXIF or timestamps are written, so the bytes depend only on the pixels.
    image.convert("RGB").save(buffer, format="JPEG", quality=92, subsampling=0)
    return buffer.getvalue()
