"""EPUB 3 from the canonical TEI, packaged with ebooklib as named steps.

metadata -> documents (cover, title page, imprint, chapters) -> navigation (toc, landmarks, page-list)
-> NCX -> package -> reproducible zip. Every navigation structure comes from one walk over the TEI.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ebooklib import epub
from lxml import etree

from ..resources import style
from ..tei import NS
from .metadata import read_meta
from .xhtml import EPUB_NS, EPUB_TYPE, XHTML_NS, Renderer, append_text, h, text_content

CSS_FILE = "css/epub.css"
STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif")  # already compressed
A11Y_FEATURES = ("tableOfContents", "readingOrder", "structuralNavigation")


@dataclass
class Document:
    file_name: str
    title: str
    html: bytes
    uid: str
    epub_type: str = ""
    properties: list = field(default_factory=list)


@dataclass
class Page:
    label: str
    href: str


@dataclass
class TocEntry:
    label: str
    href: str


class EpubRenderer(Renderer):
    """Page breaks become labelled empty markers; notes become linked noterefs and asides per chapter."""

    def __init__(self):
        super().__init__()
        self.pages = []
        self.file_name = ""
        self.asides = []
        self.images = []  # EpubItems for the figures, in order
        self.alts = []  # their alternative texts

    def figure(self, element, parent):
        img = super().figure(element, parent)
        self.alts.append(img.get("alt") or "")
        return img

    def image_source(self, data, media_type):
        suffix = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}[media_type]
        name = f"images/figure-{len(self.images) + 1}.{suffix}"
        self.images.append(epub.EpubItem(uid=f"figure-{len(self.images) + 1}", file_name=name,
                                         media_type=media_type, content=data))
        return name

    def start(self, file_name):
        self.file_name, self.asides = file_name, []

    def pb(self, element, parent):
        n = element.get("n")
        ident = f"page-{n}"
        self.pages.append(Page(n, f"{self.file_name}#{ident}"))
        return h(parent, "span", epub_type="pagebreak", role="doc-pagebreak", id=ident, aria_label=n)

    def note(self, element, parent):
        k = str(len(self.asides) + 1)
        sup = h(parent, "sup")
        h(sup, "a", k, cls="noteref", href=f"#note-{k}", id=f"noteref-{k}", epub_type="noteref",
          role="doc-noteref")
        aside = etree.Element(f"{{{XHTML_NS}}}aside", id=f"note-{k}")
        aside.set(EPUB_TYPE, "footnote")
        aside.set("role", "doc-footnote")
        p = h(aside, "p")
        h(p, "a", f"{k}.", cls="backlink", href=f"#noteref-{k}", role="doc-backlink",
          title="Back to the text")
        append_text(p, " ")
        self.children(element, p)
        self.asides.append(aside)
        return sup


def write_epub(tree, modified=None, cover=None):
    """The EPUB of a TEI tree, as bytes. `modified` (a datetime) fixes every timestamp; `cover` is image bytes."""
    meta = read_meta(tree)
    modified = (modified or datetime.now(timezone.utc)).replace(microsecond=0)
    renderer = EpubRenderer()
    cover_image = cover_item(meta, cover)
    documents = [cover_document(meta, cover_image)]
    documents += front_documents(tree, meta, renderer)
    chapters, toc = chapter_documents(tree, meta, renderer)
    nav = nav_document(meta, toc, renderer.pages, documents, chapters)
    documents += [nav] + chapters
    ncx = ncx_item(meta, toc, renderer.pages)
    book = package(meta, documents, cover_image, ncx, modified, renderer.images, renderer.alts)
    return reproducible_zip(book, modified)


def cover_item(meta, cover):
    if cover is None:
        from .cover import make_cover

        cover = make_cover(meta.title, meta.author)
    data = cover
    kind = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    suffix = "png" if kind == "image/png" else "jpg"
    item = epub.EpubItem(uid="cover-image", file_name=f"images/cover.{suffix}", media_type=kind, content=data)
    item.properties = ["cover-image"]
    return item


def xhtml_page(meta, title, body_type=""):
    """An empty XHTML document with our CSS; returns (root, body)."""
    root = etree.Element(f"{{{XHTML_NS}}}html", nsmap={None: XHTML_NS, "epub": EPUB_NS})
    root.set("lang", meta.language)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", meta.language)
    head = h(root, "head")
    h(head, "title", title)
    h(head, "link", rel="stylesheet", type="text/css", href=CSS_FILE)
    body = h(root, "body", epub_type=body_type or None)
    return root, body


def serialize(root):
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + etree.tostring(root, encoding="utf-8")


def cover_document(meta, image):
    root, body = xhtml_page(meta, "Cover", "cover")
    section = h(body, "section", cls="cover", epub_type="cover")
    alt = f"Cover: {meta.title}" + (f", by {meta.author}" if meta.author else "")
    h(section, "img", src=image.file_name, alt=alt, role="doc-cover")
    return Document("cover.xhtml", "Cover", serialize(root), "cover", "cover")


def front_documents(tree, meta, renderer):
    docs = []
    title_pages = tree.getroot().xpath("//tei:front/tei:titlePage[not(@type)]", namespaces=NS)
    root, body = xhtml_page(meta, meta.title, "frontmatter")
    if title_pages:
        renderer.render(title_pages[0], body)
    else:
        section = h(body, "section", cls="titlepage", epub_type="titlepage")
        h(section, "h1", meta.title, epub_type="fulltitle")
        if meta.author:
            h(section, "p", meta.author, cls="byline")
    docs.append(Document("titlepage.xhtml", "Title Page", serialize(root), "titlepage", "titlepage"))
    docs.append(imprint_document(meta))
    for div in tree.getroot().xpath("//tei:front/tei:div", namespaces=NS):
        root, body = xhtml_page(meta, "Front matter", "frontmatter")
        renderer.render(div, body)
        docs.append(Document(f"front-{len(docs)}.xhtml", "Front matter", serialize(root), f"front-{len(docs)}"))
    return docs


def imprint_document(meta):
    root, body = xhtml_page(meta, "Imprint", "frontmatter")
    section = h(body, "section", cls="imprint", epub_type="imprint")
    h(section, "h2", "Imprint")
    source = h(section, "p")
    append_text(source, "This ebook reproduces the text of ")
    h(source, "i", meta.title)
    if meta.author:
        append_text(source, f" by {meta.author}")
    edition = meta.print_edition
    append_text(source, f", as published by {edition}." if edition else ".")
    details = [meta.edition] if meta.edition else []
    if meta.printer:
        details.append(f"Printed by {meta.printer}")
    if details:
        h(section, "p", ". ".join(d.rstrip(".") for d in details) + ".")
    h(section, "p", "It was made from a transcription of page scans of that edition. Running heads, folios "
                    "and library stamps of the scanned copy were removed; the printed page numbers are kept "
                    "as page-break markers and in the page list.")
    if meta.provenance:
        h(section, "p", meta.provenance, cls="provenance")
    if meta.converted:
        h(section, "p", meta.converted, cls="production")
    return Document("imprint.xhtml", "Imprint", serialize(root), "imprint", "imprint")


def chapter_documents(tree, meta, renderer):
    docs, toc = [], []
    for i, div in enumerate(tree.getroot().xpath("//tei:body/tei:div", namespaces=NS), 1):
        file_name = f"{div.get('{http://www.w3.org/XML/1998/namespace}id') or f'chapter-{i}'}.xhtml"
        renderer.start(file_name)
        head = div.find("{*}head")
        title = text_content(head) if head is not None else meta.title
        number = div.get("n")
        label = f"{number}. {title}" if number else title
        root, body = xhtml_page(meta, title, "bodymatter")
        section = renderer.render(div, body)
        if renderer.asides:
            notes = h(section, "section", cls="footnotes", epub_type="footnotes", role="doc-endnotes")
            notes.set("aria-label", "Notes")
            for aside in renderer.asides:
                notes.append(aside)
        docs.append(Document(file_name, title, serialize(root), file_name.removesuffix(".xhtml"), "chapter"))
        toc.append(TocEntry(label, file_name))
    return docs, toc


def nav_document(meta, toc, pages, front, chapters):
    root, body = xhtml_page(meta, "Contents", "frontmatter")
    nav = h(body, "nav", id="toc", epub_type="toc", role="doc-toc")
    h(nav, "h2", "Contents")
    ol = h(nav, "ol")
    for entry in toc:
        h(h(ol, "li"), "a", entry.label, href=entry.href)
    landmarks = h(body, "nav", id="landmarks", epub_type="landmarks", hidden="hidden")
    h(landmarks, "h2", "Landmarks")
    ol = h(landmarks, "ol")
    marks = [("cover", "cover.xhtml", "Cover"), ("titlepage", "titlepage.xhtml", "Title Page"),
             ("toc", "nav.xhtml", "Table of Contents")]
    if chapters:
        marks.append(("bodymatter", chapters[0].file_name, "Start of Text"))
    for kind, href, label in marks:
        h(h(ol, "li"), "a", label, href=href, epub_type=kind)
    if pages:
        page_list = h(body, "nav", id="page-list", epub_type="page-list", role="doc-pagelist", hidden="hidden")
        h(page_list, "h2", "Pages")
        ol = h(page_list, "ol")
        for page in pages:
            h(h(ol, "li"), "a", page.label, href=page.href)
    return Document("nav.xhtml", "Contents", serialize(root), "nav", "toc", ["nav"])


def ncx_item(meta, toc, pages):
    """The EPUB 2 NCX, for older readers, with the same contents and page list as the nav document."""
    ns = "http://www.daisy.org/z3986/2005/ncx/"
    root = etree.Element(f"{{{ns}}}ncx", nsmap={None: ns}, version="2005-1")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", meta.language)
    head = etree.SubElement(root, f"{{{ns}}}head")
    for name, content in (("dtb:uid", meta.identifier), ("dtb:depth", "1"),
                          ("dtb:totalPageCount", str(len(pages))),
                          ("dtb:maxPageNumber", str(max((int(p.label) for p in pages if p.label.isdigit()), default=0)))):
        etree.SubElement(head, f"{{{ns}}}meta", name=name, content=content)
    etree.SubElement(etree.SubElement(root, f"{{{ns}}}docTitle"), f"{{{ns}}}text").text = meta.title
    nav_map = etree.SubElement(root, f"{{{ns}}}navMap")
    order = 0
    for i, entry in enumerate(toc, 1):
        order += 1
        point = etree.SubElement(nav_map, f"{{{ns}}}navPoint", id=f"navpoint-{i}", playOrder=str(order))
        etree.SubElement(etree.SubElement(point, f"{{{ns}}}navLabel"), f"{{{ns}}}text").text = entry.label
        etree.SubElement(point, f"{{{ns}}}content", src=entry.href)
    if pages:
        page_list = etree.SubElement(root, f"{{{ns}}}pageList")
        etree.SubElement(etree.SubElement(page_list, f"{{{ns}}}navLabel"), f"{{{ns}}}text").text = "Pages"
        for i, page in enumerate(pages, 1):
            order += 1
            target = etree.SubElement(page_list, f"{{{ns}}}pageTarget", id=f"pagetarget-{i}",
                                      type="normal" if page.label.isdigit() else "front",
                                      value=page.label if page.label.isdigit() else "0", playOrder=str(order))
            etree.SubElement(etree.SubElement(target, f"{{{ns}}}navLabel"), f"{{{ns}}}text").text = page.label
            etree.SubElement(target, f"{{{ns}}}content", src=page.href)
    data = etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return epub.EpubItem(uid="ncx", file_name="toc.ncx", media_type="application/x-dtbncx+xml", content=data)


def package(meta, documents, cover_image, ncx, modified, images=(), alts=()):
    book = epub.EpubBook()
    _metadata(book, meta, alts)
    for image in images:
        book.add_item(image)
    css = epub.EpubItem(uid="css", file_name=CSS_FILE, media_type="text/css", content=style("epub.css").encode())
    book.add_item(css)
    book.add_item(cover_image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_image.id})
    spine = []
    for doc in documents:
        item = epub.EpubItem(uid=doc.uid, file_name=doc.file_name, media_type="application/xhtml+xml",
                             content=doc.html)
        item.properties = list(doc.properties)
        book.add_item(item)
        spine.append(item)
    book.add_item(ncx)
    book.spine = spine
    book.guide = [{"type": "cover", "href": "cover.xhtml", "title": "Cover"},
                  {"type": "toc", "href": "nav.xhtml", "title": "Contents"}]
    out = io.BytesIO()
    # ebooklib's zip is only a container to read back: the final one is compressed once, below.
    writer = epub.EpubWriter(out, book, {"mtime": modified, "epub3_pages": False, "epub3_landmark": False,
                                         "compresslevel": 0})
    writer.process()
    writer.write()
    return out.getvalue()


def _metadata(book, meta, alts=()):
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    if meta.author:
        # ebooklib would mark file-as with the role's scheme; the refinement is written here instead.
        book.add_author(meta.author, role="aut", uid="creator")
        book.add_metadata(None, "meta", meta.author_file_as, {"refines": "#creator", "property": "file-as"})
    if meta.print_edition:
        book.add_metadata("DC", "source", meta.source_description)
    for prop, value in accessibility(meta, alts):
        book.add_metadata(None, "meta", value, {"property": prop})


def accessibility(meta, alts=()):
    """EPUB Accessibility 1.1 claims: only what the book really has. `alts`: one per figure."""
    described = all(alts)
    claims = [("schema:accessMode", "textual")]
    if alts:
        claims += [("schema:accessMode", "visual")]
    claims += [("schema:accessModeSufficient", "textual" if described else "textual,visual")]
    features = list(A11Y_FEATURES) + ["printPageNumbers", "pageBreakMarkers", "pageNavigation"]
    if alts and described:
        features.append("alternativeText")
    claims += [("schema:accessibilityFeature", f) for f in features]
    claims += [("schema:accessibilityHazard", "none")]
    summary = ("Text with a table of contents, headings for every chapter, footnotes linked both ways, and "
               "the page numbers of the print edition as page-break markers and a page list.")
    claims += [("schema:accessibilitySummary", summary)]
    if meta.print_edition:
        claims += [("pageBreakSource", meta.source_description)]
    return claims


def reproducible_zip(data, modified):
    """The same files with fixed timestamps and attributes, mimetype first and stored, in a stable order."""
    stamp = modified.astimezone(timezone.utc).timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names = ["mimetype"] + sorted(n for n in names if n != "mimetype")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            stored = name == "mimetype" or name.endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name), compresslevel=None if stored else 6)
    return out.getvalue()
