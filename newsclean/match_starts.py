"""Regex matches looked for only where they can start.

A pattern that opens with a lookbehind or a character class gives `re` nothing to skip ahead with: it is tried at
every position, some 15 us a page of Arabic. When every match starts with one of a few strings (a tatweel, a bidi
mark, " ."), `str.find` jumps to the places they stand and `match` there decides as the scan would have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# At most this many starts, found at most this many times, are tried where they stand; else one scan is cheaper.
MAX_STARTS = 3
_MAX_PLACES = 64


def finditer_from(pattern: re.Pattern, text: str, starts: Sequence[str]) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, where every match starts with one of `starts` (non-empty strings; a
    `str` of single characters will do). A match is never empty, so each search goes on where the last one ended."""
    places = _places(text, starts) if starts and len(starts) <= MAX_STARTS else None
    if places is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for pos in places:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                end = m.end()


def _places(text: str, starts: Sequence[str]) -> list[int] | None:
    """Every position where one of `starts` stands in `text`, in order; None past `_MAX_PLACES` of them."""
    out: list[int] = []
    for s in starts:
        pos = text.find(s)
        while pos >= 0:
            if len(out) == _MAX_PLACES:
                return None
            out.append(pos)
            pos = text.find(s, pos + 1)
    if len(starts) > 1:
        out.sort()
    return out
