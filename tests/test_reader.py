import pytest

from converter.errors import FolioError
from converter.sources import decode, read_pages
from converter.sources.scan_markdown import read_pages as split


def test_pages_split_on_three_blank_lines_and_keep_line_numbers():
    pages = split("one\n\ntwo\n\n\n\nthree\n\n\n\nfour")
    assert [[ln.text for ln in p.lines if ln.text] for p in pages] == [["one", "two"], ["three"], ["four"]]
    assert pages[1].lines[0].no == 7


def test_two_blank_lines_do_not_end_a_page():
    assert len(split("a\n\n\nb")) == 1


def test_form_feeds_are_the_only_page_ends_when_present():
    pages = split("a\n\n\n\nb\f\nc")
    assert len(pages) == 2
    assert [ln.text for ln in pages[0].lines if ln.text] == ["a", "b"]


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"\x00\x01binary", "is a binary file"),
        (b"caf\xe9", "is not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"123 456\n", "has no text"),
    ],
)
def test_bad_sources_get_one_clear_problem(tmp_path, content, problem):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(FolioError) as err:
        decode(path)
    assert problem in str(err.value)
    assert str(path) in str(err.value)


def test_missing_source(tmp_path):
    with pytest.raises(FolioError, match="no such file"):
        read_pages(tmp_path / "nope.md")


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeffHello\r\n\r\nworld".encode("utf-8"))
    assert decode(path) == "Hello\n\nworld"
