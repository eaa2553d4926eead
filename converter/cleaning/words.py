"""Words as the accounting counts them: runs of letters and digits, case-folded."""

import re

from ..document import plain

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W_]+")


def words(text):
    return [w.casefold() for w in WORD.findall(TAG.sub(" ", plain(text)))]
