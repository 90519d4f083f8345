"""The line matcher behind `newsclean diff`: a valid alignment always, difflib's on ordinary text, and difflib kept
away from repetitive text, where its search for the longest match grows with the square of the repeats."""

from __future__ import annotations

import difflib
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import linediff
from newsclean.hunks import hunks, split_keepends

lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\f\n", "\n", "d"]), max_size=40)


def _pairs(a: list[str], b: list[str]) -> int:
    in_b = Counter(b)
    return sum(n * in_b[line] for line, n in Counter(a).items())


def _check_valid(a: list[str], b: list[str], blocks: list[tuple[int, int, int]]) -> None:
    assert blocks[-1] == (len(a), len(b), 0)
    i_end = j_end = 0
    for i, j, n in blocks[:-1]:
        assert n > 0 and i >= i_end and j >= j_end
        assert a[i : i + n] == b[j : j + n]
        i_end, j_end = i + n, j + n


@settings(max_examples=300, deadline=None)
@given(lines, lines, st.sampled_from([0, 3, linediff.MAX_PAIRS]))
def test_blocks_are_a_valid_alignment_whichever_way_they_are_found(a, b, limit):
    old = linediff.MAX_PAIRS
    linediff.MAX_PAIRS = limit
    try:
        blocks = linediff.matching_blocks(a, b)
    finally:
        linediff.MAX_PAIRS = old
    _check_valid(a, b, blocks)
    if _pairs(a, b) <= limit:
        assert blocks == [tuple(m) for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()]


@settings(max_examples=200, deadline=None)
@given(lines, st.data())
def test_lines_dropped_from_a_repetitive_text_are_all_that_the_diff_removes(a, data):
    kept = sorted(data.draw(st.sets(st.integers(0, max(len(a) - 1, 0)))) if a else [])
    b = [a[k] for k in kept]
    old = linediff.MAX_PAIRS
    linediff.MAX_PAIRS = 0
    try:
        blocks = linediff.matching_blocks(a, b)
    finally:
        linediff.MAX_PAIRS = old
    _check_valid(a, b, blocks)
    assert sum(n for _, _, n in blocks) == len(b)


def test_a_page_of_thousands_of_stories_never_hands_difflib_its_repeats(monkeypatch):
    seen: list[int] = []
    real = difflib.SequenceMatcher

    class Spy(real):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            seen.append(_pairs(list(a), list(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", Spy)
    old = "".join(f"خبر رقم {k} عن الطقس\n\f\nتابعونا\n\f\n" for k in range(3000))
    new = "".join(f"خبر رقم {k} عن الطقس\n\f\n" for k in range(3000)).removesuffix("\f\n")
    found = hunks(old, new)
    assert max(seen) <= linediff.MAX_PAIRS
    removed = [text for hunk in found for tag, text in hunk.lines if tag == "-"]
    assert removed.count("تابعونا") == 3000 and not any(tag == "+" for h in found for tag, _ in h.lines)
    assert len(removed) == len(split_keepends(old)) - len(split_keepends(new))
