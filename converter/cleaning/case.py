"""Recover normal case for text the printer set in capitals (headings, lead-ins, signatures).

Capitals are a typographic style; the book's own usage inside sentences decides each word's case.
"""

import re

# Words that stay lower case inside an English title (Chicago style), unless first or last.
SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet of in on at to by from with into onto upon as via vs per".split()
)
ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def title_case(text, vocab):
    """A heading in the book's capitals, in title case: 'STALIN'S HAND IN SPAIN' -> 'Stalin's Hand in Spain'."""
    if any(ch.islower() for ch in text):
        return text
    tokens = list(TOKEN.finditer(text))
    out, last = [], 0
    for i, m in enumerate(tokens):
        out.append(text[last : m.start()])
        first = i == 0 or text[last : m.start()].strip().endswith((":", "—", "."))
        out.append(_title_word(m.group(0), vocab, first, i == len(tokens) - 1, _is_abbreviation(text, m)))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def sentence_case(text, vocab):
    """Capitals at the start of a sentence ('DURING the night', 'W. G. KRIVITSKY.') in running-text case."""
    tokens = list(TOKEN.finditer(text))
    out, last = [], 0
    for i, m in enumerate(tokens):
        out.append(text[last : m.start()])
        word = m.group(0)
        if word.isupper():
            word = _sentence_word(word, vocab, i == 0, _is_abbreviation(text, m))
        out.append(word)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _is_abbreviation(text, m):
    """Initials and abbreviations (W. G., W.C.2, O.M.S.) keep their capitals."""
    after = text[m.end() : m.end() + 1]
    return len(m.group(0)) <= 2 and after == "." or bool(re.match(r"[.\d]", after) and len(m.group(0)) == 1)


def _title_word(word, vocab, first, last, abbreviation):
    lower = word.lower()
    if abbreviation or word == "I":
        return word
    usual = vocab.usual_form(word)
    if usual and usual.isupper() and len(word) > 1:
        return word  # an acronym: the book writes it in capitals (OGPU)
    if ROMAN.match(word) and not usual:
        return word  # a numeral (Part II)
    if lower in SMALL_WORDS and not first and not last:
        return lower
    if usual and usual[0].isupper() and not usual.isupper():
        return usual  # the book's own mixed case (McDonald)
    return _capitalize(lower)


def _sentence_word(word, vocab, first, abbreviation):
    if abbreviation or word == "I":
        return word
    usual = vocab.usual_form(word)
    if usual and usual.isupper() and len(word) > 1:
        return word
    if usual and usual[0].isupper():
        return usual
    return _capitalize(word.lower()) if first else word.lower()


def _capitalize(word):
    return word[:1].upper() + word[1:]
