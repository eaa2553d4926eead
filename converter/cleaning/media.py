"""Images, links and raw HTML in a source: nothing outside the source's folder is ever read.

An image alone in its paragraph becomes a figure when its file lies inside the source's folder and is a
PNG, JPEG or GIF; the image data goes into the TEI, so writers never open files. Any other image (a URL,
a path leading out of the folder, a missing file) is refused and reported. Links keep their text and lose
their target. Scripts and styles are removed with their content.
"""

import re
from pathlib import Path
from urllib.parse import urlparse

from ..document import plain
from .words import words

IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=[\"'](?P<target>[^\"']*)[\"'][^>]*?(?:\balt=[\"'](?P<alt>[^\"']*)[\"'])?[^>]*>",
                        re.I)
LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]+)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
ACTIVE = re.compile(r"<(script|style|iframe|object|embed)\b.*?(?:</\1\s*>|$)", re.I | re.S)
TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF87a": "image/gif",
         b"GIF89a": "image/gif"}
MAX_IMAGE = 20_000_000
STEP = "resolve_media"


def resolve_media(book):
    folder = Path(book.path).resolve().parent
    for chapter in book.chapters:
        kept = []
        for block in chapter.blocks:
            if block.kind in ("para", "heading"):
                block.text = _strip_active(book, block)
                block.text = _links(book, block)
                if block.kind == "para" and _figure(book, block, folder):
                    if block.kind == "dropped":
                        continue
                else:
                    block.text = _inline_images(book, block)
            kept.append(block)
        chapter.blocks = kept
    for anchor in book.anchors:
        if hasattr(anchor, "text"):
            anchor.text = _links(book, anchor)
    return book


def _lines(block):
    return [ln if isinstance(ln, int) else ln.no for ln in block.lines]


def _strip_active(book, block):
    def drop(match):
        book.report.warn(STEP, f"removed <{match.group(1).lower()}> and its content", _lines(block))
        book.report.record(STEP, "removed active HTML", _lines(block), before=match.group(0)[:60],
                           words_out=words(match.group(0)))
        return ""

    return ACTIVE.sub(drop, block.text)


def _links(book, holder):
    def text_only(match):
        book.report.record(STEP, "dropped link target", _lines(holder), before=match.group("target"),
                           words_out=words(match.group("target")))
        return match.group("text")

    return LINK.sub(text_only, holder.text)


def _figure(book, block, folder):
    """A paragraph that is only an image: a figure, or nothing when the image is refused."""
    text = plain(block.text).strip()
    match = IMAGE.fullmatch(text) or HTML_IMAGE.fullmatch(text)
    if not match:
        return False
    alt, target = match.group("alt") or "", match.group("target")
    problem, image = _load(folder, target)
    lines = _lines(block)
    path_words = words(text)
    for w in words(alt):
        path_words.remove(w)
    if problem:
        book.report.warn(STEP, f"image '{target}' not used: {problem}", lines)
        book.report.record(STEP, "refused image", lines, before=target, why=problem, words_out=words(text))
        block.kind = "dropped"
        return True
    block.kind, block.text, block.image = "figure", alt, image
    book.report.record(STEP, "made figure", lines, before=target, words_out=path_words)
    return True


def _inline_images(book, block):
    def alt_only(match):
        book.report.warn(STEP, f"image '{match.group('target')}' inside a paragraph: its alt text stands in",
                         _lines(block))
        alt = match.group("alt") or ""
        gone = words(match.group(0))
        for w in words(alt):
            gone.remove(w)
        book.report.record(STEP, "replaced inline image by its alt text", _lines(block), words_out=gone)
        return alt

    return HTML_IMAGE.sub(alt_only, IMAGE.sub(alt_only, block.text))


def _load(folder, target):
    """(problem, None) or ('', (media type, data)) for an image path given in the source."""
    parsed = urlparse(target)
    if parsed.scheme or target.startswith("//"):
        return f"only files inside the source's folder are read, not {parsed.scheme or 'network'} URLs", None
    path = (folder / target).resolve()
    if not path.is_relative_to(folder):
        return "it lies outside the source's folder", None
    if not path.is_file():
        return "no such file", None
    if path.stat().st_size > MAX_IMAGE:
        return "larger than 20 MB", None
    data = path.read_bytes()
    kind = next((t for sig, t in TYPES.items() if data.startswith(sig)), None)
    if kind is None:
        return "not a PNG, JPEG or GIF image", None
    return "", (kind, data)
