"""Source readers: each knows one dialect and turns a file into pages of numbered lines."""

import re
from pathlib import Path

from ..errors import FolioError
from . import scan_markdown

SUFFIXES = (".md", ".markdown", ".txt")
# Control characters cannot stand in XML; the private-use characters Folio uses for its own marks
# cannot stand in a source. Neither is ever a letter of a book.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
RESERVED = re.compile("[\ue000-\ue0ff\U000f0000-\U000fffff]")


def decode(path):
    """The text of a source file, or a FolioError saying in one line what is wrong with it."""
    path = Path(path)
    if not path.exists():
        raise FolioError(path, "no such file")
    if path.is_dir():
        raise FolioError(path, "is a folder, not a source file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FolioError(path, f"cannot be read ({err.strerror})") from None
    if not data.strip():
        raise FolioError(path, "is empty")
    if b"\x00" in data[:8192]:
        raise FolioError(path, "is a binary file, not a text transcription")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FolioError(
            path, f"is not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if not any(ch.isalpha() for ch in text):
        raise FolioError(path, "has no text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RESERVED.sub("\ufffd", CONTROL.sub("", text))


def read_pages(path):
    """Pages of a source: the reader is chosen by the file's suffix."""
    return scan_markdown.read_pages(decode(path))
