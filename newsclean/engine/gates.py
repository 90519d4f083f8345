"""Gates: necessary conditions of a rule's matcher, worked out once from its spec and tested cheaply first.

Most rules fire on a few lines of a few pages. A gate says what any line a rule matches must have (a prefix,
a substring, a pattern, at most so many characters or words), so a whole document is checked once per rule, at C
speed, and a rule whose gate fails is never called on that document's lines. A gate is conservative: when a
matcher says nothing certain, its gate is open, and the rule runs as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .fold import fold

try:  # the standard library's own regex parser and its opcodes
    from re import _constants as _ops
    from re import _parser
except ImportError:  # an internal of re moved: rules go without literal gates
    _ops = _parser = None


@dataclass(frozen=True, slots=True)
class Gate:
    """What every line a matcher accepts has; None means "nothing certain"."""

    max_chars: int | None = None
    max_words: int | None = None
    prefixes: tuple[str, ...] | None = None  # folded: the line's folded head starts with one of them
    needles: tuple[str, ...] | None = None  # the line holds one of them as written
    pattern: str | None = None  # the line matches this regex: the strings every match holds stand for it (read
    # from its parse, lookarounds and anchors aside, so they hold in a line as in a whole document)
    ends: str | None = None  # the line's last character that is not a space is one of these


OPEN = Gate()


def gate_of(spec: Any, trusted: bool = True) -> Gate:
    """The gate of a matcher spec (a mapping whose conditions must all hold)."""
    if not isinstance(spec, dict):
        return OPEN
    parts = [_gate_of_key(key, value, trusted) for key, value in spec.items()]
    return _all(parts)


def _gate_of_key(key: str, value: Any, trusted: bool) -> Gate:
    if key == "length" and isinstance(value, dict):
        return Gate(max_chars=value.get("max_chars"), max_words=value.get("max_words"))
    if key == "prefix":
        items = [value] if isinstance(value, str) else value
        return Gate(prefixes=tuple(sorted({fold(p) for p in items})))
    if key == "contains":
        return Gate(needles=tuple([value] if isinstance(value, str) else value))
    if key == "regex" and trusted and isinstance(value, str):
        return Gate(pattern=value, ends=line_ends(value))
    if key == "date":
        return Gate(pattern=r"\d")  # a date line always has its year in digits
    if key == "all" and isinstance(value, list):
        return _all([gate_of(item, trusted) for item in value])
    if key == "any" and isinstance(value, list):
        return _any([gate_of(item, trusted) for item in value])
    return OPEN


def span_gate(spec: Any, trusted: bool = True) -> Gate:
    """The gate of a span rule's match: its `needs` strings and its regex (the line holds what it cuts)."""
    if not isinstance(spec, dict):
        return OPEN
    needs = spec.get("needs")
    pattern = spec.get("regex")
    trusted_pattern = trusted and isinstance(pattern, str)
    return Gate(
        needles=tuple([needs] if isinstance(needs, str) else needs) if needs else None,
        pattern=pattern if trusted_pattern else None,
        ends=line_ends(pattern) if trusted and isinstance(pattern, str) else None,
    )


def all_of(parts: list[Gate]) -> Gate:
    """Gates that must all hold at once, as one gate."""
    return _all(parts)


def _all(parts: list[Gate]) -> Gate:
    """Every condition holds: the tightest bounds, and any one certain requirement."""
    maxima = [g.max_chars for g in parts if g.max_chars is not None]
    words = [g.max_words for g in parts if g.max_words is not None]
    return Gate(
        max_chars=min(maxima) if maxima else None,
        max_words=min(words) if words else None,
        prefixes=next((g.prefixes for g in parts if g.prefixes), None),
        needles=next((g.needles for g in parts if g.needles), None),
        pattern=next((g.pattern for g in parts if g.pattern), None),
        ends=next((g.ends for g in parts if g.ends), None),
    )


