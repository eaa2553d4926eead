"""Word accounting: every word of the source is in the TEI text or in the report as removed furniture.

source words - words the report says were removed or rewritten + words they became == TEI text words.
Counted case-insensitively; a TEI word is text content, or a printed number kept as an attribute
(a chapter's n, a footnote's n).
"""

from collections import Counter

from .cleaning.words import words
from .tei import NS


def source_words(text):
    return Counter(words(text))


def tei_words(tree):
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    text = root.find("tei:text", NS)
    counted = Counter(words(" ".join(text_of(text))))
    for element in text.iterfind(".//tei:div[@n]", NS):
        counted.update(words(element.get("n")))
    for element in text.iterfind(".//tei:note[@n]", NS):
        counted.update(words(element.get("n")))
    return counted


def text_of(element):
    """The text content of a TEI element, without embedded image data."""
    for node in element.iter():
        if node.tag == f"{{{NS['tei']}}}binaryObject":
            if node.tail:
                yield node.tail
            continue
        if node.text and (node.getparent() is None or node.getparent().tag != f"{{{NS['tei']}}}binaryObject"):
            yield node.text
        if node.tail and node is not element:
            yield node.tail


def balance(source_text, report, tree):
    """(words lost, words invented): both empty when the accounting balances."""
    expected = source_words(source_text)
    for decision in report.decisions:
        expected.subtract(decision.words_out)
        expected.update(decision.words_in)
    expected = +expected
    got = tei_words(tree)
    return expected - got, got - expected
