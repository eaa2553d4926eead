"""Whole books: the fixture books against their expected facts, and the word accounting for every book."""

import copy
import json

import pytest

from conftest import BOOKS, SEED, cleaned
from converter.accounting import balance
from converter.sources import decode
from helpers import body_text, chapters, page_numbers, q, text_of

EXPECTED = sorted(BOOKS.glob("*.expected.json"))


def _source(expected_path):
    stem = expected_path.name.removesuffix(".expected.json")
    return next(p for p in BOOKS.iterdir() if p.stem == stem and not p.name.endswith(".json"))


@pytest.fixture(params=EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def fixture_book(request):
    source = _source(request.param)
    book, tree = cleaned(str(source))
    return book, tree, json.loads(request.param.read_text(encoding="utf-8"))


def test_metadata(fixture_book):
    book, tree, want = fixture_book
    if "title" in want:
        assert q(tree, "string(//tei:titleStmt/tei:title)") == want["title"]
    if "author" in want:
        assert q(tree, "string(//tei:titleStmt/tei:author)") == want["author"]


def test_chapters(fixture_book):
    book, tree, want = fixture_book
    divs = chapters(tree)
    assert len(divs) == len(want["chapters"])
    for div, chapter in zip(divs, want["chapters"]):
        assert div.get("n") == chapter["n"]
        head = div.find("{*}head")
        assert (text_of(head) if head is not None else None) == chapter["head"]
        first_pb = div.find("{*}pb")
        if chapter["first_page"] and first_pb is not None and div.index(first_pb) == 0:
            assert first_pb.get("n") == chapter["first_page"]


def test_page_numbers(fixture_book):
    book, tree, want = fixture_book
    if "page_numbers" in want:
        assert page_numbers(tree) == want["page_numbers"]


def test_footnotes(fixture_book):
    book, tree, want = fixture_book
    notes = q(tree, "//tei:note[@place='foot']")
    assert len(notes) == want.get("footnotes", 0)
    for note in notes:
        assert note.getparent().tag.endswith(("p", "hi")), "a note stands in the text at its reference"


def test_hyphens(fixture_book):
    book, tree, want = fixture_book
    text = body_text(tree)
    for word in want.get("joined_words", []):
        assert word in text
    for word in want.get("kept_hyphens", []):
        assert word in text
    joined = {d.after for d in book.report.find("joined hyphenated word")}
    assert set(want.get("joined_words", [])) <= joined


def test_no_furniture_survives(fixture_book):
    book, tree, want = fixture_book
    text = " ".join(q(tree, "//tei:text")[0].itertext())
    for line in want.get("furniture", []):
        assert line not in text


def test_text_snippets(fixture_book):
    book, tree, want = fixture_book
    text = body_text(tree)
    for snippet in want.get("text_snippets", []):
        assert snippet in text
    assert '"' not in text and "'" not in text


def test_warnings(fixture_book):
    book, tree, want = fixture_book
    messages = " | ".join(w["message"] for w in book.report.warnings)
    for warning in want.get("warnings", []):
        assert warning in messages


@pytest.mark.parametrize("source", [SEED] + sorted(p for p in BOOKS.iterdir() if not p.name.endswith(".json")),
                         ids=lambda p: p.stem)
def test_every_source_word_is_in_the_tei_or_reported_as_furniture(source):
    book, tree = cleaned(str(source))
    lost, invented = balance(decode(source), book.report, tree)
    assert not lost, f"words lost without a report entry: {dict(lost)}"
    assert not invented, f"words in the TEI that the source does not have: {dict(invented)}"


def test_accounting_catches_a_dropped_paragraph():
    book, tree = cleaned(str(SEED))
    tree = copy.deepcopy(tree)
    p = q(tree, "//tei:body//tei:p")[5]
    p.getparent().remove(p)
    lost, _ = balance(decode(SEED), book.report, tree)
    assert lost