def _any(parts: list[Gate]) -> Gate:
    """One condition holds: the loosest bounds, and a requirement only where every branch has one."""
    if not parts:
        return OPEN

    def loosest(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else max(values)

    prefixes = [g.prefixes for g in parts]
    needles = [g.needles for g in parts]
    patterns = [g.pattern for g in parts]
    return Gate(
        max_chars=loosest([g.max_chars for g in parts]),
        max_words=loosest([g.max_words for g in parts]),
        prefixes=tuple(sorted({p for ps in prefixes for p in ps})) if all(prefixes) else None,
        needles=tuple(n for ns in needles for n in ns) if all(needles) else None,
        pattern="|".join(f"(?:{p})" for p in patterns) if all(patterns) else None,
        ends="".join(sorted({ch for g in parts for ch in g.ends})) if all(g.ends for g in parts) else None,
    )


class DocumentGate:
    """A gate compiled for documents: the literal strings one of which any matching line holds, or else the
    folded prefixes one of which it starts with, and the size a matching line can have (`fits`).

    A regex is never searched over a whole document to gate it (a pattern written for one line can cost a
    hundred times more there); the literal strings every match of it contains stand for it.
    """

    __slots__ = ("gate", "literals", "prefixes", "ends")

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.literals = _usable(gate.needles) or _usable(required_literals(gate.pattern) if gate.pattern else None)
        self.prefixes = gate.prefixes if gate.prefixes and not self.literals else None
        self.ends = gate.ends

    def fits(self, n_chars: int, n_words: int) -> bool:
        """Whether a line of this size can match at all."""
        gate = self.gate
        return (gate.max_chars is None or n_chars <= gate.max_chars) and (
            gate.max_words is None or n_words <= gate.max_words
        )


# Single characters common in prose: as a rule's only literal they would gate nothing.
_COMMON = set(".,،؛:;!?؟()[]{}\"'«»-–—/_*&%+=<>|")


def _usable(literals) -> tuple[str, ...] | None:
    """Literals worth looking for: two characters or more, or one rare symbol (`@`, `#`); all or nothing."""
    if not literals:
        return None
    for lit in literals:
        if not lit or (len(lit) == 1 and (lit.isalnum() or lit.isspace() or lit in _COMMON)):
            return None
    return tuple(literals)


# --- literals every match of a regex contains -----------------------------------------------------------------

_MAX_SET = 64


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains, or None.

    Read from the parsed pattern: runs of literals, alternations of them and repeats that must occur. A pattern
    with case-insensitive parts gives None, as does one whose requirements are too many.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    found = _required(list(parsed))
    return tuple(sorted(found)) if found else None


@lru_cache(maxsize=1024)
def _parsed(pattern: str):
    """The pattern as re's parser reads it (once for all the gates), or None: a pattern re cannot parse has no
    gate (the rule reports its own error), nor has one with case-insensitive parts."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return None
    return None if parsed.state.flags & re.IGNORECASE else parsed


def _finite_one(op, av) -> set[str] | None:
    """The exact strings one parsed element matches, when they are few (None otherwise)."""
    if op is _ops.LITERAL:
        return {chr(av)}
    if op in (_ops.AT, _ops.ASSERT, _ops.ASSERT_NOT):
        return {""}
    if op is _ops.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            part = _finite(list(branch))
            if part is None:
                return None
            out |= part
        return out if len(out) <= _MAX_SET else None
    if op is _ops.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _finite(list(av[-1]))
    if op is _ops.IN:
        if len(av) <= 8 and all(kind is _ops.LITERAL for kind, _ in av):
            return {chr(v) for _, v in av}
        return None
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT):
        low, high, item = av
        if low == high and low <= 3:
            part = _finite(list(item))
            if part is None:
                return None
            out = {""}
            for _ in range(low):
                out = {a + b for a in out for b in part}
            return out if len(out) <= _MAX_SET else None
    return None


def _finite(items: list) -> set[str] | None:
    out = {""}
    for op, av in items:
        part = _finite_one(op, av)
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > _MAX_SET:
            return None
    return out


def _required(items: list) -> set[str] | None:
    """The best set of strings one of which every match of a parsed sequence contains."""
    candidates: list[set[str]] = []
    run: list = []

    def close_run() -> None:
        if run:
            found = _finite(run)
            if found and "" not in found:
                candidates.append(found)
            run.clear()

    for op, av in items:
        if _finite_one(op, av) is not None:
            run.append((op, av))
            continue
        close_run()
        if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT) and av[0] >= 1:
            inner = _required(list(av[2]))
        elif op is _ops.SUBPATTERN and not av[1] & re.IGNORECASE:
            inner = _required(list(av[-1]))
        elif op is _ops.BRANCH:
            parts = [_required(list(branch)) for branch in av[1]]
            inner = set().union(*parts) if all(parts) else None
        else:
            inner = None
        if inner:
            candidates.append(inner)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda found: (min(len(s) for s in found), -len(found)))


# --- the characters a match at the end of a line ends with ----------------------------------------------------------


def line_ends(pattern: str) -> str | None:
    """The characters one of which the last character that is not a space of any line `pattern` matches must be,
    or None: for patterns that end in `$` after one or a few known characters and optional spaces (an id glued to
    the end of a line), whose lines are then told apart by one character instead of a search each.
    """
    if "$" not in pattern and "\\Z" not in pattern:  # most patterns: no parse needed to tell
        return None
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    found = _ends(list(parsed), at_end=False)
    return "".join(sorted(found)) if found else None


def _ends(items: list, at_end: bool) -> set[str] | None:
    """The last characters a match of the parsed sequence can end with before the end of the line (`$` already
    met after it when `at_end`), spaces after it skipped; None where not certain."""
    items = list(items)
    while items:
        op, av = items[-1]
        if op is _ops.AT and av in (_ops.AT_END, _ops.AT_END_STRING):
            at_end = True
        elif not _only_spaces(op, av):
            break
        items.pop()
    if not items or not at_end:
        return None
    op, av = items[-1]
    if op is _ops.BRANCH:
        parts = [_ends(list(branch), at_end) for branch in av[1]]
        return set().union(*parts) if all(parts) else None
    if op is _ops.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _ends(list(av[-1]), at_end)
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT) and av[0] >= 1:
        return _ends(list(av[2]), at_end)
    chars = _chars_of(op, av)
    return chars if chars and not any(ch.isspace() for ch in chars) else None


def _only_spaces(op, av) -> bool:
    """Whether the element matches nothing but spaces (or nothing): `\\s*`, `[ \\t]+`, ` `."""
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT):
        return all(_only_spaces(o, a) for o, a in av[2])
    if op is _ops.IN:
        return all(
            (kind is _ops.CATEGORY and value is _ops.CATEGORY_SPACE) or (kind is _ops.LITERAL and chr(value).isspace())
            for kind, value in av
        )
    return op is _ops.LITERAL and chr(av).isspace()


def _chars_of(op, av) -> set[str] | None:
    """The characters one parsed element matches, when it matches one character of a few known ones."""
    if op is _ops.LITERAL:
        return {chr(av)}
    if op is not _ops.IN:
        return None
    out: set[str] = set()
    for kind, value in av:
        if kind is _ops.LITERAL:
            out.add(chr(value))
        elif kind is _ops.RANGE and value[1] - value[0] < _MAX_SET:
            out.update(chr(x) for x in range(value[0], value[1] + 1))
        else:
            return None
    return out if len(out) <= _MAX_SET else None
