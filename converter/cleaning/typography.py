"""Typography, as an ordered list of rules over block text, each with the reason it exists.

Rules see the text with structure marks in it; marks are transparent to them (a quote before an italic
word is still an opening quote).
"""

import re
import unicodedata
from collections import Counter
from itertools import product

from ..document import is_mark, plain
from .words import words

OPENERS = set(" \t\n([{<—–-‘“/\u00a0")
CLOSING_CONTEXT = set(".,;:!?)]}>—–…’”")
ELISIONS = ("tis", "twas", "em", "n", "cause", "til", "round", "bout", "phone", "plane")
SPACED_DOTS = re.compile(r"(?<![.\w])\.(?:[ \u00a0]?\.){2,}(?!\w)|(?<=\w)\.(?:[ \u00a0]\.){2,}|\.\.\.+")
DOUBLE_HYPHEN = re.compile(r"(?<=\S) ?-- ?(?=\S)")
SPACES = re.compile(r"[ \u00a0]{2,}")
STRAIGHT = re.compile("[\"']")
FOREIGN_WORD = re.compile(r"[^\W\d_]*[\u0370-\u03ff\u0400-\u04ff][^\W\d_]*")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
STRAY_MAX = 2  # a symbol used more often than this is the book's, not noise
LATIN, CYRILLIC, GREEK = "LATIN", "CYRILLIC", "GREEK"
CYRILLIC_LOOKALIKE = dict(zip("аеорсухкмтнвіјѕАВЕКМНОРСТХУ", "aeopcyxkmthbijsABEKMHOPCTXY"))
CYRILLIC_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
    )
)
GREEK_LOOKALIKE = dict(zip("αβεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧΖ", "aBeiKvopTuxABEHIKMNOPTYXZ"))


def typeset(book):
    """Apply the rules to every paragraph, heading, note and chapter title."""
    stray = _rare_symbols(book)
    for text_holder, lines in _holders(book):
        text = text_holder.text
        for rule in RULES:
            text = rule(book, text, lines, stray)
        text_holder.text = text
    for chapter in book.chapters:
        title = chapter.title
        for rule in RULES:
            title = rule(book, title, [b.first_line for b in chapter.opening], stray)
        chapter.title = title
    return book


def _holders(book):
    for chapter in book.chapters:
        for block in chapter.blocks:
            if block.kind in ("para", "heading"):
                yield block, block.line_nos
    for anchor in book.anchors:
        if hasattr(anchor, "text"):
            yield anchor, anchor.lines


def ellipses(book, text, lines, stray):
    """Spaced dots ('. . .') are one ellipsis character, so that they never break across lines."""
    def one(match):
        dots = match.group(0).count(".")
        return "…" + "." * (dots - 3 if dots > 3 else 0)

    if ". ." not in text and ".." not in text:
        return text
    found = SPACED_DOTS.findall(text)
    if found:
        book.report.record("typeset", "made ellipsis", lines, before=" | ".join(found), after="…")
    return SPACED_DOTS.sub(one, text)


def dashes(book, text, lines, stray):
    """Typewriter double hyphens are an em dash."""
    if "--" not in text:
        return text
    new = DOUBLE_HYPHEN.sub("—", text)
    if new != text:
        book.report.record("typeset", "made em dash", lines)
    return new


def quotes(book, text, lines, stray):
    """Straight quotes become curly ones, decided by what stands on either side."""
    if '"' not in text and "'" not in text:
        return text
    chars = list(text)
    for match in STRAIGHT.finditer(text):
        i = match.start()
        if chars[i] == '"':
            chars[i] = _double(_neighbour(chars, i, -1), _neighbour(chars, i, 1))
        else:
            chars[i] = _single(chars, i)
    new = "".join(chars)
    book.report.record("typeset", "curled quotes", lines, before=str(text.count('"') + text.count("'")))
    return new


def _neighbour(chars, i, step):
    j = i + step
    while 0 <= j < len(chars) and is_mark(chars[j]):
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _double(before, after):
    if before in ("—", "–") and (not after or after.isspace()):
        return "”"
    if not before or before in OPENERS:
        return "“" if after and not after.isspace() else "”"
    return "”"


def _single(chars, i):
    before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
    if before.isalnum() and after.isalpha():
        return "’"  # don't, Stalin's
    if not before or before in OPENERS or before in "“\"":
        following = plain("".join(chars[i + 1 : i + 8])).lower()
        if after.isdigit() or any(re.match(rf"{e}\b", following) for e in ELISIONS):
            return "’"  # '30s, 'tis
        return "‘" if after and not after.isspace() else "’"
    return "’"


def stray_marks(book, text, lines, stray):
    """OCR leaves stray symbols (✓, ■) that the printed page never had: rare symbols are dropped."""
    if not stray or not any(ch in stray for ch in NON_ASCII.findall(text)):
        return text
    found = [ch for ch in text if ch in stray]
    book.report.record("typeset", "removed stray mark", lines, before=" ".join(found))
    marks = "".join(sorted(stray))
    # Between two letters the mark stood for a space; elsewhere it simply goes.
    text = re.sub(rf"(?<=\w)[{re.escape(marks)}]+(?=\w)", " ", text)
    return "".join(ch for ch in text if ch not in stray)


def _rare_symbols(book):
    counts = Counter(
        ch for holder, _ in _holders(book) for ch in NON_ASCII.findall(holder.text) if _is_symbol(ch)
    )
    return {ch for ch, n in counts.items() if n <= STRAY_MAX}


def _is_symbol(ch):
    return not is_mark(ch) and (unicodedata.category(ch) in ("So", "Co") or ch == "\ufffd")


def mixed_script(book, text, lines, stray):
    """A Latin word with Cyrillic or Greek letters in it is an OCR confusion: repair it to Latin."""
    if text.isascii():
        return text

    def repair(match):
        word = match.group(0)
        scripts = Counter(_script(ch) for ch in word if ch.isalpha())
        if len(scripts) < 2 or scripts.most_common(1)[0][0] != LATIN:
            return word
        fixed = _to_latin(word, book.vocab)
        book.report.record(
            "typeset", "repaired mixed-script word", lines, before=word, after=fixed,
            words_out=words(word), words_in=words(fixed),
        )
        return fixed

    return FOREIGN_WORD.sub(repair, text)


def _script(ch):
    name = unicodedata.name(ch, "")
    return next((s for s in (LATIN, CYRILLIC, GREEK) if name.startswith(s)), "OTHER")


def _to_latin(word, vocab):
    """Each foreign letter may be a look-alike or a transliteration; the book's vocabulary picks."""
    options = []
    for ch in word:
        choices = []
        for table in (CYRILLIC_LATIN, CYRILLIC_LOOKALIKE, GREEK_LOOKALIKE):
            latin = table.get(ch.lower()) if table is CYRILLIC_LATIN else table.get(ch)
            if latin is not None:
                latin = latin.replace("_", "")
                choices.append(latin.capitalize() if ch.isupper() and table is CYRILLIC_LATIN else latin)
        options.append(list(dict.fromkeys(choices)) or [ch])
    candidates = ["".join(c) for c in product(*options[:12])] if len(word) <= 12 else []
    known = [c for c in candidates if vocab and vocab.count(c)]
    if known:
        return max(known, key=vocab.count)
    return "".join(opts[0] for opts in options)


def spaces(book, text, lines, stray):
    """Runs of spaces left by joins and OCR are one space."""
    return SPACES.sub(" ", text) if "  " in text or "\u00a0" in text else text


RULES = [ellipses, dashes, stray_marks, mixed_script, quotes, spaces]
