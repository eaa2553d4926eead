"""Markdown-ish (or plain) transcriptions of page scans.

A page ends at a form feed; when the file has none, at a run of three or more blank lines, which is how
scan-to-Markdown tools separate pages. Each page keeps the source line number of every line.
"""

from ..document import Line, Page

PAGE_GAP = 3  # blank lines in a row that end a page


def read_pages(text):
    lines = text.split("\n")
    if any("\f" in line for line in lines):
        return _split_on_form_feeds(lines)
    return _split_on_blank_runs(lines)


def _split_on_form_feeds(lines):
    pages, current = [], []
    for no, raw in enumerate(lines, 1):
        parts = raw.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                _close(pages, current)
                current = []
            current.append(Line(no, part.rstrip()))
    _close(pages, current)
    return pages


def _split_on_blank_runs(lines):
    pages, current, blanks = [], [], 0
    for no, raw in enumerate(lines, 1):
        text = raw.rstrip()
        # Markdown's two-space hard break is kept as a marker the title-page reader can use.
        if raw.endswith("  ") and text:
            text += "  "
        if not text.strip():
            blanks += 1
            current.append(Line(no, ""))
            continue
        if blanks >= PAGE_GAP and any(line.text.strip() for line in current):
            _close(pages, current)
            current = []
        blanks = 0
        current.append(Line(no, text))
    _close(pages, current)
    return pages


def _close(pages, lines):
    while lines and not lines[0].text.strip():
        lines.pop(0)
    while lines and not lines[-1].text.strip():
        lines.pop()
    if lines:
        pages.append(Page(index=len(pages), lines=lines))
