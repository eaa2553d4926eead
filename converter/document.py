"""The shared document the cleaning steps work on: pages of lines, then blocks, then chapters.

Inline structure (italics, note anchors, page breaks) lives inside block text as single private-use
characters, so that text rules (quotes, hyphens, case) see one plain string and cannot split a marker.
"""

import re
from dataclasses import dataclass, field

# Paired inline styles: one character opens, the next closes.
ITALIC = ("\ue010", "\ue011")
SMALLCAPS = ("\ue012", "\ue013")
BOLD = ("\ue014", "\ue015")
SUP = ("\ue016", "\ue017")
STYLE_MARKS = {ITALIC: "italic", SMALLCAPS: "smallcaps", BOLD: "bold", SUP: "sup"}
STYLE_CHARS = frozenset(c for pair in STYLE_MARKS for c in pair)

# Anchors (page breaks, notes) are characters in a supplementary private-use plane, indexing Book.anchors.
ANCHOR_BASE = 0xF0000


MARK = re.compile("[\ue010-\ue017\U000f0000-\U000fffff]")


def is_anchor(ch):
    return ANCHOR_BASE <= ord(ch) <= ANCHOR_BASE + 0xFFFF


def is_mark(ch):
    """Characters that carry structure rather than text."""
    return ch in STYLE_CHARS or is_anchor(ch)


def plain(text):
    """The reader-visible text, with markers dropped."""
    return MARK.sub("", text)


@dataclass
class Line:
    no: int
    text: str


@dataclass
class Block:
    """A run of lines between blank lines: a heading, a paragraph, a footnote body, furniture."""

    kind: str  # heading | para | note | furniture
    lines: list
    level: int = 0  # markdown heading level, 0 for plain lines
    text: str = ""
    role: str = ""  # what a step decided it is: chapter-number, chapter-title, running-head, ...
    children: list = field(default_factory=list)  # the blocks of a quotation
    image: tuple = ()  # (media type, bytes) of a figure

    @property
    def line_nos(self):
        return [line.no for line in self.lines]

    @property
    def taken(self):
        """Consumed by a step that keeps it out of the text: the printed contents, the title pages."""
        return self.role in ("contents", "front")

    @property
    def first_line(self):
        return self.lines[0].no if self.lines else 0


@dataclass
class Page:
    index: int
    lines: list
    blocks: list = field(default_factory=list)
    number: str = ""  # printed page number, once inferred
    folio: str = ""  # a number printed on the page itself
    head: str = ""  # the running head text found on the page

    @property
    def first_line(self):
        return self.lines[0].no if self.lines else 0


@dataclass
class PageBreak:
    n: str
    line: int


@dataclass
class Note:
    n: str
    text: str
    lines: list


@dataclass
class Chapter:
    kind: str  # chapter | introduction | preface | ...
    n: str  # printed number, "" when none
    title: str  # as printed
    head: str = ""  # normal case
    start_page: int = 0  # index of the page it opens on
    opening: list = field(default_factory=list)  # the heading blocks that open it
    contents: object = None  # the matching ContentsEntry, if the book has a contents page
    blocks: list = field(default_factory=list)
    closer: list = field(default_factory=list)  # (role, text, lines) with role signed | dateline | salute


@dataclass
class ContentsEntry:
    n: str
    title: str
    page: str
    line: int


@dataclass
class Book:
    path: str
    pages: list
    report: object
    contents: list = field(default_factory=list)
    chapters: list = field(default_factory=list)
    anchors: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    provenance: list = field(default_factory=list)  # library stamps, as printed
    stamp_values: set = field(default_factory=set)  # numbers seen on stamps, to spot them again
    title_page: dict = field(default_factory=dict)  # title, by, author, imprint, date, printer: lines
    half_title: list = field(default_factory=list)  # lines
    front_text: list = field(default_factory=list)  # front-matter lines that are none of the above
    vocab: object = None

    def add_anchor(self, anchor):
        self.anchors.append(anchor)
        return chr(ANCHOR_BASE + len(self.anchors) - 1)

    def anchor(self, ch):
        return self.anchors[ord(ch) - ANCHOR_BASE]

    def body_pages(self):
        start = self.chapters[0].start_page if self.chapters else 0
        return self.pages[start:]
