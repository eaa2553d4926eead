"""Front matter: library stamps, half-title and title page, read into metadata and kept out of the text.

The title page is the front page that carries a "by" line; the title is the heading (or the lines)
above it. Pages before the first appearance of the title carry only library stamps. Lines on the title
pages are told apart by their form: a year is the edition date, "Printed ..." the printer, stamp labels
(Acc. No., Class No., ...) or numbers already seen on a stamp are provenance, the rest is the imprint.
"""

import re
from itertools import takewhile

from .words import words

BY_ALONE = re.compile(r"^\W*by\W*$", re.I)
BY_NAME = re.compile(r"^by\s+(?P<name>\w.*)$", re.I)
YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d)\b")
PRINTED = re.compile(r"^printed\b", re.I)
PRINTER_NAME = re.compile(r"\bby\s+(?P<name>.+)$", re.I)
STAMP = re.compile(
    r"\b(acc(ession)?|class|call|book|reg(istration)?)\.?\s*(no|number)\b|\blibrary\b|\bcollege\b|"
    r"\buniversity\b|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\W*$",
    re.I,
)
LABEL_END = re.compile(r"(\bno\.?|\bnumber|:)$", re.I)
STEP = "read_front_matter"


def text_of(line):
    """A title-page line without Markdown: '# I WAS ...', '*by*', trailing hard-break spaces."""
    # Emphasis marks go, but not one standing inside a word (0*0), which would join two words.
    return re.sub(r"^#+\s*|(?<![^\W_])[*_]+|[*_]+(?![^\W_])|\\(?=\W)", "", line.text).strip()


def read_front_matter(book):
    """Split the pages before the first chapter into stamps, half-title, title page and imprint."""
    located = list(_front_lines(book))
    lines = [ln for _, ln in located]
    pages = [page for page, _ in located]
    if not lines:
        return book
    by_at = next((i for i, ln in enumerate(lines) if BY_ALONE.match(text_of(ln)) or BY_NAME.match(text_of(ln))), None)
    if by_at is None:
        book.report.warn(STEP, "no title page (no 'by' line) found in the front matter")
        _keep_as_text(book, lines)
        return book
    title = _title_lines(lines, pages, by_at)
    key = words(" ".join(ln.text for ln in title))
    end = lines.index(title[0]) if title else by_at
    first = next((i for i, ln in enumerate(lines) if key and _starts_title(lines, i, key)), end)
    _take_stamps(book, lines[:first])
    _take_half_title(book, lines[first:end], key)
    _take_title_page(book, title, lines, by_at)
    return book


def _front_lines(book):
    start = book.chapters[0].start_page if book.chapters and book.chapters[0].opening else 0
    for page in book.pages[:start]:
        for block in page.blocks:
            if block.role == "contents":
                continue
            block.role = "front"
            yield from ((page.index, ln) for ln in block.lines if ln.text.strip())


def _title_lines(lines, pages, by_at):
    """The title: the heading lines just above the by-line on its page, else the capitals above it."""
    above = [ln for ln, page in zip(lines[:by_at], pages) if page == pages[by_at]]
    if above and _is_heading(above[-1]):
        take = list(takewhile(_is_heading, reversed(above)))
    else:
        take = list(takewhile(lambda ln: text_of(ln).isupper(), reversed(above)))[:3] or above[-1:]
    return list(reversed(take))


def _is_heading(line):
    return line.text.lstrip().startswith("#")


def _starts_title(lines, i, key):
    n = len(key)
    got = []
    for ln in lines[i:]:
        got += words(ln.text)
        if len(got) >= n:
            break
    return got[:n] == key and words(lines[i].text) == key[: len(words(lines[i].text))]


def _take_stamps(book, lines):
    """Library stamps go to the provenance note; a label line ('Acc. No.') is paired with its value."""
    pending, joinable = None, False
    for ln in lines:
        text = text_of(ln)
        book.stamp_values.update(w for w in words(text) if any(c.isdigit() for c in w))
        if pending is not None:
            book.provenance.append(f"{pending} {text}")
            pending = None
        elif LABEL_END.search(text):
            pending = text
        elif _is_name(text) and book.provenance and _is_name(book.provenance[-1]) and joinable:
            book.provenance[-1] += f" {text}"  # a stamp's name set over two lines: AMARSINGH / COLLEGE
        else:
            book.provenance.append(text)
        joinable = _is_name(text)
        book.report.record(STEP, "removed library stamp", [ln.no], before=text, words_out=words(ln.text))
    if pending:
        book.provenance.append(pending)


def _is_name(text):
    return bool(text) and text.isupper() and all(w.isalpha() for w in text.split())


def _take_half_title(book, lines, key):
    for ln in lines:
        if words(ln.text) and set(words(ln.text)) <= set(key):
            book.half_title.append(ln)
            book.report.record(STEP, "read half-title", [ln.no], before=text_of(ln))
        else:
            _take_stamps(book, [ln])


def _take_title_page(book, title, lines, by_at):
    page = book.title_page
    page["title"] = title
    by_line = lines[by_at]
    page["by"] = by_line
    match = BY_NAME.match(text_of(by_line))
    rest = lines[by_at + 1 :]
    if match:
        page["author"] = [by_line]
    elif rest:
        page["author"], rest = [rest[0]], rest[1:]
    for ln in title + [by_line] + page.get("author", []):
        book.report.record(STEP, "read title page", [ln.no], before=text_of(ln))
    page["imprint"], page["date"], page["printer"] = [], [], []
    printing = False
    for ln in rest:
        text = text_of(ln)
        if _is_stamp(book, text):
            _take_stamps(book, [ln])
            continue
        if PRINTED.match(text):
            printing = True
        elif YEAR.search(text) and not printing:
            page["date"].append(ln)
            book.report.record(STEP, "read edition date", [ln.no], before=text)
            continue
        (page["printer"] if printing else page["imprint"]).append(ln)
        book.report.record(STEP, "read printer" if printing else "read imprint", [ln.no], before=text)


def _is_stamp(book, text):
    found = words(text)
    return bool(STAMP.search(text)) or bool(found) and set(found) <= book.stamp_values


def _keep_as_text(book, lines):
    for ln in lines:
        book.front_text.append(ln)
        book.report.record(STEP, "kept front-matter text", [ln.no], before=text_of(ln))
