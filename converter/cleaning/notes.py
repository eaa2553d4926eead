"""Footnotes: bodies at the page bottom are moved to the point where their reference mark stands."""

import re

from ..document import Block, Line, Note
from .blocks import NOTE_BODY
from .words import words

REF = r"<sup>\s*{}\s*</sup>"
STEP = "attach_footnotes"


def attach_footnotes(book):
    pages = book.body_pages()
    for i, page in enumerate(pages):
        paras = [b for b in page.blocks if b.kind == "para" and not b.role]  # not a heading, contents, title page
        orphans = []
        for block in [b for b in page.blocks if b.kind == "note" and not b.taken]:
            page.blocks.remove(block)
            for mark, prefix, text, lines in _split_notes(block):
                note = Note(n=mark, text=text, lines=lines)
                anchor = book.add_anchor(note)
                # The mark lives on as the note's n; the tags around it and the reference go.
                gone = words(prefix)
                for w in words(mark):
                    gone.remove(w)
                host = _place_ref(page, mark, anchor) or (i and _place_ref(pages[i - 1], mark, anchor))
                if host:
                    book.report.record(STEP, "attached footnote", lines + [host.first_line],
                                       before=f"{mark} {text[:60]}", words_out=gone + words(f"<sup>{mark}</sup>"))
                elif paras:
                    paras[-1].text += anchor
                    book.report.record(STEP, "attached footnote without reference mark", lines, words_out=gone)
                    book.report.warn(
                        STEP, f"no reference mark for footnote {mark}: attached at the end of the paragraph", lines
                    )
                else:
                    book.report.warn(STEP, f"footnote {mark} has no paragraph to attach to: kept as text", lines)
                    book.anchors.pop()  # its anchor, just made, is not used: the note stays text
                    orphans.append(Block("para", [Line(n, "") for n in lines], text=f"{prefix}{text}"))
        page.blocks.extend(orphans)
    return book


def _split_notes(block):
    """One block may hold several notes, each starting with its mark; continuation lines belong to it."""
    notes = []
    for line in block.lines:
        match = NOTE_BODY.match(line.text)
        if match:
            notes.append([match.group(1), line.text[: match.start(2)], match.group(2).strip(), [line.no]])
        elif notes:
            notes[-1][2] += "\n" + line.text.strip()
            notes[-1][3].append(line.no)
    return [tuple(n) for n in notes]


def _place_ref(page, mark, anchor):
    pattern = re.compile(REF.format(re.escape(mark)))
    for block in page.blocks:
        if block.kind in ("para", "heading") and not block.role and pattern.search(block.text):
            block.text = pattern.sub(anchor, block.text, count=1)
            return block
    return None
