"""Print PDF from the canonical TEI, laid out by WeasyPrint with styles/print.css.

Two passes: the first finds the page each chapter opens on, the second sets those folios in the
contents and restarts the folio counter where the text begins. pikepdf then adds what WeasyPrint does
not write: page labels matching the printed folios, XMP metadata, fixed dates.
"""

import io
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..resources import STYLES
from ..tei import NS
from .metadata import read_meta
from .trim import DEFAULT, parse_length, parse_trim
from .xhtml import EPUB_TYPE, XHTML_NS, Renderer, h, text_content

@dataclass
class PrintOptions:
    trim: str = DEFAULT
    bleed: str = ""
    marks: bool = False
    variant: str = ""
    workers: int = 0  # processes for the layout; 0: one per CPU


class PrintRenderer(Renderer):
    """Page breaks of the print edition are not this book's pages: they vanish. Notes float to the foot."""

    def pb(self, element, parent):
        return parent

    def note(self, element, parent):
        return self.children(element, h(parent, "span", cls="footnote"))

    def image_source(self, data, media_type):
        import base64

        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"

    def div(self, element, parent):
        section = super().div(element, parent)
        if element.getparent() is not None and etree.QName(element.getparent()).localname == "body":
            section.set("class", f"{section.get('class')} text-part")
        return section


@dataclass
class Chapter:
    ident: str
    label: str
    number: str
    title: str


def write_pdf(tree, options=None, modified=None):
    """Print PDF bytes. The text is laid out once, in parts on several processes when it can be."""
    options = options or PrintOptions()
    meta = read_meta(tree)
    chapters = _chapters(tree)
    workers = _workers(options, chapters)
    laid_out = None
    if workers:
        from .pdf_parts import write_in_parts

        laid_out = write_in_parts(tree, meta, chapters, options, workers)
    data, body_start = laid_out or _write_whole(tree, meta, chapters, options)
    return _finish(data, meta, body_start, modified)


def _workers(options, chapters):
    """Processes for the layout: 0 when a variant needs one WeasyPrint document (PDF/A, PDF/UA tagging),
    1 inside a batch worker (which may not start processes of its own), else up to one per CPU."""
    import multiprocessing

    if options.variant or not chapters:
        return 0
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(options.workers or os.cpu_count() or 1, len(chapters)))


def _write_whole(tree, meta, chapters, options):
    """One WeasyPrint document for the text; the front matter, whose contents needs its folios, after it."""
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = _stylesheets(options, fonts)
    text = _render(_text_html(tree, meta), sheets, fonts)
    starts = _opening_pages(text, chapters)
    folios = {c.ident: str(starts[c.ident] + 1) for c in chapters}
    front = front_document(front_htmls(tree, meta, chapters, folios), sheets, fonts)
    book = front.copy(front.pages + text.pages)
    return book.write_pdf(pdf_variant=options.variant or None, uncompressed_pdf=False), len(front.pages)


def front_htmls(tree, meta, chapters, folios, anchors=False):
    """The front matter as laid out first, and again with a blank verso at its end."""
    return [_front_html(tree, meta, chapters, folios, blank, anchors) for blank in (False, True)]


def front_document(htmls, sheets, fonts):
    """Half-title to contents, always an even number of pages so that the text opens on a recto."""
    front = _render(htmls[0], sheets, fonts)
    return _render(htmls[1], sheets, fonts) if len(front.pages) % 2 else front


def _chapters(tree):
    chapters = []
    for div in tree.getroot().xpath("//tei:body/tei:div", namespaces=NS):
        head = div.find("{*}head")
        title = text_content(head) if head is not None else ""
        number = div.get("n") or ""
        label = f"{number}. {title}" if number and title else (title or number)
        chapters.append(Chapter(div.get("{http://www.w3.org/XML/1998/namespace}id"), label, number, title))
    return chapters


def _page(meta):
    root = etree.Element(f"{{{XHTML_NS}}}html", lang=meta.language)
    head = h(root, "head")
    h(head, "meta", charset="utf-8")
    h(head, "title", meta.title)
    if meta.author:
        h(head, "meta", name="author", content=meta.author)
    h(head, "meta", name="generator", content=meta.converted)
    return root, h(root, "body")


def _front_html(tree, meta, chapters, folios, blank_verso, anchors=False):
    root, body = _page(meta)
    half = h(body, "section", cls="half-title")
    h(half, "p", meta.title, cls="book-title")
    title_pages = tree.getroot().xpath("//tei:front/tei:titlePage[not(@type)]", namespaces=NS)
    renderer = PrintRenderer()
    if title_pages:
        renderer.render(title_pages[0], body)
    else:
        section = h(body, "section", cls="titlepage")
        h(section, "h1", meta.title)
        if meta.author:
            h(section, "p", meta.author, cls="byline")
    _imprint(body, meta)
    _contents(body, chapters, folios)
    for div in tree.getroot().xpath("//tei:front/tei:div", namespaces=NS):
        renderer.render(div, body)
    if blank_verso:
        h(body, "section", cls="blank-verso")
    if anchors:
        # Stand-ins for the chapters, laid out elsewhere, so that the contents' links get named targets.
        holder = h(body, "div", cls="link-targets")
        for chapter in chapters:
            h(holder, "span", id=chapter.ident)
    return _html(root)


