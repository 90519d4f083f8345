"""The change log: every edit newsclean makes, in offsets of the decoded input.

A document's current text is always `replay(source, edits)`. Steps work on the current text and hand their edits
over in current-text offsets; `EditLog.apply` maps them back onto the source, so the log stays replayable and every
removed piece keeps the rule that removed it (the "nothing lost" promise).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(slots=True)
class Edit:
    """Replace `source[start:end]` with `new`. `removed` marks junk taken out (as opposed to a character fix)."""

    start: int
    end: int
    new: str
    rule: str
    removed: bool = False


@dataclass(slots=True)
class Pending:
    """An edit in offsets of the current text, as a step proposes it."""

    start: int
    end: int
    new: str
    rule: str
    removed: bool = False


def replay(source: str, edits: Iterable[Edit]) -> str:
    """Apply edits (sorted, non-overlapping, source offsets) to `source`: the output text."""
    out = []
    pos = 0
    for e in edits:
        out.append(source[pos : e.start])
        out.append(e.new)
        pos = e.end
    out.append(source[pos:])
    return "".join(out)


class EditLog:
    """The source text, its edits (sorted, non-overlapping) and the current text they produce."""

    __slots__ = ("source", "edits", "text", "_cur", "_starts")

    def __init__(self, source: str, edits: list[Edit] | None = None) -> None:
        self.source = source
        self.edits: list[Edit] = sorted(edits or [], key=lambda e: (e.start, e.end))
        self.text = replay(source, self.edits)
        self._cur: list[int] = []
        self._starts: list[int] = []
        self._index()

    def _index(self) -> None:
        """Start of each edit in the source and of its replacement in the current text."""
        cur = []
        shift = 0
        for e in self.edits:
            cur.append(e.start + shift)
            shift += len(e.new) - (e.end - e.start)
        self._cur = cur
        self._starts = [e.start for e in self.edits]

    def to_current(self, pos: int) -> int:
        """Current-text offset of a source position (a position inside an edit maps to the edit's end).

        A bisection, not a walk: a page split into thousands of stories maps each story's ends."""
        k = bisect_left(self._starts, pos) - 1
        if k < 0:
            return pos
        e = self.edits[k]
        cur_end = self._cur[k] + len(e.new)
        return cur_end if e.end > pos else pos + cur_end - e.end

    def _left(self, pos: int) -> int:
        """Source offset where an edit starting at current `pos` starts (after deletions sitting at `pos`)."""
        k = bisect_right(self._cur, pos) - 1
        if k < 0:
            return pos
        e = self.edits[k]
        cur_end = self._cur[k] + len(e.new)
        return e.start if cur_end > pos else e.end + (pos - cur_end)

    def _right(self, pos: int) -> int:
        """Source offset where an edit ending at current `pos` ends (before deletions sitting at `pos`)."""
        k = bisect_left(self._cur, pos) - 1
        if k < 0:
            return pos
        e = self.edits[k]
        cur_end = self._cur[k] + len(e.new)
        return e.end if cur_end >= pos else e.end + (pos - cur_end)

    def apply(self, pending: list[Pending]) -> None:
        """Apply edits given in current-text offsets (sorted, non-overlapping) and merge them into the log.

        A new removal keeps the earlier removals inside it as they are (their rule ids stay) and absorbs earlier
        character fixes (their text goes with it); a change over an earlier change merges into one edit whose
        `old` is the raw source slice. An edit that ends up changing nothing leaves the log.
        """
        pending = [p for p in pending if p.end > p.start or p.new]
        if not pending:
            return
        old, cur, text = self.edits, self._cur, self.text
        n = len(old)
        result: list[Edit] = []
        i = 0
        k = 0
        shift = 0  # current minus source offset just after the old edits passed so far
        while k < len(pending):
            p = pending[k]
            a = p.start
            while i < n:
                e = old[i]
                cs = cur[i]
                ce = cs + len(e.new)
                if not (ce <= a if ce > cs else cs <= a):
                    break
                result.append(e)
                shift = ce - e.end
                i += 1
            if i == n or not _touches(cur[i], cur[i] + len(old[i].new), a, p.end):
                # the common case: an edit that meets no earlier one maps straight onto the source
                result.append(Edit(a - shift, p.end - shift, p.new, p.rule, p.removed and not p.new))
                k += 1
                continue
            # a cluster: pending edits that share an old edit are merged together
            group = [pending[k]]
            j = i
            while True:
                b = group[-1].end
                while j < n and _touches(cur[j], cur[j] + len(old[j].new), group[-1].start, b):
                    j += 1
                if (
                    j > i
                    and k + 1 < len(pending)
                    and _touches(cur[j - 1], cur[j - 1] + len(old[j - 1].new), pending[k + 1].start, pending[k + 1].end)
                ):
                    k += 1
                    group.append(pending[k])
                    continue
                break
            k += 1
            touched = old[i:j]
            b = group[-1].end
            s = self._left(a)
            e = self._right(b) if b > a else (touched[-1].end if touched else s)
            cs = min(a, cur[i]) if touched else a
            ce = max(b, cur[j - 1] + len(old[j - 1].new)) if touched else b
            p = group[0]
            if len(group) == 1 and p.removed and not p.new and cs == a and ce == b:
                result.extend(_removal_pieces(s, e, touched, p.rule))
            else:
                new = _apply_current(text[cs:ce], [Pending(q.start - cs, q.end - cs, q.new, q.rule) for q in group])
                result.append(Edit(s, e, new, p.rule, all(q.removed for q in group) and not new))
            if j > i:
                last = old[j - 1]
                shift = cur[j - 1] + len(last.new) - last.end
            i = j
        result.extend(old[i:])
        source = self.source
        self.edits = [e for e in result if e.removed or e.new != source[e.start : e.end]]
        self.text = _apply_current(text, pending)
        self._index()


def _touches(cs: int, ce: int, a: int, b: int) -> bool:
    """Whether an old edit occupying current [cs, ce) is absorbed by a new edit over current [a, b)."""
    if ce > cs:
        return cs < b and ce > a if b > a else cs < a < ce
    return a < cs < b


def _removal_pieces(s: int, e: int, touched: list[Edit], rule: str) -> list[Edit]:
    """A removal over source [s, e), cut around the earlier removals it covers so those keep their rule ids."""
    out: list[Edit] = []
    gap = s
    for t in touched:
        if t.removed:
            if t.start > gap:
                out.append(Edit(gap, t.start, "", rule, True))
            out.append(t)
            gap = t.end
    if e > gap:
        out.append(Edit(gap, e, "", rule, True))
    return out


def _apply_current(text: str, pending: list[Pending]) -> str:
    out = []
    pos = 0
    for p in pending:
        out.append(text[pos : p.start])
        out.append(p.new)
        pos = p.end
    out.append(text[pos:])
    return "".join(out)
