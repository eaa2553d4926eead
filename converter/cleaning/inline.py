"""Inline Markdown and HTML in block text become style marks; escapes and entities become characters."""

import html
import re

from ..document import BOLD, ITALIC, SUP
from .words import TAG, words

ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~\"'])")
STRONG = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
EMPH = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])|(?<![\w_\\])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
TAGS = {"i": ITALIC, "em": ITALIC, "cite": ITALIC, "b": BOLD, "strong": BOLD, "sup": SUP}
STEP = "parse_inline"


def parse_inline(book):
    """Italics and bold (*x*, _x_, **x**), known HTML tags, escapes (\\$) and entities."""
    for block in _text_blocks(book):
        block.text = _parse(book, block.text, _lines(block))
    for chapter in book.chapters:
        chapter.title = _parse(book, chapter.title, [b.first_line for b in chapter.opening])
    return book


def _text_blocks(book):
    for chapter in book.chapters:
        yield from (b for b in chapter.blocks if b.kind in ("para", "heading"))
    yield from (a for a in book.anchors if hasattr(a, "text"))


def _lines(block):
    return [ln if isinstance(ln, int) else ln.no for ln in block.lines]


def _parse(book, text, lines):
    # Escaped characters are hidden first, so that an escaped * is never read as emphasis.
    escaped = ESCAPE.findall(text) if "\\" in text else []
    if escaped:
        text = ESCAPE.sub(lambda m: f"\ue0f0{ord(m.group(1)):x}\ue0f1", text)
    if "<" in text:
        text = _tags(book, text, lines)
    if "*" in text or "_" in text:
        text = STRONG.sub(lambda m: BOLD[0] + (m.group(1) or m.group(2)) + BOLD[1], text)
        text = EMPH.sub(lambda m: ITALIC[0] + (m.group(1) or m.group(2)) + ITALIC[1], text)
    if escaped:
        text = re.sub("\ue0f0([0-9a-f]+)\ue0f1", lambda m: chr(int(m.group(1), 16)), text)
        book.report.record(STEP, "removed escapes", lines, before=" ".join("\\" + e for e in escaped))
    if "&" not in text:
        return text
    unescaped = html.unescape(text)
    if unescaped != text:
        # '&amp;' is a character, not the word 'amp'
        book.report.record(STEP, "decoded entities", lines, words_out=words(text), words_in=words(unescaped))
    return unescaped


def _tags(book, text, lines):
    def replace(match):
        closing, name = match.group(1), match.group(2).lower()
        if name in TAGS:
            book.report.record(STEP, "made style from HTML tag", lines, before=match.group(0),
                               words_out=words(match.group(0)))
            return TAGS[name][1 if closing else 0]
        book.report.record(STEP, "dropped HTML tag", lines, before=match.group(0), words_out=words(match.group(0)))
        # Between two letters a dropped tag still parts two words: a zero-width space keeps them apart.
        text, start, end = match.string, match.start(), match.end()
        if start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
            return "\u200b"
        return ""

    return TAG.sub(replace, text)
