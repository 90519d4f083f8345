"""The seed document end to end: every acceptance check of the foundation issue."""

from __future__ import annotations

import json

import pytest

from newsclean.cli import main
from newsclean.record import to_record

from .conftest import SEED

MENU_WORDS = ("سياسة", "اقتصاد", "رياضة", "تكنولوجيا", "مقالات", "صحافة", "أفكار", "صحة", "تفاعلي", "مقابلات")
SECOND_TITLE = "مسؤول روسي: نظام كييف يواصل استخدام الأسلحة الكيميائية ضد القوات الروسية والمدنيين"


@pytest.fixture(scope="module")
def record():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["clean", "--format", "json", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    return json.loads(lines[0])


def test_language_and_two_stories(record):
    assert record["lang"] == "ar"
    assert len(record["stories"]) == 2


def test_first_story_title_and_metadata(record, seed_text):
    first = record["stories"][0]
    assert first["title"] == seed_text.splitlines()[0]
    meta = first["metadata"]
    assert meta["date"] == "2023-08-23"
    assert meta["date_text"].startswith("23rd, August 2023")
    assert meta["source"] == "عربي21"
    tags = meta["tags"]
    for tag in ("ليبيا", "حفتر", "روسيا", "فاغنر"):
        assert tag in tags
    assert not set(tags) & set(MENU_WORDS)
    assert len(tags) == len(set(tags))


def test_second_story_title_and_no_inherited_metadata(record):
    second = record["stories"][1]
    assert second["title"] == SECOND_TITLE
    assert second["metadata"]["date"] is None
    assert second["metadata"]["source"] is None
    assert second["metadata"]["tags"] == []
    assert second["text"].startswith("أكد رئيس الوفد الروسي")


def test_every_article_line_survives_in_its_story(record, seed_text):
    lines = seed_text.splitlines()
    junk = {1, 5, 12, 13, 14, 15}  # date, tweet attribution, source, tags, marker, second title (0-based)
    body1 = record["stories"][0]["text"].splitlines()
    body2 = record["stories"][1]["text"].splitlines()
    fixed = str.maketrans({"ی": "ي", "ک": "ك"})
    assert body1 == [ln.translate(fixed) for i, ln in enumerate(lines[:14]) if i not in junk and i != 0]
    assert body2 == [ln.translate(fixed) for ln in lines[16:]]


def test_junk_is_gone_and_listed_with_rule_ids(record):
    removed = {r["text"].strip(): r["rule"] for r in record["removed"]}
    assert removed["— RT غرفة الأخبار (@RTArNewsRoom) August 22, 2023"] == "base.embed.tweet-attribution"
    assert removed["المصدر: عربي21"] == "ar.meta.source-line"
    assert removed["تاريخ النشر: 23rd, August 2023 GMT"] == "ar.meta.date-line"
    assert removed["إقرأ أيضاً:"] == "ar.split.read-also"
    assert any(text.startswith("كلمات دلالية:") and rule == "ar.meta.tags-line" for text, rule in removed.items())
    text = "\n".join((s["title"] or "") + "\n" + s["text"] for s in record["stories"])
    for piece in ("RTArNewsRoom", "المصدر:", "تاريخ النشر", "كلمات دلالية", "إقرأ أيضاً"):
        assert piece not in text


def test_no_farsi_yeh_or_keheh_remains(record):
    for story in record["stories"]:
        assert not set("یک") & set(story["title"] + story["text"])


def test_removed_offsets_point_into_source(record):
    for r in record["removed"]:
        assert record["source"][r["start"] : r["end"]] == r["text"]
        assert record["source"].count("\n", 0, r["start"]) + 1 == r["line"]
    for c in record["changes"]:
        assert record["source"][c["start"] : c["end"]] == c["old"]


def test_library_and_cli_agree(record, seed_text, rules):
    from newsclean import clean_text

    assert to_record(clean_text(seed_text, rules, str(SEED))) == record
