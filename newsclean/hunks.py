"""Unified diffs whose hunks name the rules behind them (`newsclean diff`).

The old side is the document's source, so every edit of the change log sits on known source lines; a hunk's
header names each rule whose edits touch the lines it changes, with those lines of the old side:
`@@ -1,18 +1,15 @@ ar.meta.date-line:2 base.embed.tweet-attribution:6 base.chars.whitespace:3,9`. (`patch`
ignores what follows `@@`, so the diff still applies.) Lines the text format adds without a rule are named in
parentheses: `(story separator)` for the form-feed line between stories, `(layout)` for blank lines and the final
newline.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .edits import Edit
from .linediff import LineMatcher
from .lines import SEPARATOR, reported_start

NO_NEWLINE = "\\ No newline at end of file"
STORY_SEPARATOR = "(story separator)"
LAYOUT = "(layout)"


@dataclass(slots=True)
class Hunk:
    """One hunk: its ranges (1-based starts as in `@@ -a,b +c,d @@`), its lines as (tag, text), its rules."""

    old_start: int
    old_len: int
    new_start: int
    new_len: int
    lines: list[tuple[str, str]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def header(self) -> str:
        head = f"@@ -{_range(self.old_start, self.old_len)} +{_range(self.new_start, self.new_len)} @@"
        return f"{head} {' '.join(self.rules)}" if self.rules else head


def _range(start: int, length: int) -> str:
    return f"{start}" if length == 1 else f"{start},{length}"


def edit_lines(source: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    """Each edit as (first line, last line, rule), lines of `source` numbered from 1."""
    breaks = []
    at = source.find("\n")
    while at >= 0:
        breaks.append(at)
        at = source.find("\n", at + 1)
    out = []
    for e in edits:
        first = bisect_right(breaks, reported_start(source, e.start, e.end) - 1) + 1
        last = bisect_right(breaks, max(e.start, e.end - 1) - 1) + 1
        out.append((first, last, e.rule))
    return out


def hunks(old: str, new: str, edits: Iterable[Edit] = (), context: int = 3) -> list[Hunk]:
    """The hunks that turn `old` into `new`, each naming the rules of the edits on its changed lines."""
    a = split_keepends(old)
    b = split_keepends(new)
    spans = edit_lines(old, edits)
    # edits are sorted and do not overlap, so both their first and their last lines rise
    firsts = [first for first, _, _ in spans]
    lasts = [last for _, last, _ in spans]
    out = []
    matcher = LineMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        hunk = Hunk(i1 + 1 if i2 > i1 else i1, i2 - i1, j1 + 1 if j2 > j1 else j1, j2 - j1)
        rules: dict[str, dict[int, None]] = {}  # each rule's lines, in order, once
        for tag, o1, o2, n1, n2 in group:
            if tag == "equal":
                hunk.lines.extend(_lines(" ", a[o1:o2]))
                continue
            hunk.lines.extend(_lines("-", a[o1:o2]))
            hunk.lines.extend(_lines("+", b[n1:n2]))
            lo, hi = (o1 + 1, o2) if o2 > o1 else (o1, o1 + 1)
            found = [(rule, first) for first, _, rule in spans[bisect_left(lasts, lo) : bisect_right(firsts, hi)]]
            if not found:
                added = {ln.rstrip("\r\n") for ln in b[n1:n2]}
                rules.setdefault(STORY_SEPARATOR if SEPARATOR in added else LAYOUT, {})
            for rule, line in found:
                rules.setdefault(rule, {})[line] = None
        hunk.rules = [f"{rule}:{','.join(map(str, lines))}" if lines else rule for rule, lines in rules.items()]
        out.append(hunk)
    return out


def split_keepends(text: str) -> list[str]:
    """Lines split at newlines only (`str.splitlines` would also split at the form feed of a story separator)."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _lines(tag: str, lines: list[str]) -> Iterator[tuple[str, str]]:
    for ln in lines:
        if ln.endswith("\n"):
            yield tag, ln[:-1]
        else:
            yield tag, ln
            yield "\\", NO_NEWLINE


def unified(old: str, new: str, old_name: str, new_name: str, edits: Iterable[Edit] = ()) -> list[tuple[str, str]]:
    """The whole diff as (kind, line): kinds `file`, `hunk`, ` `, `-`, `+`, `\\`; empty when nothing changes."""
    found = hunks(old, new, edits)
    if not found:
        return []
    out = [("file", f"--- {old_name}"), ("file", f"+++ {new_name}")]
    for hunk in found:
        out.append(("hunk", hunk.header()))
        out.extend(hunk.lines)
    return out
