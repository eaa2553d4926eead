import functools
from pathlib import Path

import pytest

import converter

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "i-was-stalins-agent.md"
FIXTURES = Path(__file__).parent / "fixtures"
BOOKS = FIXTURES / "books"
STEPS = FIXTURES / "steps"


@functools.lru_cache(maxsize=None)
def cleaned(path):
    """(book, TEI tree) for a source path, cleaned once per test run."""
    book = converter.clean(path)
    return book, converter.to_tei(book)


@pytest.fixture(scope="session")
def seed():
    return cleaned(str(SEED))


@pytest.fixture
def clean_text(tmp_path):
    """Clean a small source given as text; returns (book, tree)."""

    def run(text, name="book.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        book = converter.clean(path)
        return book, converter.to_tei(book)

    return run
