"""Words as the accounting counts them: runs of letters and digits, case-folded."""

import re

from ..document import plain

# An HTML tag as both the accounting and the inline parser see it.
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
WORD = re.compile(r"[^\W_]+")


def words(text):
    """Every run of letters and digits, tag names included: a step that drops a tag reports its words."""
    return [w.casefold() for w in WORD.findall(plain(text))]
