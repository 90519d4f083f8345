"""The pieces of the split step: line kinds, the mined opener statistics and the glued-title cut, the evidence
score, and the units a line with a marker is cut into. Sentences are from the pages in tests/data/split/."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsclean import boundaries, openers, segment, storylines
from newsclean.boundaries import Candidate, Page
from newsclean.lines import split_lines
from newsclean.model import Document
from newsclean.pipeline import run

from .conftest import DATA

CASES = {c["name"]: c for c in map(json.loads, (DATA / "split" / "cases.jsonl").read_text("utf-8").splitlines())}
LEDE = (
    "أعلنت وزارة الداخلية البريطانية أنها وجهت اتهامات لضابطين روسيين بمحاولة اغتيال العميل السابق سيرغي "
    "سكريبال وابنته يوليا في مدينة سالزبري."
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("بريطانيا تتهم ضابطين روسيين بمحاولة اغتيال سكريبال", storylines.HEAD),
        (LEDE, storylines.BODY),
        ("آخر تحديث: 14:05 - 3 فبراير 2022", storylines.DATE),
        ("Next Previous عين اليوم – جدة", storylines.DATELINE),
        ("وقال الوزير إن الحكومة ستواصل الحوار مع", storylines.OTHER),  # a sentence broken across lines
        ("", storylines.BLANK),
    ],
)
def test_line_kinds(text, kind):
    assert storylines.kind(text, "ar") == kind


def test_a_long_title_is_a_headline_only_where_the_layout_vouches_for_it():
    title = "قهرتونا و الله ! واش هاد الناس ماعندهمش الحشمة ولا شنو ؟ راه الوقت صعيب على الجميع و خاصنا نتعاونو"
    assert storylines.kind(title) != storylines.HEAD
    assert storylines.licensed_head(title, storylines.kind(title))
    assert not storylines.licensed_head("وأضاف الوزير أن الحكومة ستواصل", storylines.OTHER)


def test_opening_words_are_told_from_continuing_ones():
    assert openers.opener_lr(openers.words("أعلنت وزارة الداخلية")) > 1
    assert openers.opener_lr(openers.words("وأضاف الوزير")) < -1
    assert openers.opener_lr(openers.words("به گزارش خبرگزاری فارس")) > 1
    assert storylines.continues("وأضاف الوزير أن الحكومة ستواصل الحوار")
    assert not storylines.continues("واصل مئات الأردنيين احتجاجاتهم الغاضبة")


def test_the_shipped_statistics_name_their_sources_and_leave_out_the_non_commercial_corpus():
    about = json.loads((resources.files("newsclean") / "data" / "openers.json").read_text("utf-8"))["about"]
    assert about["sources"] and all("Apache-2.0" in s or "CC BY 4.0" in s for s in about["sources"])
    assert not any("SaudiNewsNet" in s or "NC" in s for s in about["sources"])


def test_a_headline_glued_to_its_body_is_cut_where_the_lede_starts():
    text = "بريطانيا تتهم ضابطين روسيين بمحاولة اغتيال سكريبال " + LEDE
    assert text[openers.glued_cut(text) :] == LEDE
    assert openers.glued_cut("عنوان قصير جدا") is None


def test_a_glued_cut_before_a_word_that_seldom_opens_a_paragraph_scores_lower():
    table = openers.table()
    assert table.start["عن"] < 0 < table.start["وقال"]
    assert set(table.start) <= table.stop  # frequent words only: rarer ones tell sites apart
    text = "ارتفاع أسعار النفط عن مستوياتها القياسية " + LEDE
    toks, first, tags = openers.glued_tokens(text)
    strings = [m.group(0) for m in toks]
    column = openers.GLUED_FEATURES.index("start")
    assert openers.glued_features(strings, first, tags, 3, table)[column] == table.start["عن"]  # a cut before عن
    assert table.glued["start"] > 0  # the learnt weight: words that open paragraphs raise a cut's score


def test_a_headline_that_ends_with_a_word_of_time_keeps_it():
    """ "... في جدة اليوم" + body: a body seldom opens with اليوم, so the cut falls after it."""
    table = openers.table()
    assert table.glued["time"] < 0
    title = "افتتاح معرض الكتاب في جدة اليوم"
    body = "يفتتح أمير المنطقة معرض الكتاب الدولي في دورته الجديدة بمشاركة أكثر من خمسمائة دار نشر."
    text = f"{title} {body}"
    toks, first, tags = openers.glued_tokens(text)
    column = openers.GLUED_FEATURES.index("time")
    at_time = len(title.split()) - 1
    assert openers.glued_features([m.group(0) for m in toks], first, tags, at_time, table)[column] == 1.0
    assert text[openers.glued_cut(text) :] == body


def _features(text: str, j: int) -> dict[str, float]:
    table = openers.table()
    toks, first, tags = openers.glued_tokens(text)
    return dict(zip(openers.GLUED_FEATURES, openers.glued_features([m.group(0) for m in toks], first, tags, j, table)))


def test_a_cut_reads_the_shape_of_words_the_mined_tables_do_not_list():
    """A lede opens with a verb, often a feminine past one (`عقدت`, too rare to be listed); a headline seldom ends
    on a frequent word, and a plural in -ات is a noun, not such a verb. (Sentences written for the test.)"""
    table = openers.table()
    assert "عقدت" not in table.opener and "نجاحات" not in table.opener
    assert table.glued["past_t"] > 0 > table.glued["article"]
    text = "بلدية المدينة تطلق حملة لتشجير الأحياء الشرقية عقدت البلدية اجتماعا مع السكان لشرح خطة التشجير"
    verb, article = _features(text, 7), _features(text, 8)  # before عقدت, before البلدية
    assert verb["past_t"] == 1.0 and verb["article"] == 0.0 and verb["prev_content"] == 1.0
    assert verb["prev_article"] == 1.0 and article["article"] == 1.0 and article["past_t"] == 0.0
    noun = _features("وزير الخارجية: الاتفاق ثمرة نجاحات الدبلوماسية الإقليمية قال وزير الخارجية إن الاتفاق", 4)
    assert noun["past_t"] == 0.0
    # a word of time ends a headline as a word of content does; a preposition does not
    time = _features("البلدية تفتتح المعرض اليوم تنطلق فعاليات المعرض السنوي في الحديقة العامة", 4)
    assert time["prev_content"] == 1.0
    assert _features("الوزير يؤكد تأجيل الامتحانات إلى ما بعد العيد قال الوزير", 5)["prev_content"] == 0.0


def test_a_desk_after_a_reporters_dash_is_no_dateline_of_its_own():
    """`سامي العتيبي – عين اليوم افتتحت ...`: the desk's name reads like a dateline, but a cut after the dash would
    leave the byline in the headline. (Sentences written for the test.)"""
    title = "افتتاح مكتبة عامة جديدة في حي الروضة"
    body = "سامي العتيبي – عين اليوم افتتحت أمانة المدينة مكتبة عامة جديدة تضم آلاف الكتب وقاعات للقراءة والأطفال"
    text = f"{title} {body}"
    after_dash = len(title.split()) + 3
    assert text.split()[after_dash] == "عين"
    assert _features(text, after_dash)["dateline"] == 0.0
    assert _features("عنوان الخبر هنا عين اليوم – متابعات أكدت وزارة الصحة", 3)["dateline"] == 1.0
    assert text[openers.glued_cut(text) :] == body


def _candidate(body: str, marker: str | None = "line") -> Candidate:
    story = CASES["marker on its own line"]["text"].split("\n")[1]
    return Candidate(title="الأمن العام يحدد هوية شرطي", body=body, after="", prev_tail=story, marker=marker)


def test_a_marker_opens_a_story_unless_what_follows_carries_the_article_on():
    page = Page(titled=True, sections=0)
    story = boundaries.stems(CASES["marker on its own line"]["text"])
    fresh = boundaries.evidence(_candidate(LEDE), page, lambda: story)
    carried = boundaries.evidence(_candidate("وأضاف الوزير أن الحكومة ستواصل الحوار مع النقابات."), page, lambda: story)
    assert fresh.splits and not carried.splits
    assert carried.continuation and carried.score < fresh.score
    assert set(fresh.as_dict()) >= {"judged_as", "score", "lede", "cohesion", "date_between", "lang_change"}


def test_links_inside_an_article_are_judged_as_if_there_were_no_marker():
    page = Page(titled=False, sections=0)
    story = boundaries.stems(CASES["marker on its own line"]["text"])
    link = boundaries.evidence(_candidate(LEDE, "link"), page, lambda: story)
    assert link.judged_as == "unmarked"
    dated = boundaries.evidence(
        Candidate("الأمن العام يحدد هوية شرطي", LEDE, "", "نص.", "link", date_between=True), page, lambda: story
    )
    assert dated.judged_as == "line"


def test_a_line_with_an_inline_marker_is_cut_into_the_text_before_the_marker_the_title_and_the_body(rules):
    title = "بريطانيا تتهم ضابطين روسيين بمحاولة اغتيال سكريبال"
    page = f"وختم الوزير كلمته بالدعوة إلى التهدئة وضبط النفس. اقرأ أيضاً: {title} {LEDE}"
    doc = run(Document.from_text("p", page), rules, ["strip"])
    units = segment.page_units(doc, split_lines(doc.text), rules)
    assert [u.kind for u in units] == ["body", "marker", "head", "body"]
    assert [u.text for u in units][1:3] == ["اقرأ أيضاً:", title]
    plan = segment.plan_stories(units)
    assert [(o.relation, o.title) for o in plan.openings] == [("main", None), ("read-also", 2)]
    assert plan.openings[1].evidence is plan.weighed[0][1]


def test_a_related_list_at_the_end_of_a_story_goes_as_at_the_end_of_the_page(rules):
    """A marker and the headlines under it, then a separator: the list has no body of its own and goes, as it goes
    where the page ends after it (a page cleaned again reads its stories behind separators)."""
    related = ["مقالات ذات صلة", "بريطانيا تتهم ضابطين روسيين بمحاولة اغتيال سكريبال", "الأمن العام يحدد هوية شرطي"]
    body = "وختم الوزير كلمته بالدعوة إلى التهدئة وضبط النفس."
    other = "تمكن قراصنة روس من اختراق خطوط الدفاع الإلكترونية في عدة محطات للطاقة في الولايات المتحدة."
    for after, stories in (([], 1), (["\f", other], 2)):
        doc = run(Document.from_text("p", "\n".join([LEDE, body, *related, *after])), rules, ["strip", "split"])
        assert doc.text.split("\n") == [LEDE, body, *after[1:]]
        assert len(doc.stories) == stories
        assert [e.rule for e in doc.log.edits if e.removed][:3] == ["ar.split.read-also"] * 3


def test_only_a_date_line_the_page_still_has_makes_the_headline_over_it_the_title():
    """A date line the strip step removed is evidence, but the next clean does not see it: the title it picks
    must be the one picked without it."""
    for line, title in ((-1, 3), (2, 1)):
        units = [
            segment.Unit(0, 10, LEDE, storylines.BODY, 0),
            segment.Unit(11, 20, "اييه كاينة لطيفة رأفت", storylines.HEAD, 1),
            segment.Unit(21, 21, "", storylines.DATE, line),
            segment.Unit(21, 40, "وفد عسكري روسي يصل إلى ليبيا", storylines.HEAD, 3),
            segment.Unit(41, 60, LEDE, storylines.BODY, 4),
        ]
        assert segment._pick_title(units, [1, 2, 3]) == title


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ('منظمة "إيتا" تعلن "الوقف النهائي لعملها"وقد أعلنت المنظمة', 'منظمة "إيتا" تعلن "الوقف النهائي لعملها"'),
        ("«الصحة» تعلن «خطة جديدة»وقالت الوزارة", "«الصحة» تعلن «خطة جديدة»"),
        ('منظمة "إيتا" تعلن"الوقف النهائي لعملها"', None),  # an opening quote glued to the word before it
        ('منظمة "إيتا" تعلن "الوقف النهائي لعملها"', None),
    ],
)
def test_a_link_glued_to_the_next_sentence_ends_at_its_closing_quote(text, cut):
    end = segment._glued_after_quote(text)
    assert (text[:end] if end is not None else None) == cut
