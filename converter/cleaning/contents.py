"""The printed table of contents: found, parsed into entries, and removed from the text.

Its entries are evidence (chapter titles and the pages they open on); its lines are furniture.
"""

import re

from ..document import ContentsEntry
from .words import words

CONTENTS_HEADING = re.compile(r"^(table\s+of\s+)?contents\.?$", re.I)
NUMBER = r"(?:[IVXLCDM]+|\d+)"
# "I. TITLE<tab>17", "Chapter IV. The Harbour . . . . 9", "THE HARBOUR ........ 9", "TITLE   17"
ENTRY = re.compile(
    rf"^(?:(?:chapter|part|book)\s+)?(?:(?P<n>{NUMBER})[.:]?\s+)?(?P<title>.*?\S)"
    r"(?:\s*\.{2,}\s*|\s*(?:\.\s){2,}\.?\s*|\t+\s*|\s{2,})(?P<page>\d{1,4})$",
    re.I,
)
COLUMN_LABEL = re.compile(r"^(page|pages|pp?\.)$", re.I)
MIN_ENTRIES = 3


def find_contents(book):
    """Find the contents page(s) in the first pages, parse the entries, remove the lines as furniture."""
    for page in book.pages[: max(3, len(book.pages) // 5)]:
        if _is_contents_page(page):
            _take_contents(book, page)
    if book.contents:
        _check_rising(book)
    return book


def _is_contents_page(page):
    if any(b.kind == "heading" and CONTENTS_HEADING.match(b.text.strip()) for b in page.blocks):
        return True
    entries = [line for line in page.lines if ENTRY.match(line.text.strip())]
    return len(entries) >= MIN_ENTRIES


def _take_contents(book, page):
    for block in page.blocks:
        block.role = "contents"
        for line in block.lines:
            text = line.text.strip()
            match = ENTRY.match(text)
            if match and not CONTENTS_HEADING.match(text):
                entry = ContentsEntry(
                    n=(match.group("n") or "").upper(),
                    title=match.group("title").strip(" .#"),
                    page=match.group("page"),
                    line=line.no,
                )
                book.contents.append(entry)
                action = "read contents entry"
            else:
                action = "removed contents heading" if block.kind == "heading" else "removed contents line"
            book.report.record(
                "find_contents", action, [line.no], before=text, words_out=words(line.text)
            )


def _check_rising(book):
    for prev, entry in zip(book.contents, book.contents[1:]):
        if int(entry.page) < int(prev.page):
            book.report.warn(
                "find_contents",
                f"contents page numbers fall from {prev.page} to {entry.page}",
                [entry.line],
            )
