"""Split each page into blocks: headings, paragraphs and footnote bodies."""

import re

from ..document import Block

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NOTE_BODY = re.compile(r"^<sup>\s*([0-9]+|[*†‡§])\s*</sup>\s*(.*)$")


def split_blocks(book):
    """Group each page's lines into blocks at blank lines; recognise headings and footnote bodies."""
    for page in book.pages:
        page.blocks = []
        run = []
        for line in page.lines + [None]:
            if line is None or not line.text.strip():
                if run:
                    page.blocks.extend(_blocks_of(run))
                run = []
            else:
                run.append(line)
    return book


def _blocks_of(lines):
    """A run may hold a heading line followed directly by text; split those apart."""
    blocks, rest = [], []
    for line in lines:
        match = HEADING.match(line.text)
        if match:
            if rest:
                blocks.append(_text_block(rest))
                rest = []
            blocks.append(Block("heading", [line], level=len(match.group(1)), text=match.group(2)))
        else:
            rest.append(line)
    if rest:
        blocks.append(_text_block(rest))
    return blocks


def _text_block(lines):
    text = "\n".join(line.text for line in lines)
    kind = "note" if NOTE_BODY.match(lines[0].text) else "para"
    return Block(kind, list(lines), text=text)
