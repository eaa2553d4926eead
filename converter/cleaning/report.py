"""The cleaning report: what each step changed, where in the source, and why.

Every decision may carry the source words it consumed (`words_out`) and produced (`words_in`), so the
word accounting can prove that nothing was lost: source words - out + in == words of the TEI text.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Decision:
    step: str
    action: str
    lines: list
    before: str = ""
    after: str = ""
    why: str = ""
    words_out: list = field(default_factory=list)
    words_in: list = field(default_factory=list)

    def as_json(self):
        record = {"step": self.step, "action": self.action, "lines": self.lines}
        for key in ("before", "after", "why"):
            value = getattr(self, key)
            if value:
                record[key] = value
        return record


class Report:
    def __init__(self, source):
        self.source = str(source)
        self.decisions = []
        self.warnings = []
        self.steps = []

    def record(self, step, action, lines, before="", after="", why="", words_out=(), words_in=()):
        lines = sorted({n for n in lines if n})
        self.decisions.append(
            Decision(step, action, lines, before, after, why, list(words_out), list(words_in))
        )

    def warn(self, step, message, lines=()):
        self.warnings.append({"step": step, "message": message, "lines": sorted(set(lines))})

    def step_done(self, name, doc):
        self.steps.append({"name": name, "doc": doc})

    def counts(self):
        per_step = Counter(d.step for d in self.decisions)
        return {s["name"]: per_step.get(s["name"], 0) for s in self.steps}

    def actions(self):
        return Counter(d.action for d in self.decisions)

    def find(self, action):
        return [d for d in self.decisions if d.action == action]

    def as_json(self):
        return {
            "source": self.source,
            "steps": [
                {"name": s["name"], "what": s["doc"], "decisions": self.counts()[s["name"]]}
                for s in self.steps
            ],
            "actions": dict(sorted(self.actions().items())),
            "warnings": self.warnings,
            "decisions": [d.as_json() for d in self.decisions],
        }
