"""TEI -> XHTML, shared by the EPUB and PDF writers: one handler per TEI element, dispatched by tag.

An element without a handler is an error, so a new TEI element can never be dropped silently. Writers
subclass `Renderer` to render what differs between them (page breaks, notes, headings).
"""

from lxml import etree

from ..tei import TEI_NS, xml

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
SECTION_ROLES = {
    "chapter": ("chapter", "doc-chapter"),
    "introduction": ("introduction", "doc-introduction"),
    "preface": ("preface", "doc-preface"),
    "foreword": ("foreword", "doc-foreword"),
    "prologue": ("prologue", "doc-prologue"),
    "epilogue": ("epilogue", "doc-epilogue"),
    "afterword": ("afterword", "doc-afterword"),
    "section": ("", ""),
    "frontmatter": ("", ""),
}
HI = {"italic": ("i", None), "bold": ("b", None), "smallcaps": ("span", "smallcaps"), "sup": ("sup", None)}


class UnknownElement(Exception):
    """A TEI element the writers have no handler for: a bug to fix in the writer, not the user's."""


def local(element):
    return etree.QName(element).localname


def h(parent, tag, text=None, cls=None, **attrs):
    """A new XHTML element under parent."""
    element = etree.SubElement(parent, f"{{{XHTML_NS}}}{tag}")
    if cls:
        element.set("class", cls)
    for key, value in attrs.items():
        if value is not None:
            element.set(EPUB_TYPE if key == "epub_type" else key.replace("_", "-"), value)
    if text:
        element.text = text
    return element


def append_text(element, text):
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def text_content(element):
    return " ".join("".join(element.itertext()).split())


class Renderer:
    """Renders TEI elements into an XHTML parent. Subclasses override handlers by defining methods."""

    def __init__(self):
        self.handlers = {
            "div": self.div, "head": self.head, "p": self.p, "quote": self.quote,
            "floatingText": self.floating_text, "body": self.children, "lg": self.lg, "l": self.line,
            "list": self.list, "item": self.item, "closer": self.closer, "signed": self.signed,
            "dateline": self.dateline, "salute": self.salute, "hi": self.hi, "foreign": self.foreign,
            "q": self.q, "lb": self.lb, "pb": self.pb, "note": self.note, "milestone": self.milestone,
            "titlePage": self.title_page, "docTitle": self.doc_title, "titlePart": self.title_part,
            "byline": self.byline, "docAuthor": self.span, "docImprint": self.doc_imprint,
            "publisher": self.span, "pubPlace": self.span, "docDate": self.span, "figure": self.figure,
        }

    def render(self, element, parent):
        if not isinstance(element.tag, str) or etree.QName(element).namespace != TEI_NS:
            raise UnknownElement(f"not a TEI element: {element.tag!r}")
        handler = self.handlers.get(local(element))
        if handler is None:
            raise UnknownElement(f"no XHTML handler for TEI element <{local(element)}>")
        return handler(element, parent)

    def children(self, element, parent):
        append_text(parent, element.text)
        for child in element:
            self.render(child, parent)
            append_text(parent, child.tail)
        return parent

    # Blocks

    def div(self, element, parent):
        kind = element.get("type", "section")
        epub_type, role = SECTION_ROLES.get(kind, ("", ""))
        section = h(parent, "section", cls=kind, id=element.get(xml("id")), epub_type=epub_type or None,
                    role=role or None)
        return self.children(element, section)

    def head(self, element, parent):
        owner = element.getparent()
        if local(owner) == "body":  # the headline of a quoted article, not a heading of the book
            return self.children(element, h(parent, "p", cls="headline"))
        level = 2 + sum(1 for a in owner.iterancestors() if local(a) == "div")
        heading = h(parent, f"h{min(level, 6)}")
        if level > 2:
            return self.children(element, heading)
        number = owner.get("n")
        if number:
            h(heading, "span", number, cls="number")
            append_text(heading, " ")
        return self.children(element, h(heading, "span", cls="title"))

    def p(self, element, parent):
        return self.children(element, h(parent, "p"))

    def quote(self, element, parent):
        return self.children(element, h(parent, "blockquote", cls=element.get("type")))

    def floating_text(self, element, parent):
        return self.children(element, h(parent, "div", cls=element.get("type") or "inset"))

    def lg(self, element, parent):
        return self.children(element, h(parent, "div", cls="verse"))

    def line(self, element, parent):
        return self.children(element, h(parent, "p", cls="line"))

    def list(self, element, parent):
        return self.children(element, h(parent, "ul"))

    def item(self, element, parent):
        return self.children(element, h(parent, "li"))

    def closer(self, element, parent):
        return self.children(element, h(parent, "footer", cls="closer"))

    def signed(self, element, parent):
        return self.children(element, h(parent, "p", cls="signed"))

    def dateline(self, element, parent):
        return self.children(element, h(parent, "p", cls="dateline"))

    def salute(self, element, parent):
        return self.children(element, h(parent, "p", cls="salute"))

    def figure(self, element, parent):
        """A figure: its image (embedded in the TEI) with the description as alternative text."""
        import base64

        data = element.find("{*}binaryObject")
        desc = element.find("{*}figDesc")
        alt = text_content(desc) if desc is not None else ""
        figure = h(parent, "figure")
        src = self.image_source(base64.b64decode(data.text), data.get("mimeType"))
        return h(figure, "img", src=src, alt=alt)

    def image_source(self, data, media_type):
        raise NotImplementedError

    def milestone(self, element, parent):
        return h(parent, "hr", cls="section-break")

    # Inline

    def hi(self, element, parent):
        tag, cls = HI[element.get("rend")]
        return self.children(element, h(parent, tag, cls=cls))

    def foreign(self, element, parent):
        lang = element.get(xml("lang"))
        out = h(parent, "i", cls="foreign", lang=lang)
        out.set(f"{{{etree.QName(xml('lang')).namespace}}}lang", lang)
        return self.children(element, out)

    def q(self, element, parent):
        return self.children(element, h(parent, "span", cls="q"))

    def lb(self, element, parent):
        return h(parent, "br")

    def span(self, element, parent):
        return self.children(element, h(parent, "span", cls=local(element)))

    def pb(self, element, parent):
        raise NotImplementedError

    def note(self, element, parent):
        raise NotImplementedError

    # Title pages

    def title_page(self, element, parent):
        half = element.get("type") == "half-title"
        section = h(parent, "section", cls="half-title" if half else "titlepage",
                    epub_type="halftitlepage" if half else "titlepage")
        return self.children(element, section)

    def doc_title(self, element, parent):
        return self.children(element, h(parent, "h1", epub_type="fulltitle"))

    def title_part(self, element, parent):
        return self.children(element, h(parent, "span", cls="title-part", epub_type="title"))

    def byline(self, element, parent):
        return self.children(element, h(parent, "p", cls="byline"))

    def doc_imprint(self, element, parent):
        return self.children(element, h(parent, "p", cls="imprint"))
