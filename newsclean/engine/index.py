"""Which rules may match which lines of a document.

Every rule's gate names literal strings one of which any line it matches holds, or prefixes one of which such a
line starts with. One Aho-Corasick automaton (pyahocorasick: every literal of every rule at once, in C) holds the
literals of all the indexes built from one rule set, and what it finds in a line is kept by the line's text: a
page is read by several indexes (the junk rules, the rules that read context, the inline markers) over several
passes, and sites repeat their lines from page to page, so most lines are scanned once. Each line's start is
folded once and compared with the prefixes of the prefix-gated rules; a rule with no such gate is tried on every
line its size allows. A rule anchored at the line's end is tried only where the line ends with a character it can
end with. Rules keep their order, so the first matching rule still wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .fold import fold
from .rules import Rule

# How many characters of lines the scanner keeps the literals of (some 8 MB of Arabic text): when they would be
# more, everything kept is dropped. A line over a 64th of that is scanned each time and not kept.
_MAX_CHARS = 1 << 22
_MAX_LINE = _MAX_CHARS >> 6


class LineScanner:
    """The literals each line holds, as ids: one automaton over every literal registered, and what it found in a
    line kept by the line's text. Shared by the indexes of one rule set and of the sets derived from it."""

    __slots__ = ("_ids", "_automaton", "_lines", "_chars")

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._automaton = None
        self._lines: dict[str, tuple[int, ...]] = {}
        self._chars = 0

    def register(self, literals: Sequence[str]) -> dict[str, int]:
        """The ids of these literals; the automaton is built again when some are new (once per index built)."""
        new = [literal for literal in dict.fromkeys(literals) if literal not in self._ids]
        if new:
            for literal in new:
                self._ids[literal] = len(self._ids)
            self._automaton = _automaton(self._ids)
            self._lines.clear()
            self._chars = 0
        return {literal: self._ids[literal] for literal in literals}

    def literals(self, line: str) -> tuple[int, ...]:
        """The ids of the literals `line` holds."""
        found = self._lines.get(line)
        if found is None:
            if self._automaton is None or not line:
                found = ()
            else:
                found = tuple({literal_id for _, literal_id in self._automaton.iter(line)})
            if len(line) <= _MAX_LINE:
                if self._chars + len(line) > _MAX_CHARS:
                    self._lines.clear()
                    self._chars = 0
                self._lines[line] = found
                self._chars += len(line)
        return found


class KindIndex:
    """The rules of one kind, in order, split by how they are gated."""

    __slots__ = ("rules", "prefixed", "head", "always", "unbounded", "longest", "ends", "sizes", "any_size")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.prefixed = [(i, r.gate.prefixes) for i, r in enumerate(self.rules) if _gated_by_prefix(r)]
        ungated = [i for i, r in enumerate(self.rules) if not r.gate.literals and r.gate.prefixes is None]
        self.always = [(i, self.rules[i].gate.gate.max_chars, self.rules[i].gate.gate.max_words) for i in ungated]
        self.unbounded = [i for i, max_chars, _ in self.always if max_chars is None]
        self.longest = max((r.gate.gate.max_chars or 0 for r in self.rules), default=0)
        # the most characters and words a line can have for each rule to match it (None: any number)
        self.sizes = [(r.gate.gate.max_chars, r.gate.gate.max_words) for r in self.rules]
        self.any_size = frozenset(i for i, (max_chars, _) in enumerate(self.sizes) if max_chars is None)
        # how much of a line's start to fold to compare it with the longest prefix (folding only shortens text)
        self.head = 2 * max((len(p) for _, prefixes in self.prefixed for p in prefixes), default=0) + 8
        # the characters a line must end with (spaces aside) for a rule anchored at the end of the line
        self.ends = {i: r.gate.ends for i, r in enumerate(self.rules) if r.gate.ends}


class RuleIndex:
    """Rules of several kinds indexed together; their literals are found by the `scanner` they share with the other
    indexes of their rule set (an index of its own where none is given)."""

    __slots__ = ("kinds", "_scanner", "_targets")

    def __init__(self, groups: Mapping[str, Sequence[Rule]], scanner: LineScanner | None = None) -> None:
        self.kinds = {kind: KindIndex(rules) for kind, rules in groups.items()}
        self._scanner = scanner if scanner is not None else LineScanner()
        literals = [lit for index in self.kinds.values() for rule in index.rules for lit in rule.gate.literals or ()]
        ids = self._scanner.register(literals)
        # for each kind: literal id -> the indices of the rules of that kind the literal stands for
        self._targets: dict[str, dict[int, tuple[int, ...]]] = {}
        for kind, index in self.kinds.items():
            targets: dict[int, list[int]] = {}
            for i, rule in enumerate(index.rules):
                for literal in rule.gate.literals or ():
                    targets.setdefault(ids[literal], []).append(i)
            self._targets[kind] = {literal_id: tuple(rules) for literal_id, rules in targets.items()}

    def candidates(self, kind: str, lines: Sequence[str]) -> list[list[int]]:
        """For each line, the indices (into `self.kinds[kind].rules`) of the rules worth trying there, in order:
        those its literals or prefix let through and the ungated ones, of those the ones its size allows."""
        index = self.kinds[kind]
        found: list[set[int] | None] = [None] * len(lines)
        targets = self._targets[kind]
        if targets:
            literals = self._scanner.literals
            for k, line in enumerate(lines):
                for literal_id in literals(line):
                    rules = targets.get(literal_id)
                    if rules is not None:
                        bucket = found[k]
                        if bucket is None:
                            found[k] = set(rules)
                        else:
                            bucket.update(rules)
        if index.prefixed:
            for k, line in enumerate(lines):
                head = fold(line[: index.head])
                for i, prefixes in index.prefixed:
                    if head.startswith(prefixes):
                        bucket = found[k]
                        if bucket is None:
                            found[k] = {i}
                        else:
                            bucket.add(i)
        out = []
        longest, unbounded, ends, sizes = index.longest, index.unbounded, index.ends, index.sizes
        for line, bucket in zip(lines, found):
            n_chars = len(line)
            if n_chars > longest:  # a line longer than every bound on characters: the rules with no such bound
                if bucket is None:
                    ids = unbounded
                else:
                    kept = bucket.intersection(index.any_size)
                    if any(sizes[i][1] is not None for i in kept):  # and of those, the ones its words allow
                        n_words = len(line.split())
                        kept = {i for i in kept if sizes[i][1] is None or n_words <= sizes[i][1]}
                    ids = sorted(kept.union(unbounded))
            else:
                n_words = len(line.split())
                ids = [
                    i
                    for i, max_chars, max_words in index.always
                    if (max_chars is None or n_chars <= max_chars) and (max_words is None or n_words <= max_words)
                ]
                if bucket is not None:
                    fits = {
                        i
                        for i in bucket
                        if (sizes[i][0] is None or n_chars <= sizes[i][0])
                        and (sizes[i][1] is None or n_words <= sizes[i][1])
                    }
                    ids = sorted(fits.union(ids))
            if ends and ids:
                last = line.rstrip()[-1:]
                ids = [i for i in ids if i not in ends or (last and last in ends[i])]
            out.append(ids)
        return out


def _gated_by_prefix(rule: Rule) -> bool:
    return not rule.gate.literals and rule.gate.prefixes is not None


def _automaton(ids: dict[str, int]):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for literal, literal_id in ids.items():
        automaton.add_word(literal, literal_id)
    automaton.make_automaton()
    return automaton
