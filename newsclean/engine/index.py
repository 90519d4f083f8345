"""Which rules may match which lines of a document, found in one pass over the document.

Every rule's gate names literal strings one of which any line it matches holds, or prefixes one of which such a
line starts with. One Aho-Corasick scan (pyahocorasick: every literal of every rule at once, in C) and one
search per prefix rule map each rule to the few lines that can carry it; a rule with no such gate is tried on
every line its size allows. Rules keep their order, so the first matching rule still wins.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .rules import Rule


class RuleIndex:
    """The candidate rules of each line, for one ordered list of rules."""

    __slots__ = ("rules", "_always", "_unbounded", "_longest", "_prefixed", "_automaton")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self._always: list[int] = []
        self._prefixed: list[tuple[int, object]] = []
        by_literal: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            gate = rule.gate
            if gate.literals:
                for literal in gate.literals:
                    by_literal.setdefault(literal, []).append(i)
            elif gate.prefix_re is not None:
                self._prefixed.append((i, gate.prefix_re))
            else:
                self._always.append(i)
        self._automaton = _automaton(by_literal) if by_literal else None
        # lines longer than every bounded rule allows are tried only against the unbounded ones
        self._unbounded = [i for i in self._always if self.rules[i].gate.gate.max_chars is None]
        bounds = [self.rules[i].gate.gate.max_chars for i in range(len(self.rules))]
        self._longest = max((b for b in bounds if b is not None), default=0)

    def candidates(self, text: str, lines: Sequence[tuple[int, str]]) -> list[list[int]]:
        """For each line (its start offset in `text` and its text), the indices of the rules worth trying there,
        in order: those its literals or prefixes let through, and the ungated ones, all within their sizes."""
        starts = [start for start, _ in lines]
        found: list[set[int] | None] = [None] * len(starts)
        if self._automaton is not None:
            for end, ids in self._automaton.iter(text):
                k = bisect_right(starts, end) - 1
                bucket = found[k]
                if bucket is None:
                    found[k] = set(ids)
                else:
                    bucket.update(ids)
        for i, prefix_re in self._prefixed:
            for m in prefix_re.finditer(text):
                k = bisect_right(starts, m.start()) - 1
                bucket = found[k]
                if bucket is None:
                    found[k] = {i}
                else:
                    bucket.add(i)
        out = []
        rules = self.rules
        for (_, line), bucket in zip(lines, found):
            n_chars = len(line)
            n_words = len(line.split()) if n_chars <= self._longest else 0
            if n_chars > self._longest:
                ids = self._unbounded if bucket is None else sorted(bucket.union(self._unbounded))
            else:
                ids = self._always if bucket is None else sorted(bucket.union(self._always))
            out.append([i for i in ids if rules[i].gate.fits(n_chars, n_words)] if n_chars <= self._longest else ids)
        return out


def _automaton(by_literal: dict[str, list[int]]):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for literal, ids in by_literal.items():
        automaton.add_word(literal, tuple(ids))
    automaton.make_automaton()
    return automaton
