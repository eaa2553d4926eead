"""Find where chapters open: numbered headings, titles from the contents page, named front sections.

Evidence, strongest first: a heading that is a chapter number ("# I", "CHAPTER 4", "Chapter IV."),
optionally followed by a title; a heading matching an unnumbered contents entry ("INTRODUCTION"); a
heading naming a conventional section (Preface, Introduction, ...). The contents page, when there is one,
is checked against what was found.
"""

import re

from ..document import Chapter
from .case import ROMAN
from .words import words

WORD_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
NUM = rf"(?:[IVXLCDM]+|\d{{1,3}}|{'|'.join(WORD_NUMBERS)})"
LABELLED = re.compile(rf"^(?:chapter|book|part)\s+(?P<n>{NUM})\b[.:]?(?:\s*[.:—–-]?\s+(?P<title>.+))?$", re.I)
# Bare numbers are roman or arabic only: a bare "ONE" is more often a title than a number.
NUMBER_ONLY = re.compile(r"^(?P<n>[IVXLCDM]+|\d{1,3})\.?$", re.I)
NUMBER_TITLE = re.compile(r"^(?P<n>[IVXLCDM]+|\d{1,3})[.:]\s+(?P<title>\S.*)$")
SECTION_NAMES = {
    "preface": "preface",
    "foreword": "foreword",
    "introduction": "introduction",
    "prologue": "prologue",
    "epilogue": "epilogue",
    "afterword": "afterword",
}
MAX_TITLE_WORDS = 16


def normalise(text):
    return " ".join(words(text))


def find_chapters(book):
    """Mark chapter-opening blocks and list the chapters in reading order."""
    first = _first_body_page(book)
    unnumbered = {normalise(e.title) for e in book.contents if not e.n} | set(SECTION_NAMES)
    for page in book.pages[first:]:
        blocks = page.blocks
        for i, block in enumerate(blocks):
            if block.role:
                continue
            chapter = _opening(block, blocks[i + 1] if i + 1 < len(blocks) else None, unnumbered)
            if chapter:
                chapter.start_page = page.index
                chapter.opening = [b for b in blocks[i : i + 2] if b.role.startswith("chapter-")]
                book.chapters.append(chapter)
                if not chapter.n:
                    unnumbered.discard(normalise(chapter.title))
                book.report.record(
                    "find_chapters",
                    "found chapter opening",
                    [b.first_line for b in chapter.opening],
                    before=" / ".join(b.text for b in chapter.opening),
                    after=f"{chapter.kind} {chapter.n}".strip(),
                    # The label ("Chapter") is dropped; the number goes to n, the title to the head.
                    words_out=words(" ".join(b.text for b in chapter.opening)),
                    words_in=words(f"{chapter.n} {chapter.title}"),
                )
    if not book.chapters:
        book.report.warn("find_chapters", "no chapters recognised: the whole text becomes one chapter")
        # Every page but the contents is the text: there is no opening to tell front matter from it.
        book.chapters.append(Chapter("chapter", "", "", start_page=0))
    _check_against_contents(book)
    return book


def _first_body_page(book):
    """Chapters are looked for after the contents page (when there is one)."""
    contents_pages = [p.index for p in book.pages if any(b.role == "contents" for b in p.blocks)]
    return contents_pages[-1] + 1 if contents_pages else 0


def _opening(block, following, unnumbered):
    if block.kind != "heading" and (len(block.text) > 120 or "\n" in block.text.strip()):
        return None  # running text, not a heading line
    text = _clean(block.text)
    if not text:
        return None
    is_heading = block.kind == "heading"
    match = LABELLED.match(text)
    if match and (is_heading or len(text.split()) <= MAX_TITLE_WORDS):
        return _numbered(block, match.group("n"), match.group("title"), following)
    match = NUMBER_ONLY.match(text)
    if match:
        # A bare arabic line is a folio; a bare roman one opens a chapter only before a title.
        if is_heading or (ROMAN.match(text.rstrip(".")) and _title_like(following)):
            return _numbered(block, match.group("n"), None, following)
        return None
    match = NUMBER_TITLE.match(text)
    if match and is_heading:
        return _numbered(block, match.group("n"), match.group("title"), following)
    key = normalise(text)
    if (is_heading or text.isupper()) and key in unnumbered:
        block.role = "chapter-title"
        return Chapter(SECTION_NAMES.get(key, "chapter"), "", text)
    return None


def _numbered(block, n, title, following):
    block.role = "chapter-number"
    if not title and _title_like(following):
        following.role = "chapter-title"
        title = _clean(following.text)
    return Chapter("chapter", n.upper() if ROMAN.match(n.upper()) else n, title or "")


def _title_like(block):
    if block is None or block.kind == "note":
        return False
    text = _clean(block.text)
    if block.kind == "heading":
        return True
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and len(text.split()) <= MAX_TITLE_WORDS
        and "\n" not in text
        and (text.isupper() or not text.endswith((".", ",", ";")))
        and sum(c.isupper() for c in letters) / len(letters) > 0.6
    )


def _clean(text):
    return re.sub(r"[*_]", "", text).strip()


def _check_against_contents(book):
    """Each contents entry should match a chapter found, by number or by title, in order."""
    if not book.contents:
        return
    found = list(book.chapters)
    for entry in book.contents:
        match = next(
            (c for c in found if (entry.n and c.n == entry.n) or normalise(c.title) == normalise(entry.title)),
            None,
        )
        if match is None:
            book.report.warn("find_chapters", f"contents entry not found in the text: {entry.title}", [entry.line])
            continue
        found.remove(match)
        match.contents = entry
        if normalise(match.title) != normalise(entry.title):
            book.report.warn(
                "find_chapters",
                f"chapter {match.n} is titled '{match.title}' in the text but '{entry.title}' in the contents",
                [entry.line],
            )
        if not match.title:
            match.title = entry.title
            book.report.record("find_chapters", "took chapter title from the contents", [entry.line],
                               after=entry.title, words_in=words(entry.title))
    for chapter in found:
        book.report.warn("find_chapters", f"chapter '{chapter.n} {chapter.title}' is not in the contents")
