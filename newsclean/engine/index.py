"""Which rules may match which lines of a document, found in one pass over the document.

Every rule's gate names literal strings one of which any line it matches holds, or prefixes one of which such a
line starts with. One Aho-Corasick scan (pyahocorasick: every literal of every rule at once, in C) maps each
literal-gated rule to the few lines that can carry it; each line's start is folded once and compared with the
prefixes of the prefix-gated rules; a rule with no such gate is tried on every line its size allows. A rule
anchored at the line's end is tried only where the line ends with a character it can end with. Rules keep their
order, so the first matching rule still wins.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from .fold import fold
from .rules import Rule

Lines = Sequence[tuple[int, str]]  # (start offset in the document, text) of each line


class KindIndex:
    """The rules of one kind, in order, split by how they are gated."""

    __slots__ = ("rules", "prefixed", "head", "always", "unbounded", "longest", "ends")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.prefixed = [(i, r.gate.prefixes) for i, r in enumerate(self.rules) if _gated_by_prefix(r)]
        ungated = [i for i, r in enumerate(self.rules) if not r.gate.literals and r.gate.prefixes is None]
        self.always = [(i, self.rules[i].gate.gate.max_chars, self.rules[i].gate.gate.max_words) for i in ungated]
        self.unbounded = [i for i, max_chars, _ in self.always if max_chars is None]
        self.longest = max((r.gate.gate.max_chars or 0 for r in self.rules), default=0)
        # how much of a line's start to fold to compare it with the longest prefix (folding only shortens text)
        self.head = 2 * max((len(p) for _, prefixes in self.prefixed for p in prefixes), default=0) + 8
        # the characters a line must end with (spaces aside) for a rule anchored at the end of the line
        self.ends = {i: r.gate.ends for i, r in enumerate(self.rules) if r.gate.ends}


class RuleIndex:
    """Rules of several kinds indexed together, so one scan of a document serves all of them."""

    __slots__ = ("kinds", "_automaton")

    def __init__(self, groups: Mapping[str, Sequence[Rule]]) -> None:
        self.kinds = {kind: KindIndex(rules) for kind, rules in groups.items()}
        by_literal: dict[str, list[tuple[str, int]]] = {}
        for kind, index in self.kinds.items():
            for i, rule in enumerate(index.rules):
                for literal in rule.gate.literals or ():
                    by_literal.setdefault(literal, []).append((kind, i))
        self._automaton = _automaton(by_literal) if by_literal else None

    def scan(self, text: str) -> list[tuple[int, tuple[tuple[str, int], ...]]]:
        """Where a literal of some rule ends in `text`, and which rules it stands for."""
        return list(self._automaton.iter(text)) if self._automaton is not None else []

    def candidates(self, kind: str, text: str, lines: Lines, hits: list) -> list[list[int]]:
        """For each line, the indices (into `self.kinds[kind].rules`) of the rules worth trying there, in order:
        those its literals or prefix let through, and the ungated ones its size allows."""
        index = self.kinds[kind]
        starts = [start for start, _ in lines]
        found: list[set[int] | None] = [None] * len(starts)
        for end, targets in hits:
            k = bisect_right(starts, end) - 1
            for target_kind, i in targets:
                if target_kind == kind:
                    bucket = found[k]
                    if bucket is None:
                        found[k] = {i}
                    else:
                        bucket.add(i)
        if index.prefixed:
            for k, (_, line) in enumerate(lines):
                head = fold(line[: index.head])
                for i, prefixes in index.prefixed:
                    if head.startswith(prefixes):
                        bucket = found[k]
                        if bucket is None:
                            found[k] = {i}
                        else:
                            bucket.add(i)
        out = []
        longest, unbounded, ends = index.longest, index.unbounded, index.ends
        for (_, line), bucket in zip(lines, found):
            n_chars = len(line)
            if n_chars > longest:
                ids = unbounded if bucket is None else sorted(bucket.union(unbounded))
            else:
                n_words = len(line.split())
                ids = [
                    i
                    for i, max_chars, max_words in index.always
                    if (max_chars is None or n_chars <= max_chars) and (max_words is None or n_words <= max_words)
                ]
                if bucket is not None:
                    ids = sorted(bucket.union(ids))
            if ends and ids:
                last = line.rstrip()[-1:]
                ids = [i for i in ids if i not in ends or (last and last in ends[i])]
            out.append(ids)
        return out


def _gated_by_prefix(rule: Rule) -> bool:
    return not rule.gate.literals and rule.gate.prefixes is not None


def _automaton(by_literal: dict[str, list[tuple[str, int]]]):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for literal, targets in by_literal.items():
        automaton.add_word(literal, tuple(targets))
    automaton.make_automaton()
    return automaton
