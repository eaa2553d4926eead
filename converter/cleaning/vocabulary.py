"""The book's own vocabulary: how it spells, hyphenates and capitalises its words.

Built from the body paragraphs only, so headings and title pages set in capitals do not count as the
book's usage, and from positions inside a line only, so page-end hyphens do not count as compounds.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
CAPITALISED = re.compile(r"([.!?:]?)[ \"“”‘’'()]*\b([^\W\d_a-z]\w*(?:['’]\w+)*(?:-\w+)*)")
CLEAN = re.compile(r"<[^>]+>|[*_\\]")


@dataclass
class Vocabulary:
    words: Counter = field(default_factory=Counter)  # lower-cased word -> occurrences
    forms: dict = field(default_factory=lambda: defaultdict(Counter))  # lower -> {form: n}
    hyphen_prefixes: Counter = field(default_factory=Counter)  # "counter" in counter-revolution
    exact: Counter = field(default_factory=Counter)  # words as written, from lines that show case

    def add_text(self, text):
        for line in text.split("\n"):
            line = CLEAN.sub("", line).rstrip()
            found = WORD.findall(line)
            if line.endswith("-") and found and line[:-1].endswith(found[-1]):
                found.pop()  # a line-end fragment: its hyphen may be soft
            self.words.update(map(str.lower, found))
            if "-" in line:
                for word in found:
                    if "-" in word:
                        self._add_compound(word)
            # A line all in capitals (a signature, a lead-in, a headline) tells nothing about case.
            if line.isupper():
                continue
            self.exact.update(found)
            # A capitalised word after sentence punctuation (or first in the line) may be capitalised
            # only for that; the leading "." makes the line's first word count as such.
            for stop, word in CAPITALISED.findall("." + line):
                if not stop:
                    self.forms[word.lower()][word] += 1

    def _add_compound(self, word):
        parts = word.lower().split("-")
        for part in parts:
            self.words[part] += 0  # known as a part, not counted as a word of its own
        self.hyphen_prefixes[parts[0]] += 1

    def count(self, word):
        return self.words.get(word.lower(), 0)

    def usual_form(self, word):
        """The form the book most often uses inside sentences, or None when it never does."""
        lower = word.lower()
        forms = Counter(self.forms.get(lower, {}))
        if self.exact.get(lower):
            forms[lower] = self.exact[lower]  # a word in lower case is never at a sentence start
        if not forms:
            return None
        return forms.most_common(1)[0][0]


def build_vocabulary(texts):
    vocab = Vocabulary()
    for text in texts:
        vocab.add_text(text)
    return vocab
