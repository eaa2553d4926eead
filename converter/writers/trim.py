"""Trim sizes: the named sizes print-on-demand services offer, or WIDTHxHEIGHT with units."""

import re

NAMED = {
    "5x8": ("5in", "8in"),
    "5.25x8": ("5.25in", "8in"),
    "5.5x8.5": ("5.5in", "8.5in"),
    "6x9": ("6in", "9in"),
    "a5": ("148mm", "210mm"),
    "b-format": ("129mm", "198mm"),
    "demy": ("138mm", "216mm"),
    "royal": ("156mm", "234mm"),
}
DEFAULT = "5.5x8.5"
UNITS = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}
SIZE = re.compile(r"^(?P<w>\d+(?:\.\d+)?)(?P<wu>in|mm|cm|pt)?\s*[x×]\s*(?P<h>\d+(?:\.\d+)?)(?P<hu>in|mm|cm|pt)?$")
LENGTH = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<u>in|mm|cm|pt)$")
SMALLEST, LARGEST = 3 * 72, 13 * 72  # points: what a bound book can be


def parse_trim(text):
    """('5.5in', '8.5in') for '5.5x8.5', 'A5', '140mmx216mm', '6x9in'; ValueError with the reason."""
    key = text.strip().lower()
    if key in NAMED:
        return NAMED[key]
    match = SIZE.match(key.replace(" ", ""))
    if not match:
        named = ", ".join(NAMED)
        raise ValueError(f"'{text}' is not a trim size: use one of {named}, or WIDTHxHEIGHT such as 140x216mm")
    unit = match.group("hu") or match.group("wu") or "in"
    width = f"{match.group('w')}{match.group('wu') or unit}"
    height = f"{match.group('h')}{unit}"
    for length in (width, height):
        if not SMALLEST <= points(length) <= LARGEST:
            raise ValueError(f"'{text}': {length} is outside the sizes a book can have (3 to 13 in)")
    if points(width) >= points(height):
        raise ValueError(f"'{text}': a book page is taller than it is wide")
    return width, height


def parse_length(text):
    match = LENGTH.match(text.strip().lower())
    if not match:
        raise ValueError(f"'{text}' is not a length such as 0.125in or 3mm")
    if points(text) > 0.5 * 72:
        raise ValueError(f"'{text}' is more bleed than any printer asks for (at most 0.5in)")
    return text.strip().lower()


def points(length):
    match = LENGTH.match(length)
    return float(match.group("n")) * UNITS[match.group("u")]
