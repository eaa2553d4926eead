"""Folio: scanned-book transcriptions to clean TEI, EPUB and print PDF.

The public API, in data-flow order: load (source -> pages), clean (pages -> clean book),
to_tei (clean book -> TEI tree).
"""

from pathlib import Path

__version__ = (Path(__file__).with_name("VERSION")).read_text(encoding="utf-8").strip()


def load(path):
    from .sources import read_pages

    return read_pages(path)


def clean(path):
    from .cleaning import clean as run_steps

    return run_steps(path, load(path))


def write_epub(tree, modified=None, cover=None):
    """EPUB bytes from a TEI tree."""
    from .writers.epub import write_epub as write

    return write(tree, modified=modified, cover=cover)


def write_pdf(tree, options=None, modified=None):
    """Print PDF bytes from a TEI tree."""
    from .writers.pdf import write_pdf as write

    return write(tree, options=options, modified=modified)


def to_tei(book):
    from .tei.builder import build_tei

    return build_tei(book)
