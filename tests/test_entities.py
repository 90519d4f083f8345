"""HTML character references: kept by default (the labelled pages count them as article text), decoded by the
opt-in pack `chars/html`, and read through by the shape tests either way (tests/data/entities/, README there)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import load_rules
from newsclean.emit import to_text
from newsclean.entities import read_through
from newsclean.model import Document
from newsclean.pipeline import clean
from newsclean.record import to_record
from newsclean.storylines import HEAD, kind

from .conftest import DATA

PAGE = "قال المتحدث إن الاتفاق &quot;خطوة مهمة&quot; نحو الحل &amp; أضاف أن المفاوضات ستستمر الأسبوع المقبل."


@pytest.fixture(scope="module")
def html_rules():
    return load_rules(["chars/html"])


def record(rules, text: str) -> dict:
    return to_record(clean(Document.from_text("p", text), rules))


def test_references_are_kept_by_default(rules):
    out = record(rules, PAGE)
    assert out["stories"][0]["text"] == PAGE
    assert out["changes"] == []


def test_the_html_pack_decodes_them_and_logs_each(html_rules):
    out = record(html_rules, PAGE)
    assert out["stories"][0]["text"] == PAGE.replace("&quot;", '"').replace("&amp;", "&")
    assert {c["rule"] for c in out["changes"]} == {"base.repair.html-entities"}
    assert len(out["changes"]) == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("&amp;quot;نعم&amp;quot;", '"نعم"'),  # escaped twice: decoded whole, nothing left for a second run
        ("&AMP;quot;نعم&amp;&#113;uot;", '"نعم"'),
        ("&#38;#39;", "'"),
        ("AT&T; &unknownentity; &amp;unknownentity;", "AT&T; &unknownentity; &unknownentity;"),
        ("&#1; &#0; &#x85;", "&#1; &#0; …"),  # references to controls and to nothing stay (&#x85; is cp1252's …)
        ("&#65165;&#65247;", "ال"),  # presentation forms decoded first, then folded by the repair stage
    ],
)
def test_the_html_pack_decodes_each_reference_once_and_for_all(html_rules, text, expected):
    assert record(html_rules, text)["stories"][0]["text"] == expected


def test_mojibake_written_as_references_is_decoded_then_repaired(html_rules):
    arabic = "أعلنت الحكومة أن المشروع سيبدأ العام المقبل في جميع المناطق"
    references = "".join(f"&#{ord(ch)};" for ch in arabic.encode("utf-8").decode("cp1256"))
    once = to_text(clean(Document.from_text("p", references), html_rules))
    assert once.strip() == arabic
    assert to_text(clean(Document.from_text("p", once), html_rules)) == once


def test_a_headline_ending_in_a_reference_is_a_headline():
    line = "واتس آب يختبر زرا جديدا للتفاعل &#8220;like&#8221;"
    assert read_through(line).endswith("”")
    assert kind(line, "ar") == HEAD


def test_a_related_headline_ending_in_a_reference_goes_with_its_list(rules):
    out = record(rules, (DATA / "entities" / "related-list.txt").read_text(encoding="utf-8"))
    assert len(out["stories"]) == 1
    removed = [r["text"].strip() for r in out["removed"] if r["rule"] == "ar.split.read-also"]
    assert removed[-1] == "واتس آب يختبر زرا جديدا للتفاعل &#8220;like&#8221;"
    assert "&#8220;like&#8221;" not in out["stories"][0]["text"]


def test_a_title_ending_in_a_reference_opens_its_story(rules):
    out = record(rules, (DATA / "entities" / "two-stories.txt").read_text(encoding="utf-8"))
    assert [s["title"] for s in out["stories"]] == [None, "واتس آب يختبر زرا جديدا للتفاعل &#8220;like&#8221;"]
    assert "&quot;سهل الاستخدام وسريع&quot;" in out["stories"][1]["text"]


REFERENCES = st.sampled_from(
    ["&quot;", "&amp;", "&AMP;", "amp;", "quot;", "&#8220;", "&#38;", "#39;", "&#113;", "&nbsp;", "&lt;", "&x;", "&"]
)
WORDS = st.sampled_from(["قال", "الوزير", "نعم", "خطوة.", "مهمة،", "\n", " ", "like", "؛"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(REFERENCES, WORDS), max_size=30).map("".join))
def test_with_the_html_pack_cleaning_clean_output_changes_nothing(html_rules, text):
    once = to_text(clean(Document.from_text("p", text), html_rules))
    assert to_text(clean(Document.from_text("p", once), html_rules)) == once
