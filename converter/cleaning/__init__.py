"""Cleaning: the ordered steps that turn a source's pages into a clean book."""

from ..document import Book
from . import blocks, chapters, contents, finishing, frontmatter, furniture, inline, joins, media, metadata
from . import notes, pagenumbers, typography
from .report import Report

# The order matters: each step relies on what the steps before it found.
STEPS = [
    blocks.split_blocks,  # pages -> headings, paragraphs, footnote bodies
    contents.find_contents,  # the printed contents: evidence, then removed
    chapters.find_chapters,  # where each chapter opens
    frontmatter.read_front_matter,  # stamps, half-title, title page
    furniture.remove_page_furniture,  # running heads, folios
    pagenumbers.number_pages,  # printed page numbers from folios, contents and heads
    notes.attach_footnotes,  # footnote bodies to their reference marks
    joins.learn_vocabulary,  # the book's own words, for hyphens and case
    joins.unwrap_lines,  # hard-wrapped lines into paragraphs
    joins.join_pages,  # pages into chapters, paragraphs cut by page ends rejoined
    media.resolve_media,  # images inside the source's folder only, links, scripts
    inline.parse_inline,  # Markdown and HTML inline markup, escapes
    typography.typeset,  # ellipses, dashes, stray marks, mixed scripts, quotes
    metadata.read_metadata,  # title, author, imprint, language
    finishing.recover_case,  # headings in normal case
    finishing.mark_lead_ins,  # chapter-opening capitals
    finishing.find_closers,  # signature and dateline
    finishing.group_embedded_headings,  # headlines inside quotations, section heads
]


def clean(path, pages):
    book = Book(path=str(path), pages=pages, report=Report(path))
    for step in STEPS:
        book = step(book)
        book.report.step_done(step.__name__, (step.__doc__ or "").strip().split("\n")[0])
    return book
