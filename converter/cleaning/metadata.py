"""Book metadata from the title page (in normal case) and the language from the text itself."""

import re
from collections import Counter

from .case import title_case
from .frontmatter import PRINTER_NAME, YEAR, text_of

# Spellings that tell British from American English, as (British, American) stems.
SPELLINGS = [
    ("labour", "labor"), ("honour", "honor"), ("favour", "favor"), ("colour", "color"),
    ("behaviour", "behavior"), ("humour", "humor"), ("harbour", "harbor"), ("neighbour", "neighbor"),
    ("defence", "defense"), ("offence", "offense"), ("centre", "center"), ("theatre", "theater"),
    ("manoeuvre", "maneuver"), ("grey", "gray"),
    ("travelled", "traveled"), ("travelling", "traveling"),
]
ENGLISH = {"the", "and", "of", "to", "a", "in", "that", "was", "he", "it", "is", "with"}
FRENCH = {"le", "la", "les", "et", "de", "des", "est", "une", "que", "dans"}
GERMAN = {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "mit"}
STEP = "read_metadata"


def read_metadata(book):
    page, vocab = book.title_page, book.vocab
    meta = book.metadata
    title = " ".join(text_of(ln) for ln in page.get("title", []))
    meta["printed_title"] = _typeset(title_case(title, vocab)) if title else ""
    half = " ".join(text_of(ln) for ln in book.half_title)
    meta["half_title"] = _typeset(title_case(half, vocab)) if half else ""
    meta["title"] = meta["printed_title"] or _title_from_path(book)
    author = " ".join(text_of(ln) for ln in page.get("author", []))
    author = re.sub(r"^by\s+", "", author, flags=re.I).strip(" .,")
    meta["printed_author"] = title_case(author, vocab) if author else ""
    meta["author"] = meta["printed_author"]
    imprint = [text_of(ln).rstrip(",") for ln in page.get("imprint", [])]
    if imprint:
        meta["publisher"] = title_case(imprint[0].split(",")[0].strip(), vocab)
        place = imprint[-1].split(",")[0].strip() if len(imprint) > 1 else (imprint[0].split(",")[1:] or [""])[0]
        meta["place"] = title_case(place.strip(), vocab) if place.strip() and not place.strip()[0].isdigit() else ""
        meta["imprint"] = [title_case(text, vocab) for text in imprint]
    dates = [text_of(ln) for ln in page.get("date", [])]
    if dates:
        meta["date"] = YEAR.search(dates[0]).group(1)
        meta["edition"] = dates[0]
        meta["date_lines"] = dates
    printer = " ".join(text_of(ln) for ln in page.get("printer", []))
    if printer:
        meta["printed"] = title_case(printer, vocab)
        match = PRINTER_NAME.search(meta["printed"])
        meta["printer"] = match.group("name").strip(" .") if match else meta["printed"]
    meta["provenance"] = list(book.provenance)
    meta["language"], meta["language_name"] = _language(book)
    if not meta["author"]:
        book.report.warn(STEP, "no author found on a title page")
    book.report.record(STEP, "read metadata", [], after=f"{meta['title']} / {meta['author']} / {meta['language']}")
    return book


def _typeset(text):
    return text.replace("'", "’")


def _title_from_path(book):
    from pathlib import Path

    stem = Path(book.path).stem.replace("-", " ").replace("_", " ")
    book.report.warn(STEP, f"no title page: title taken from the file name ('{stem}')")
    return stem[:1].upper() + stem[1:]


LANGUAGE_NAMES = {"en": "English", "en-GB": "British English", "en-US": "American English", "fr": "French",
                  "de": "German", "es": "Spanish", "it": "Italian", "ru": "Russian"}


def language_name(tag):
    return LANGUAGE_NAMES.get(tag, LANGUAGE_NAMES.get(tag.split("-")[0], tag))


def _language(book):
    text = " ".join(b.text for c in book.chapters for b in c.blocks if b.kind == "para").lower()
    counts = Counter(re.findall(r"[a-z]+", text))  # only plain English words are looked up
    scores = {lang: sum(counts[w] for w in common) for lang, common in
              (("en", ENGLISH), ("fr", FRENCH), ("de", GERMAN))}
    lang = max(scores, key=scores.get)
    if lang != "en":
        return lang, {"fr": "French", "de": "German"}[lang]
    british = sum(counts[b] + counts[b + "s"] for b, _ in SPELLINGS)
    american = sum(counts[a] + counts[a + "s"] for _, a in SPELLINGS)
    if british > american:
        return "en-GB", "British English"
    if american > british:
        return "en-US", "American English"
    return "en", "English"
