"""Queries over the TEI that several tests use."""

from converter.document import plain
from converter.tei import NS

PAGE_GAP = "\n\n\n\n"


def q(tree, path):
    return tree.getroot().xpath(path, namespaces=NS)


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def body_text(tree):
    return " ".join(text_of(p) for p in q(tree, "//tei:text//tei:p"))


def chapters(tree):
    return q(tree, "//tei:body/tei:div")


def page_numbers(tree):
    return [pb.get("n") for pb in q(tree, "//tei:body//tei:pb")]


def paragraphs(book):
    return [plain(b.text) for c in book.chapters for b in c.blocks if b.kind == "para"]
