"""The change log: whatever sequence of edits the steps make, replaying the log on the source gives the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.edits import Edit, EditLog, Pending, replay


def test_replay_applies_edits_in_order():
    edits = [Edit(0, 1, "X", "r"), Edit(3, 5, "", "d", True)]
    assert replay("abcdef", edits) == "Xbcf"


def test_removal_keeps_earlier_removal_inside_it_with_its_rule():
    log = EditLog("one two three")
    log.apply([Pending(4, 8, "", "first", True)])
    assert log.text == "one three"
    log.apply([Pending(0, 9, "", "second", True)])
    assert log.text == ""
    assert [(e.start, e.end, e.rule) for e in log.edits] == [(0, 4, "second"), (4, 8, "first"), (8, 13, "second")]


def test_removal_absorbs_an_earlier_character_fix_and_logs_the_raw_slice():
    log = EditLog("الروسیة إلى لیبیا\nنص")
    log.apply([Pending(6, 7, "ي", "yeh")])
    log.apply([Pending(0, 18, "", "tags", True)])
    assert log.text == "نص"
    assert len(log.edits) == 1
    e = log.edits[0]
    assert (e.rule, e.removed, log.source[e.start : e.end]) == ("tags", True, "الروسیة إلى لیبیا\n")


def test_change_reverted_by_a_later_change_leaves_no_edit():
    log = EditLog("abc")
    log.apply([Pending(1, 2, "X", "a")])
    log.apply([Pending(1, 2, "b", "b")])
    assert log.text == "abc" and log.edits == []


def test_to_current_maps_source_offsets_across_edits():
    log = EditLog("aa bb cc")
    log.apply([Pending(0, 3, "", "r", True)])
    assert log.text == "bb cc"
    assert log.to_current(3) == 0 and log.to_current(6) == 3


@st.composite
def edit_batches(draw, text: str):
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    out = []
    for a, b in zip(points[::2], points[1::2]):
        kind = draw(st.sampled_from(["remove", "change", "insert"]))
        if kind == "remove":
            out.append(Pending(a, b, "", "remove", True))
        elif kind == "change":
            out.append(Pending(a, b, draw(st.sampled_from(["", "X", "YZ", "ی"])), "change"))
        else:
            out.append(Pending(a, a, "I", "insert"))
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \nیك", max_size=30), st.data())
def test_log_replays_to_the_text_after_any_sequence_of_edits(source, data):
    log = EditLog(source)
    for _ in range(data.draw(st.integers(1, 5))):
        batch = data.draw(edit_batches(log.text))
        expected = log.text
        for p in reversed(batch):
            expected = expected[: p.start] + p.new + expected[p.end :]
        log.apply(batch)
        assert log.text == expected
        assert replay(source, log.edits) == expected
        assert all(a.end <= b.start for a, b in zip(log.edits, log.edits[1:]))
        assert all(e.new == "" for e in log.edits if e.removed)
        for pos in range(len(source) + 1):
            inside = [e for e in log.edits if e.start < pos < e.end]
            before = [e for e in log.edits if e.start < pos]
            expected_pos = log.to_current(inside[0].end) if inside else len(replay(source[:pos], before))
            assert log.to_current(pos) == expected_pos
