"""Page furniture in the body: running heads and folios at page tops and bottoms.

A line at the top or bottom of a page is a running head when its text is one of the book's titles
(the book's, a chapter's, a contents entry's, or a shortened form of one), or when the same short line
in capitals recurs at that position on several pages. A bare number there is a folio. Both are removed
and remembered on the page as evidence for page numbering.
"""

import re
from collections import Counter

from .chapters import normalise
from .words import words

FOLIO = re.compile(r"^(?P<n>\d{1,4})$")
FOLIO_FIRST = re.compile(r"^(?P<n>\d{1,4})(?:\s{2,}|\t+)(?P<head>\S.*)$")
FOLIO_LAST = re.compile(r"^(?P<head>.*\S)(?:\s{2,}|\t+)(?P<n>\d{1,4})$")
MAX_HEAD_WORDS = 12
STEP = "remove_page_furniture"


def remove_page_furniture(book):
    """Remove running heads and folios from every body page, keeping them as page evidence."""
    pages = book.body_pages()
    titles = _known_titles(book)
    counts = _repeated_edge_lines(pages)
    for page in pages:
        for edge in ("top", "bottom"):
            _strip_edge(book, page, edge, titles, counts)
    return book


def _known_titles(book):
    titles = [words(" ".join(ln.text for ln in book.title_page.get("title", [])))]
    titles += [words(c.title) for c in book.chapters if c.title]
    titles += [words(e.title) for e in book.contents]
    return [t for t in titles if t]


def _is_title(key, titles):
    """The key is a title, or a run of at least two of a title's words (a shortened head)."""
    for title in titles:
        if key == title:
            return True
        n = len(key)
        if 2 <= n < len(title) and any(title[i : i + n] == key for i in range(len(title) - n + 1)):
            return True
    return False


MAX_HEAD_CHARS = 120  # a longer line is text, whatever it says


def _edge_lines(page, edge):
    lines = [ln for ln in page.lines if ln.text.strip()]
    lines = lines[:2] if edge == "top" else lines[-2:][::-1]
    return [ln for ln in lines if len(ln.text) <= MAX_HEAD_CHARS]


def _parse(text):
    """(folio, head) of an edge line: '42    THE TITLE', 'CHAPTER TITLE    43', '17', '## TITLE'."""
    text = re.sub(r"^#+\s*|[*_]", "", text).strip()
    for pattern in (FOLIO, FOLIO_FIRST, FOLIO_LAST):
        match = pattern.match(text)
        if match:
            return match.group("n"), match.groupdict().get("head") or ""
    return "", text


def _repeated_edge_lines(pages):
    counts = Counter()
    for page in pages:
        for edge in ("top", "bottom"):
            for line in _edge_lines(page, edge):
                counts[(edge, normalise(_parse(line.text)[1]))] += 1
    return counts


def _strip_edge(book, page, edge, titles, counts):
    for line in _edge_lines(page, edge):
        if not any(ln is line for ln in page.lines):
            continue  # a short page: already taken from the other edge
        block = _block_of(page, line)
        if block is None or block.role.startswith("chapter-") or block.taken or block.kind == "note":
            return
        folio, head = _parse(line.text)
        if head and not _is_running_head(line, block, head, edge, titles, counts):
            return
        _remove_line(page, block, line)
        removed = words(line.text)  # the whole line goes, Markdown and all: counted once
        if folio:
            page.folio = folio
            book.report.record(STEP, "removed folio", [line.no], before=folio, words_out=removed)
            removed = []
        if head:
            page.head = head
            book.report.record(STEP, "removed running head", [line.no], before=head, words_out=removed)
            return  # a head is the outermost furniture: what lies beyond it is text


def _is_running_head(line, block, head, edge, titles, counts):
    key = words(head)
    if not key or len(key) > MAX_HEAD_WORDS:
        return False
    # A line of running text may happen to read like a title; a running head is set apart.
    styled = line.text.lstrip().startswith("#") or head.isupper()
    set_apart = styled or len(block.lines) == 1
    return styled and counts[(edge, normalise(head))] >= 2 or set_apart and _is_title(key, titles)


def _block_of(page, line):
    return next((b for b in page.blocks if any(ln is line for ln in b.lines)), None)


def _remove_line(page, block, line):
    page.lines = [ln for ln in page.lines if ln is not line]
    block.lines = [ln for ln in block.lines if ln is not line]
    if block.lines:
        block.text = "\n".join(ln.text for ln in block.lines)
    else:
        page.blocks.remove(block)
