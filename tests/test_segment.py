"""The split step on real pages (tests/data/split/, sources and licences in its README): merged articles come
apart at markers, headlines and date lines, with their titles; single articles with subheads, listicles, Q&A
heads and in-article links stay whole; the text format reads back the same stories."""

from __future__ import annotations

import json
import re

import pytest

from newsclean.edits import Edit, replay
from newsclean.emit import story_records, to_text
from newsclean.model import Document
from newsclean.pipeline import clean
from newsclean.record import to_record

from .conftest import DATA

CASES = [json.loads(line) for line in (DATA / "split" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
IDS = [c["name"] for c in CASES]
# Letters compared as the character step leaves them either way (Arabic and Persian yeh and kaf), no punctuation.
_LETTERS = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه"})


def folded(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").translate(_LETTERS))


def cleaned(rules, case: dict) -> Document:
    return clean(Document.from_text(case["sources"][0], case["text"]), rules)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_stories_and_titles(rules, case):
    stories = story_records(cleaned(rules, case))
    assert len(stories) == case["stories"], [s["title"] for s in stories]
    for story, title in zip(stories, case.get("titles", [])):
        assert folded(story["title"]) == folded(title)
    for story, start in zip(stories, case.get("starts", [])):
        assert folded(story["text"]).startswith(folded(start))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_markers_go_and_headline_like_lines_stay(rules, case):
    out = folded(to_text(cleaned(rules, case)))
    for piece in case.get("gone", []):
        assert folded(piece) not in out, piece
    for piece in case.get("kept", []):
        assert folded(piece) in out, piece


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_removed_and_changes_replay_to_the_stories(rules, case):
    record = to_record(cleaned(rules, case))
    edits = [Edit(r["start"], r["end"], "", r["rule"], True) for r in record["removed"]]
    edits += [Edit(c["start"], c["end"], c["new"], c["rule"]) for c in record["changes"]]
    joined = "\n".join(s["text"] if s["title"] is None else s["title"] + "\n" + s["text"] for s in record["stories"])
    assert replay(record["source"], sorted(edits, key=lambda e: (e.start, e.end))) == joined


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cleaning_the_text_output_again_gives_the_same_stories(rules, case):
    once = cleaned(rules, case)
    text = to_text(once)
    again = clean(Document.from_text("again", text), rules)
    assert to_text(again) == text
    assert [s["title"] for s in story_records(again)] == [s["title"] for s in story_records(once)]


def test_an_inline_marker_becomes_a_line_break_and_is_logged(rules):
    case = next(c for c in CASES if c["kind"] == "marker_inline")
    record = to_record(cleaned(rules, case))
    marker = [r for r in record["removed"] if r["rule"] == "ar.split.read-also-inline"]
    assert [r["text"].strip() for r in marker] == ["اقرأ أيضاً:"]
    breaks = [c for c in record["changes"] if c["rule"] == "structure.story-break"]
    assert breaks and all(c["new"] == "\n" and not c["old"].strip() for c in breaks)
    second = record["stories"][1]
    assert record["source"][second["start"] - len("اقرأ أيضاً: ") : second["start"]] == "اقرأ أيضاً: "
    assert second["relation"] == "read-also"


def test_each_story_keeps_its_own_metadata(rules):
    """The date line under the second headline is the second story's, though the strip step took it out."""
    case = next(c for c in CASES if c["kind"] == "title_date")
    stories = story_records(cleaned(rules, case))
    assert [s["metadata"]["date"] for s in stories] == [None, "2022-02-03"]
    assert [s["relation"] for s in stories] == ["main", "unmarked"]


def test_a_related_list_goes_without_opening_a_story(rules):
    case = next(c for c in CASES if c["kind"] == "headline_list")
    doc = cleaned(rules, case)
    gone = [doc.source[e.start : e.end].strip() for e in doc.log.edits if e.rule == "ar.split.read-also"]
    assert gone == case["gone"]
    assert len(doc.stories) == 1


def test_separated_text_reads_back_as_stories(rules):
    """The text format's separator (a blank line, then a form-feed line) is a story boundary, taken out."""
    page = "عنوان القصة الأولى\nنص القصة الأولى كاملا.\n\n\f\nعنوان القصة الثانية\nنص القصة الثانية كاملا."
    doc = clean(Document.from_text("p", page), rules)
    assert [s.relation for s in doc.stories] == ["main", "separated"]
    assert to_text(doc) == page


def test_a_story_after_a_separator_keeps_the_date_line_under_it(rules):
    first = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات الحكومية في جميع المناطق خلال العام المقبل."
    second = "أكد رئيس الوفد الروسي أن الزيارة تهدف إلى بحث آفاق التعاون العسكري بين البلدين في المرحلة المقبلة."
    page = f"{first}\n\n\f\nتاريخ النشر: 23rd, August 2023 GMT\nوفد عسكري روسي يصل إلى ليبيا\n{second}"
    stories = story_records(clean(Document.from_text("p", page), rules))
    assert [s["metadata"]["date"] for s in stories] == [None, "2023-08-23"]
    assert stories[1]["title"] == "وفد عسكري روسي يصل إلى ليبيا"
