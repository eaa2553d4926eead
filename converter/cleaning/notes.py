"""Footnotes: bodies at the page bottom are moved to the point where their reference mark stands."""

import re

from ..document import Note
from .blocks import NOTE_BODY
from .words import words

REF = r"<sup>\s*{}\s*</sup>"
STEP = "attach_footnotes"


def attach_footnotes(book):
    pages = book.body_pages()
    for i, page in enumerate(pages):
        for block in [b for b in page.blocks if b.kind == "note"]:
            page.blocks.remove(block)
            for mark, text, lines in _split_notes(block):
                note = Note(n=mark, text=text, lines=lines)
                anchor = book.add_anchor(note)
                host = _place_ref(page, mark, anchor) or (i and _place_ref(pages[i - 1], mark, anchor))
                if host:
                    book.report.record(
                        STEP, "attached footnote", lines + [host.first_line], before=f"{mark} {text[:60]}",
                        words_out=words(mark),  # the reference mark: the note keeps it as its n
                    )
                    continue
                target = next((b for b in reversed(page.blocks) if b.kind == "para"), None)
                if target is None:
                    book.report.warn(STEP, f"footnote {mark} has no paragraph to attach to: kept as text", lines)
                    page.blocks.append(block)
                    continue
                target.text += anchor
                book.report.warn(
                    STEP, f"no reference mark for footnote {mark}: attached at the end of the paragraph", lines
                )
    return book


def _split_notes(block):
    """One block may hold several notes, each starting with its mark; continuation lines belong to it."""
    notes = []
    for line in block.lines:
        match = NOTE_BODY.match(line.text)
        if match:
            notes.append([match.group(1), match.group(2).strip(), [line.no]])
        elif notes:
            notes[-1][1] += "\n" + line.text.strip()
            notes[-1][2].append(line.no)
    return [tuple(n) for n in notes]


def _place_ref(page, mark, anchor):
    pattern = re.compile(REF.format(re.escape(mark)))
    for block in page.blocks:
        if block.kind in ("para", "heading") and pattern.search(block.text):
            block.text = pattern.sub(anchor, block.text, count=1)
            return block
    return None
