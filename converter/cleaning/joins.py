"""Joins: hard-wrapped lines into paragraphs, pages into chapters, and words hyphenated at a break.

A paragraph cut by a page end goes on with the next page's first paragraph when that starts in lower
case, or when the cut paragraph has no sentence-final punctuation. A word broken with a hyphen keeps
the hyphen only where the book itself writes it hyphenated (see `hyphen_decision`).
"""

import re

from ..document import Block, PageBreak, STYLE_CHARS, plain
from .vocabulary import build_vocabulary
from .words import words

MARKS = "[" + "".join(sorted(STYLE_CHARS)) + "\U000f0000-\U000fffff]*"
# Whole tokens, digits included ("A0"), so that a join never splits a word the accounting counts as one.
BROKEN_END = re.compile(rf"(?<![^\W_])(?P<word>[^\W_]*[^\W\d_])-(?P<marks>{MARKS})\s*$")
BROKEN_START = re.compile(rf"^(?P<marks>{MARKS})(?P<word>[^\W\d_][^\W_]*)")
FINAL = re.compile(r"[.!?…:]\W*$")
STRAY_POINT = re.compile(r"\s+\.\s*$")
DASHES = ("—", "–")


def learn_vocabulary(book):
    """The book's own words, from its body paragraphs and notes, for hyphen and case decisions."""
    texts = [b.text for p in book.body_pages() for b in p.blocks if b.kind == "para" and not b.role]
    texts += [a.text for a in book.anchors if hasattr(a, "text")]
    book.vocab = build_vocabulary(texts)
    return book


def hyphen_decision(first, second, vocab):
    """(keep the hyphen?, why) for a word broken as 'first-' / 'second'."""
    joined, hyphenated = (first + second).lower(), f"{first}-{second}".lower()
    n_joined, n_hyphenated = vocab.count(joined), vocab.count(hyphenated)
    if n_hyphenated > n_joined:
        return True, f"the book writes '{hyphenated}' {n_hyphenated}x"
    if n_joined:
        return False, f"the book writes '{joined}' {n_joined}x"
    if second[:1].isupper():
        return True, "the second part is capitalised"
    if vocab.hyphen_prefixes.get(first.lower()) and vocab.count(second):
        return True, f"the book hyphenates '{first.lower()}-' compounds"
    return False, "no evidence in the book: a line-end hyphen is taken as soft"


def unwrap_lines(book):
    """Hard-wrapped lines of a paragraph or note become one line; broken words are rejoined."""
    for page in book.body_pages():
        for block in page.blocks:
            if block.kind == "para" and not block.taken and "\n" in block.text:
                block.text = _unwrap(book, block.text, block.lines)
    for anchor in book.anchors:
        if hasattr(anchor, "text") and "\n" in anchor.text:
            anchor.text = _unwrap(book, anchor.text, anchor.lines)
    return book


def _unwrap(book, text, lines):
    parts = text.split("\n")
    out = parts[0]
    numbers = [ln if isinstance(ln, int) else ln.no for ln in lines]
    for i, part in enumerate(parts[1:], 1):
        out = join_text(book, out, part.strip(), "", [numbers[min(i, len(numbers) - 1)]])
    return out


def join_text(book, before, after, marker, lines, step="unwrap_lines"):
    """Join two pieces of one paragraph, with `marker` (a page break, or nothing) at the join."""
    end, start = BROKEN_END.search(before), BROKEN_START.match(after)
    if end and start:
        first, second = end.group("word"), start.group("word")
        keep, why = hyphen_decision(first, second, book.vocab)
        word = f"{first}-{second}" if keep else first + second
        book.report.record(
            step,
            "kept hyphen" if keep else "joined hyphenated word",
            lines,
            before=f"{first}- {second}",
            after=word,
            why=why,
            words_out=words(f"{first} {second}"),
            words_in=words(word),
        )
        rest = after[start.end() :]
        return before[: end.start()] + word + end.group("marks") + start.group("marks") + marker + rest
    if STRAY_POINT.search(before) and plain(after)[:1].islower():
        book.report.record(step, "removed stray point", lines, before=before[-20:] + " / " + after[:20])
        before = STRAY_POINT.sub("", before)
    tail, head = plain(before).rstrip(), plain(after).lstrip()
    glue = "" if tail.endswith(DASHES) or head.startswith(DASHES) else " "
    return before.rstrip() + glue + marker + after.lstrip()


def continues(before, after):
    """Does a paragraph cut at a page end go on in the next page's first paragraph?"""
    tail, head = plain(before).rstrip(), plain(after).lstrip()
    if not tail or not head:
        return False
    if BROKEN_END.search(before) and head[:1].isalpha():
        return True
    return head[:1].islower() or not FINAL.search(tail)


def join_pages(book):
    """Flow the body pages into chapters, with a page-break anchor where each printed page began."""
    openings = {id(b): c for c in book.chapters for b in c.opening}
    chapter = book.chapters[0]
    last_para = None
    for page in book.body_pages():
        marker = book.add_anchor(PageBreak(page.number, page.first_line))
        placed = False
        for block in page.blocks:
            if block.taken:
                continue
            if id(block) in openings:
                if openings[id(block)] is not chapter:
                    chapter, last_para = openings[id(block)], None
                if not placed:
                    chapter.blocks.append(Block("pb", [], text=marker))
                    placed = True
                continue
            if not placed and block.kind == "para" and last_para and continues(last_para.text, block.text):
                lines = [last_para.lines[-1].no, block.first_line]
                last_para.text = join_text(book, last_para.text, block.text, marker, lines, "join_pages")
                last_para.lines = last_para.lines + block.lines
                book.report.record("join_pages", "joined paragraph across pages", lines)
                placed = True
                continue
            if not placed:
                chapter.blocks.append(Block("pb", [], text=marker))
                placed = True
            chapter.blocks.append(block)
            last_para = block if block.kind == "para" else None
        if not placed:
            chapter.blocks.append(Block("pb", [], text=marker))
    return book
