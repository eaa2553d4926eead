"""The book's own vocabulary: how it spells, hyphenates and capitalises its words.

Built from the body paragraphs only, so headings and title pages set in capitals do not count as the
book's usage, and from positions inside a line only, so page-end hyphens do not count as compounds.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
SENTENCE_PUNCT = re.compile(r"[.!?:]")
CLEAN = re.compile(r"<[^>]+>|[*_\\]")


@dataclass
class Vocabulary:
    words: Counter = field(default_factory=Counter)  # lower-cased word -> occurrences
    forms: dict = field(default_factory=lambda: defaultdict(Counter))  # lower -> {form: n}
    hyphen_prefixes: Counter = field(default_factory=Counter)  # "counter" in counter-revolution

    def add_text(self, text):
        for line in text.split("\n"):
            line = CLEAN.sub("", line)
            stripped = line.rstrip()
            # A line all in capitals (a signature, a lead-in, a headline) tells nothing about case.
            says_case = any(ch.islower() for ch in line)
            previous_end = 0
            for i, m in enumerate(WORD.finditer(line)):
                word = m.group(0)
                gap = line[previous_end : m.start()]
                previous_end = m.end()
                if m.end() + 1 == len(stripped) and stripped.endswith("-"):
                    continue  # a line-end fragment: its hyphen may be soft
                self._add_word(word)
                if says_case and i and not SENTENCE_PUNCT.search(gap):
                    self.forms[word.lower()][word] += 1

    def _add_word(self, word):
        lower = word.lower()
        self.words[lower] += 1
        if "-" in lower:
            parts = lower.split("-")
            for part in parts:
                self.words[part] += 0  # known as a part, not counted as a word of its own
            self.hyphen_prefixes[parts[0]] += 1

    def count(self, word):
        return self.words.get(word.lower(), 0)

    def usual_form(self, word):
        """The form the book most often uses inside sentences, or None when it never does."""
        forms = self.forms.get(word.lower())
        if not forms:
            return None
        return forms.most_common(1)[0][0]


def build_vocabulary(texts):
    vocab = Vocabulary()
    for text in texts:
        vocab.add_text(text)
    return vocab