def _text_html(tree, meta, divs=None, bare=False):
    """The text (all chapters, or `divs`); `bare` leaves the page margins empty for furniture overlaid later."""
    root, body = _page(meta)
    if bare:
        body.set("class", "bare")
    renderer = PrintRenderer()
    for div in divs if divs is not None else tree.getroot().xpath("//tei:body/tei:div", namespaces=NS):
        renderer.render(div, body)
    first = body.find(f"{{{XHTML_NS}}}section")
    if first is not None:
        # The versos' running head: the book's title, set as a string from the first page of the text.
        first.insert(0, etree.Element(f"{{{XHTML_NS}}}div", {"class": "running-title"}))
        first[0].text = meta.title
    return _html(root)


def _html(root):
    for element in root.iter():
        element.tag = etree.QName(element).localname
        if EPUB_TYPE in element.attrib:
            del element.attrib[EPUB_TYPE]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, method="html", encoding="unicode")


def _imprint(body, meta):
    section = h(body, "section", cls="imprint-page")
    source = f"{meta.title}" + (f" by {meta.author}" if meta.author else "")
    edition = meta.print_edition
    h(section, "p", f"This book reproduces the text of {source}" + (f", as published by {edition}." if edition else "."))
    details = [d for d in (meta.edition, f"Printed by {meta.printer}" if meta.printer else "") if d]
    if details:
        h(section, "p", ". ".join(d.rstrip(".") for d in details) + ".")
    h(section, "p", "Set from a transcription of page scans of that edition; its running heads, folios and "
                    "library stamps were removed and its text reset in EB Garamond.")
    if meta.provenance:
        h(section, "p", meta.provenance)
    if meta.converted:
        h(section, "p", meta.converted)


def _contents(body, chapters, folios):
    nav = h(body, "nav", cls="contents")
    h(nav, "h2", "Contents")
    ol = h(nav, "ol")
    for chapter in chapters:
        # The folio goes in an attribute: the stylesheet sets it after a dot leader.
        a = h(h(ol, "li"), "a", href=f"#{chapter.ident}", data_folio=folios.get(chapter.ident, "000"))
        if chapter.number:
            h(a, "span", f"{chapter.number}.", cls="number")
        h(a, "span", chapter.title or chapter.number, cls="entry-title")


def page_rule(options):
    """The @page rule made from the command line's print options."""
    width, height = parse_trim(options.trim)
    rules = [f"size: {width} {height};"]
    if options.bleed:
        rules.append(f"bleed: {parse_length(options.bleed)};")
    if options.marks:
        rules.append("marks: crop cross;")
    return "@page { " + " ".join(rules) + " }"


def _stylesheets(options, fonts):
    from weasyprint import CSS

    base = CSS(filename=str(STYLES / "print.css"), font_config=fonts, url_fetcher=_styles_only_fetcher())
    return [base, _css(page_rule(options), fonts)]


def _css(text, fonts):
    from weasyprint import CSS

    return CSS(string=text, font_config=fonts, url_fetcher=_styles_only_fetcher())


def _styles_only_fetcher():
    """WeasyPrint may read our styles and fonts, and nothing else: no network, no other file."""
    from weasyprint.urls import URLFetcher

    class StylesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)  # the book's own images, carried in the TEI
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_relative_to(STYLES.resolve()):
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}: only Folio's own styles and fonts are read")

    return StylesOnly(allowed_protocols=("file", "data"))


def _render(html, sheets, fonts):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STYLES) + "/", url_fetcher=_styles_only_fetcher()).render(
        stylesheets=sheets, font_config=fonts
    )


def _opening_pages(document, chapters):
    wanted = {c.ident for c in chapters}
    found = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor in wanted and anchor not in found:
                found[anchor] = index
    missing = wanted - set(found)
    if missing:
        raise RuntimeError(f"chapters missing from the laid-out book: {sorted(missing)}")
    return found


def _finish(data, meta, body_start, modified):
    """Page labels (roman front matter, arabic text), XMP and document info, fixed dates and id."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    labels = [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
    labels += [body_start, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)]
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(labels))
    pdf.Root.Lang = pikepdf.String(meta.language)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = meta.title
        if meta.author:
            xmp["dc:creator"] = [meta.author]
        xmp["dc:language"] = [meta.language]
        if meta.print_edition:
            xmp["dc:source"] = meta.source_description
        if modified:
            stamp = modified.strftime("%Y-%m-%dT%H:%M:%S+00:00")
            xmp["xmp:CreateDate"] = stamp
            xmp["xmp:ModifyDate"] = stamp
            xmp["xmp:MetadataDate"] = stamp
    pdf.docinfo[pikepdf.Name.Title] = meta.title
    if meta.author:
        pdf.docinfo[pikepdf.Name.Author] = meta.author
    pdf.docinfo[pikepdf.Name.Creator] = meta.converted or "Folio"
    if modified:
        stamp = modified.strftime("D:%Y%m%d%H%M%S+00'00'")
        pdf.docinfo[pikepdf.Name.CreationDate] = stamp
        pdf.docinfo[pikepdf.Name.ModDate] = stamp
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
