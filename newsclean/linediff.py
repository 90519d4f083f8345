"""Which lines two texts share, fast on repetitive text too (the matching blocks behind `newsclean diff`).

difflib's `SequenceMatcher` compares every pair of equal lines: a page of thousands of stories that repeat a
line (or a form-feed separator) makes it quadratic per block and slow beyond use. Here a region whose equal pairs
are few goes to difflib as before; a larger one is cut at the lines found once on each side, in order (as
patience diff does), and a region with no such line is matched greedily, in order. Every result is a valid
alignment; on ordinary pages it is difflib's.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

# Above this many pairs of equal lines, difflib's search for the longest match is no longer cheap.
MAX_PAIRS = 20_000

Block = tuple[int, int, int]  # (start in a, start in b, length)


class LineMatcher(difflib.SequenceMatcher):
    """A `SequenceMatcher` over lists of lines whose matching blocks come from `matching_blocks`."""

    def get_matching_blocks(self) -> list[difflib.Match]:
        if self.matching_blocks is None:
            blocks = matching_blocks(self.a, self.b)
            self.matching_blocks = [difflib.Match(*block) for block in blocks]
        return self.matching_blocks


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Blocks of equal lines in order, adjacent ones merged, ending with `(len(a), len(b), 0)` as difflib's do."""
    found: list[Block] = []
    _match(a, 0, len(a), b, 0, len(b), found)
    merged: list[Block] = []
    for i, j, n in found:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        elif n:
            merged.append((i, j, n))
    merged.append((len(a), len(b), 0))
    return merged


def _match(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[Block]) -> None:
    if alo >= ahi or blo >= bhi:
        return
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    if sum(n * in_b[line] for line, n in in_a.items() if line in in_b) <= MAX_PAIRS:
        matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    tail = 0
    while alo + head < ahi - tail and blo + head < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
        tail += 1
    if head or tail:
        out.append((alo, blo, head))
        _match(a, alo + head, ahi - tail, b, blo + head, bhi - tail, out)
        out.append((ahi - tail, bhi - tail, tail))
        return
    anchors = _unique_in_order(a, alo, ahi, b, blo, bhi, in_a, in_b)
    if not anchors:
        _greedy(a, alo, ahi, b, blo, bhi, out)
        return
    for i, j in anchors:
        _match(a, alo, i, b, blo, j, out)
        out.append((i, j, 1))
        alo, blo = i + 1, j + 1
    _match(a, alo, ahi, b, blo, bhi, out)


def _unique_in_order(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, in_a: Counter, in_b: Counter
) -> list[tuple[int, int]]:
    """The longest run, in order on both sides, of lines found once in each (patience sorting)."""
    where_b = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a.get(b[j]) == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if a[i] in where_b]
    tops: list[int] = []  # smallest b index ending an increasing run of each length
    ends: list[int] = []  # which pair that is
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tops, j)
        back.append(ends[at - 1] if at else -1)
        if at == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[at] = j
            ends[at] = k
    run = []
    k = ends[-1] if ends else -1
    while k >= 0:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _greedy(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[Block]) -> None:
    """Each line of b matched to its next occurrence in a, in order: linear, and exact where b only drops lines
    of a (what cleaning mostly does)."""
    where: dict[str, list[int]] = {}
    for i in range(alo, ahi):
        where.setdefault(a[i], []).append(i)
    i = alo
    for j in range(blo, bhi):
        spots = where.get(b[j])
        if spots:
            k = bisect_left(spots, i)
            if k < len(spots):
                out.append((spots[k], j, 1))
                i = spots[k] + 1
