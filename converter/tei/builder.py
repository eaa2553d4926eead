"""Clean book -> TEI. One function per block kind; inline marks become hi, pb and note elements."""

import re

from lxml import etree

from .. import __version__
from ..document import STYLE_MARKS, Note, PageBreak, is_anchor
from ..cleaning.frontmatter import YEAR
from . import NSMAP, tei, xml
from .schema import validate

OPEN = {pair[0]: rend for pair, rend in STYLE_MARKS.items()}
CLOSE = {pair[1]: rend for pair, rend in STYLE_MARKS.items()}
TOKEN = re.compile("([\ue010-\ue017\U000f0000-\U000fffff])")


def build_tei(book):
    meta = book.metadata
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    root.set(xml("lang"), meta["language"])
    root.append(_header(book))
    text = _el(root, "text")
    _front(book, _el(text, "front"))
    body = _el(text, "body")
    numbered = 0
    for chapter in book.chapters:
        numbered += chapter.kind == "chapter"
        _chapter(book, body, chapter, numbered)
    tree = etree.ElementTree(root)
    return validate(tree)


def _el(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tei(tag), {k: v for k, v in attrs.items() if v})
    if text:
        element.text = text
    return element


def _header(book):
    meta = book.metadata
    header = etree.Element(tei("teiHeader"))
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", meta["title"])
    if meta.get("author"):
        _el(title_stmt, "author", meta["author"])
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "authority", f"Folio {__version__}")
    if meta.get("identifier"):
        _el(publication, "idno", meta["identifier"], type="identifier")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(bibl, "title", meta["title"])
    if meta.get("author"):
        _el(bibl, "author", meta["author"])
    for key, tag in (("publisher", "publisher"), ("place", "pubPlace")):
        if meta.get(key):
            _el(bibl, tag, meta[key])
    if meta.get("date"):
        _el(bibl, "date", meta["date"], when=meta["date"])
    if meta.get("edition"):
        _el(bibl, "edition", meta["edition"])
    if meta.get("printer"):
        resp = _el(bibl, "respStmt")
        _el(resp, "resp", "printed by")
        _el(resp, "name", meta["printer"])
    if meta.get("provenance"):
        _el(bibl, "note", "Library stamps in the scanned copy: " + "; ".join(meta["provenance"]).rstrip(".") + ".",
            type="provenance")
    encoding = _el(header, "encodingDesc")
    _el(encoding, "p", f"Converted by Folio {__version__} from a transcription of page scans.")
    languages = _el(_el(header, "profileDesc"), "langUsage")
    _el(languages, "language", meta["language_name"], ident=meta["language"])
    return header


def _front(book, front):
    meta = book.metadata
    # The title pages show what was printed, even when a sidecar gives the book another title.
    printed_title, printed_author = meta.get("printed_title"), meta.get("printed_author")
    if meta.get("half_title"):
        half = _el(front, "titlePage", type="half-title")
        _el(_el(half, "docTitle"), "titlePart", meta["half_title"], type="main")
    page = book.title_page
    if page.get("title") or page.get("by"):
        title_page = _el(front, "titlePage")
        if printed_title:
            _el(_el(title_page, "docTitle"), "titlePart", printed_title, type="main")
        byline = _el(title_page, "byline", "by " if printed_author else "by")
        if printed_author:
            _el(byline, "docAuthor", printed_author)
        if meta.get("imprint"):
            _imprint(_el(title_page, "docImprint"), ", ".join(meta["imprint"]), meta)
        for line in meta.get("date_lines", []):
            imprint = _el(title_page, "docImprint")
            year = YEAR.search(line).group(1)
            before, _, after = line.partition(year)
            imprint.text = before
            _el(imprint, "docDate", year, when=year).tail = after or None
        if meta.get("printed"):
            _el(title_page, "docImprint", meta["printed"])
    if book.front_text:
        div = _el(front, "div", type="frontmatter")
        for line in book.front_text:
            _el(div, "p", line.text.strip(" #*"))


def _imprint(element, text, meta):
    """Mark the publisher and the place inside the imprint line as printed, as whole words only."""
    last, rest = None, text
    for value, tag in ((meta.get("publisher"), "publisher"), (meta.get("place"), "pubPlace")):
        match = value and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", rest)
        if not match:
            continue
        if last is None:
            element.text = rest[: match.start()]
        else:
            last.tail = rest[: match.start()]
        last = _el(element, tag, value)
        rest = rest[match.end() :]
    if last is None:
        element.text = rest
    else:
        last.tail = rest or None


def _chapter(book, body, chapter, index):
    """index counts chapters proper, so that the first chapter is chapter-1 after any introduction."""
    ident = chapter.kind if chapter.kind != "chapter" else f"chapter-{index}"
    div = _el(body, "div", type=chapter.kind, n=chapter.n)
    div.set(xml("id"), ident)
    blocks = list(chapter.blocks)
    # Page breaks before the heading stay before it: the chapter opens on that page.
    while blocks and blocks[0].kind == "pb":
        _block(book, div, blocks.pop(0))
    if chapter.head:
        _el(div, "head", chapter.head)
    closer = None
    section = div
    for block in blocks:
        if block.kind in ("signed", "dateline"):
            closer = closer if closer is not None else _el(section, "closer")
            _inline(book, _el(closer, block.kind), block.text)
            continue
        if block.kind == "section-head":
            section = _el(div, "div", type="section")
            _inline(book, _el(section, "head"), block.text)
            continue
        _block(book, section, block)


def _block(book, parent, block):
    HANDLERS[block.kind](book, parent, block)


def _pb(book, parent, block):
    _inline(book, parent, block.text)


def _p(book, parent, block):
    _inline(book, _el(parent, "p"), block.text)


def _quote(book, parent, block):
    quote = _el(parent, "quote", type=block.role or None)
    floating = _el(_el(quote, "floatingText", type=block.role or None), "body")
    for child in block.children:
        if child.kind == "heading":
            _inline(book, _el(floating, "head"), child.text)
        else:
            _block(book, floating, child)


def _heading(book, parent, block):
    _inline(book, _el(parent, "head"), block.text)


def _figure(book, parent, block):
    """The image data goes into the TEI itself, so that writers never open a file of the source."""
    import base64

    figure = _el(parent, "figure")
    kind, data = block.image
    _el(figure, "binaryObject", base64.b64encode(data).decode("ascii"), mimeType=kind)
    if block.text:
        _inline(book, _el(figure, "figDesc"), block.text)


HANDLERS = {"pb": _pb, "para": _p, "quote": _quote, "heading": _heading, "figure": _figure}


def _inline(book, element, text):
    """Text with marks -> children of element: hi for styles, pb for page breaks, note for notes."""
    stack = [element]
    for piece in TOKEN.split(text):
        if not piece:
            continue
        if piece in OPEN:
            stack.append(_el(stack[-1], "hi", rend=OPEN[piece]))
        elif piece in CLOSE:
            if len(stack) > 1 and stack[-1].get("rend") == CLOSE[piece]:
                stack.pop()
        elif len(piece) == 1 and is_anchor(piece):
            _anchor(book, stack[-1], book.anchor(piece))
        else:
            _append_text(stack[-1], piece)
    return element


def _anchor(book, parent, anchor):
    if isinstance(anchor, PageBreak):
        _el(parent, "pb", n=anchor.n)
    elif isinstance(anchor, Note):
        _inline(book, _el(parent, "note", place="foot", n=anchor.n), anchor.text)


def _append_text(element, text):
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
