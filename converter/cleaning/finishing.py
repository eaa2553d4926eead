"""The last structural steps: headings in normal case, chapter lead-ins, closers, embedded headings."""

import re

from ..document import ITALIC, SMALLCAPS, Block, plain
from .case import sentence_case, title_case
from .words import words

LEAD_IN = re.compile(r"^(?P<marks>[\ue010-\ue017]*)(?P<caps>(?:[A-Z][A-Z’'-]+|[AI])(?:\s+[A-Z][A-Z’'-]*)*)(?![^\W_])")
OPEN_QUOTE = ("“", "‘")
MONTH_OR_YEAR = re.compile(
    r"\b(1[5-9]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)
MAX_CLOSER_WORDS = 8


def recover_case(book):
    """Chapter titles and title-page text set in capitals get the case of the book's own usage."""
    for chapter in book.chapters:
        chapter.head = title_case(plain(chapter.title), book.vocab) if chapter.title else ""
        if chapter.head != plain(chapter.title):
            book.report.record(
                "recover_case", "recovered heading case", [b.first_line for b in chapter.opening],
                before=plain(chapter.title), after=chapter.head,
            )
    for block in (b for c in book.chapters for b in c.blocks if b.kind == "heading"):
        block.text = title_case(block.text, book.vocab)
    return book


def mark_lead_ins(book):
    """The words a chapter opens with, printed in capitals, are a lead-in set in small capitals."""
    for chapter in book.chapters:
        first = next((b for b in chapter.blocks if b.kind == "para"), None)
        if first is None:
            continue
        match = LEAD_IN.match(first.text)
        if not match or len(match.group("caps").replace(" ", "")) < 2:
            continue
        caps = match.group("caps").rstrip("-’'")
        words_caps = caps.split()
        if len(words_caps) > 1 and not words_caps[-1].isupper():
            continue
        lead = sentence_case(caps, book.vocab)
        start = len(match.group("marks"))
        first.text = first.text[:start] + SMALLCAPS[0] + lead + SMALLCAPS[1] + first.text[start + len(caps) :]
        book.report.record("mark_lead_ins", "marked lead-in", [first.first_line], before=caps, after=lead)
    return book


def find_closers(book):
    """A signature, with or without a place/date line, ending a chapter forms its closer."""
    author = set(words(book.metadata.get("author", "")))
    for chapter in book.chapters:
        tail = [b for b in chapter.blocks if b.kind != "pb"][-2:]
        roles = [_closer_role(b, author) for b in tail]
        if not roles or roles[-1] is None:
            continue
        picked = [(b, r) for b, r in zip(tail, roles) if r][-2:] if all(roles) else [(tail[-1], roles[-1])]
        signed = [b for b, r in picked if r == "signed"]
        dated = any(r == "dateline" for _, r in picked)
        if not signed or not (dated or author & set(words(signed[0].text))):
            continue
        for block, role in picked:
            block.kind = role
            block.text = title_case(block.text, book.vocab) if role == "signed" else block.text
            book.report.record("find_closers", f"made {role}", block.line_nos, before=plain(block.text))
    return book


def _closer_role(block, author):
    if block.kind != "para":
        return None
    text = plain(block.text).strip()
    if not text or len(text.split()) > MAX_CLOSER_WORDS:
        return None
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and not MONTH_OR_YEAR.search(text):
        return "signed"
    if MONTH_OR_YEAR.search(text) and block.text.startswith(ITALIC[0]):
        return "dateline"
    return None


def group_embedded_headings(book):
    """A heading inside a chapter that opens a quotation (a quoted headline) stays inside the quotation;
    any other becomes a section heading."""
    for chapter in book.chapters:
        blocks, out, i = chapter.blocks, [], 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind != "heading":
                out.append(block)
                i += 1
                continue
            quoted, after = _quotation(blocks, i) if plain(block.text).lstrip().startswith(OPEN_QUOTE) else ([], i)
            if quoted[1:]:  # a headline with quoted paragraphs after it
                i = after
                out.append(Block("quote", [ln for b in quoted for ln in b.lines], text="", role="article"))
                out[-1].children = quoted
                book.report.record(
                    "group_embedded_headings", "kept headline inside quotation", block.line_nos,
                    before=plain(block.text),
                )
            else:
                block.kind = "section-head"
                out.append(block)
                book.report.record("group_embedded_headings", "made section heading", block.line_nos)
                i += 1
        chapter.blocks = out
    return book


def _quotation(blocks, i):
    """The headline and the paragraphs that go on quoting: each opens with a quote mark, the last closes."""
    quoted = [blocks[i]]
    i += 1
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "pb":
            quoted.append(block)
            i += 1
            continue
        if block.kind != "para" or not plain(block.text).lstrip().startswith(OPEN_QUOTE):
            break
        quoted.append(block)
        i += 1
        if plain(block.text).rstrip().endswith(("”", "’")):
            break
    while quoted and quoted[-1].kind == "pb":
        quoted.pop()
        i -= 1
    return quoted, i
