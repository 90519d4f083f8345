"""Properties over generated pages: the log replays to the output, cleaning is deterministic and idempotent."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsclean import pipeline
from newsclean.edits import Edit, replay
from newsclean.emit import to_text
from newsclean.model import Document
from newsclean.pipeline import STEPS, clean, run
from newsclean.record import from_record, to_record

from .conftest import DATA

POOLS = {
    name: (DATA / "properties" / f"lines-{name}.txt").read_text(encoding="utf-8").splitlines()
    for name in ("ant", "goud", "fa", "junk")
}
# the page chrome of other sites, as tests/test_page_chrome.py puts it between paragraphs
POOLS["junk"] += [
    row.split("\t")[1]
    for row in (DATA / "junk" / "page-chrome.tsv").read_text(encoding="utf-8").splitlines()
    if row and not row.startswith("#") and not row.endswith("\t-")
]
NOISE = st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىئءیکپگ۱۲٣ 0123456789.,،:\n\u200c\u00a0\tـ&;#", max_size=80)


@st.composite
def pages(draw):
    """A page of real lines (Arabic or Persian, with junk lines and noise mixed in)."""
    main = draw(st.sampled_from(["ant", "goud", "fa"]))
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(POOLS[main]),
                st.sampled_from(POOLS["junk"]),
                NOISE,
                st.sampled_from(POOLS["ant"] + POOLS["fa"]),
            ),
            max_size=12,
        )
    )
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(parts)


@st.composite
def merged_pages(draw, mixed: bool = False):
    """A page of one language's real lines and junk lines, each joined to the one before by a line break or a space,
    so that markers stand inside lines: before or after a piece the strip step would take out as a line of its own.
    With `mixed`, the lines are of Arabic and Persian both, and some joins are story separators."""
    main = draw(st.sampled_from(["ant", "goud", "fa"]))
    lines = POOLS["ant"] + POOLS["goud"] + POOLS["fa"] if mixed else POOLS[main]
    joins = ["\n", " ", "\n\n", "\r\n"] + (["\n\f\n"] if mixed else [])
    parts = draw(st.lists(st.one_of(st.sampled_from(lines), st.sampled_from(POOLS["junk"])), max_size=12))
    page = parts[0] if parts else ""
    for part in parts[1:]:
        page += draw(st.sampled_from(joins)) + part
    return page


def stories_joined(record: dict) -> str:
    return "\n".join(s["text"] if s["title"] is None else s["title"] + "\n" + s["text"] for s in record["stories"])


def replay_record(record: dict) -> str:
    edits = [Edit(r["start"], r["end"], "", r["rule"], True) for r in record["removed"]]
    edits += [Edit(c["start"], c["end"], c["new"], c["rule"]) for c in record["changes"]]
    return replay(record["source"], sorted(edits, key=lambda e: (e.start, e.end)))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(pages(), merged_pages(mixed=True)))
def test_replaying_removed_and_changes_on_source_gives_the_stories(rules, page):
    record = to_record(clean(Document.from_text("p", page), rules))
    assert replay_record(record) == stories_joined(record)


@SETTINGS
@given(pages())
def test_cleaning_is_deterministic(rules, page):
    first = json.dumps(to_record(clean(Document.from_text("p", page), rules)), ensure_ascii=False)
    second = json.dumps(to_record(clean(Document.from_text("p", page), rules)), ensure_ascii=False)
    assert first == second


# A span cut makes a byline of the first line (the photo credit goes): the same clean must take the byline too.
BYLINE_BEHIND_CREDIT = (
    "سعد المثال – أبها (تصوير: خالد المثال)\n"
    "قام مكتب العمل في المدينة بزيارة ميدانية مفاجئة يوم أمس للتأكد من التزام المحلات بالقرار الجديد."
)

# A long first line is a headline only over the date line that the strip step removes: the next clean does not see
# that line, so the first must not count it either (or the two weigh the line under it differently).
HEADLINE_OVER_REMOVED_DATE = (
    "– إنتحرت فتاة في العشرينات من العمر بعد تناولها لسم الفئران داخل منزل عائلتها بحي “التقدم” بمدينة برشيد "
    "والأسباب مجهولة /أخبارنا\nتاريخ النشر: 23rd, August 2023 GMT\nمنبع: خبرگزاری فارس\n"
    "علمت “كود”، من مصدر مطلع، أن الأغلبية قررت، اليوم الأربعاء، تأجيل عقد الاجتماع ديالها اللي غادي تحسم فيه واش "
    "غادي تقدم شي مرشح باسمها لسباق رئاسة مجلس المستشارين. وجاء تأجيل هاد الاجتماع اللي كان غادي يكون عصر اليوم "
    "الأربعاء حقاش يتزامن مع انعقاد المجلس الحكومي، وكذا  المجلس الوزاري الذي سيترأسه الملك محمد السادس."
)

# A story found without a marker counts its headline as its own, as a story behind a separator does (the next
# clean sees one there): else the evidence for a later headline in it differs between the two cleans.
HEADLINE_OPENS_ITS_STORY = (
    "عينت رئيسة الوزراء البريطانية تيريزا ماي، وزير الصحة جريمي هانت خلفا لوزير الخارجية المستقيل بوريس جونسون. "
    "ويعتبر وزير الخارجية الجديد هانت من الوزراء الذين دافعوا عن بقاء بريطانيا في الاتحاد الأوروبي خلافا لجونسون، "
    "الذي يعتبر من التيار المساند لقطيعة تامة مع الاتحاد.\nمنبع: خبرگزاری فارس\n"
    "هددت الممثلة البحرينية #شيماء_سبت بمقاضاة طبيب استغل صوراً قديمة لها للترويج لمنتجات التخلص من السمنة.\n0\n"
    "متوسل\u200cزاده گفت: بازی خیلی خوب و جذابی بود البته باید بگویم که تراکتوری\u200cها چندین موقعیت صددرصد داشتند "
    "که اگر گل می\u200cشد قطعا کار ما خیلی سخت می\u200cشد اما خدا کمک کرد و این اتفاق نیفتاد و ما توانستیم از "
    "موقعیتمان استفاده کنیم.\nء:ء\nخسرت الليرة التركية حوالي 30% من قيمتها مقارنة بالدولار الأمريكي منذ بداية "
    "السنة، وانخفض حجم التداول في سوقها المالي إلى 17%، أو إلى 40% إذا جرى قياسه على الدولار الأمريكي كما يفعل "
    "بعض المستثمرين الأجانب."
)

# A Persian page with an Arabic story after a read-also marker, the page's first line copied at its end: the copy is
# still one when the story around it has its characters fixed for Arabic (else the story's language swings).
COPY_IN_A_STORY_OF_THE_OTHER_LANGUAGE = (
    "به گزارش خبرگزاری فارس از اصفهان، صفحه نخست روزنامه\u200c\u200cهای امروز (چهارشنبه ۲۳ مهر ماه) اصفهان را در "
    "زیر مشاهده کنید:\nإقرأ أيضاً:\nرفض قاض أمريكي دعوى تشهير، قدمتها ممثلة الأفلام الإباحية ستورمي دانيلز، ضد "
    "الرئيس دونالد ترامب.\nبه گزارش خبرگزاری فارس از اصفهان، صفحه نخست روزنامه\u200c\u200cهای امروز (چهارشنبه ۲۳ "
    "مهر ماه) اصفهان را در زیر مشاهده کنید:"
)

# The first clean opens a story without a marker; behind the separator it leaves, the next clean weighs the page's
# other headlines otherwise (and finds another story): the split step reads the page again until it reads the same.
STORY_OPENED_WHERE_NO_SEPARATOR_STOOD = (
    "به گزارش خبرگزاری فارس از تبریز به نقل از روابط عمومی شهرداری تبریز، صادق نجفی اظهار داشت: طی دو سال گذشته، "
    "عمده برنامه\u200cهای اجرایی شهرداری، منحصر به پروژه\u200cهای عمرانی و ترافیکی بود که این امر بر اساس نیازهای "
    "شهر به اجرای این پروژه\u200cها و احداث برخی طرح\u200cهای عمرانی صورت گرفت.\nء:ء\n"
    "عينت رئيسة الوزراء البريطانية تيريزا ماي، وزير الصحة جريمي هانت خلفا لوزير الخارجية المستقيل بوريس جونسون. "
    "ويعتبر وزير الخارجية الجديد هانت من الوزراء الذين دافعوا عن بقاء بريطانيا في الاتحاد الأوروبي خلافا لجونسون، "
    "الذي يعتبر من التيار المساند لقطيعة تامة مع الاتحاد.\nكلمات دلالية: سياسة اقتصاد رياضة ليبيا حفتر\n"
    "كلمات دلالية: سياسة اقتصاد رياضة ليبيا حفتر\nبه گزارش خبرگزاري فارس ، كريستين لاگارد در مصاحبه با خبرگزاري "
    "رويترز افزود : اين تهديد كاملا جدي است و اگر پيشنهاد اروپا مورد قبول ما نباشد از حق وتوي خود استفاده خواهيم كرد ."
)

# What comes after a candidate's body is read up to the next separator only: the text after it is another story's
# (the first clean read it, and the next clean, with a separator there, did not).
AFTER_STOPS_AT_A_SEPARATOR = (
    "رفض قاض أمريكي دعوى تشهير، قدمتها ممثلة الأفلام الإباحية ستورمي دانيلز، ضد الرئيس دونالد "
    "ترامب.\nء:ء\nمحمدرضا عمرون امروز در گفت\u200cوگو با خبرنگار فارس در شهرکرد با اشاره به عملکرد "
    "تعزیرات حکومتی چهارمحال و بختیاری در دولت تدبیر و امید گفت: شعبه\u200cهای بدوی در بخش کالا و خدمات، "
    "قاچاق و ارز و بهداشت و درمان فعالیت می\u200cکنند که در سه قسمت رسیدگی به تخلفات صنفی، بحث کالا و "
    "خدمات و قاچاق و ارز خلاصه می\u200cشوند.\nوفد عسكري روسي يصل إلى ليبيا تلبية لدعوة خليفة حفتر\nعينت "
    "رئيسة الوزراء البريطانية تيريزا ماي، وزير الصحة جريمي هانت خلفا لوزير الخارجية المستقيل بوريس "
    "جونسون. ويعتبر وزير الخارجية الجديد هانت من الوزراء الذين دافعوا عن بقاء بريطانيا في الاتحاد "
    "الأوروبي خلافا لجونسون، الذي يعتبر من التيار المساند لقطيعة تامة مع الاتحاد."
)


@SETTINGS
@given(pages())
@example(BYLINE_BEHIND_CREDIT)
@example(HEADLINE_OVER_REMOVED_DATE)
@example(HEADLINE_OPENS_ITS_STORY)
@example(COPY_IN_A_STORY_OF_THE_OTHER_LANGUAGE)
@example(STORY_OPENED_WHERE_NO_SEPARATOR_STOOD)
@example(AFTER_STOPS_AT_A_SEPARATOR)
@example("و#۱\u200cئ")  # a hashtag the Persian rules take a ZWNJ out of: the language must not change
@example("عام\u00a0.2013")  # the displaced full stop is put back after the spaces are tidied
def test_cleaning_clean_output_changes_nothing(rules, page):
    assert_cleaning_again_changes_nothing(rules, page)


# The split step cuts a marker out of a line; what is left of the line is junk the strip step takes alone (a menu, a
# source line): the same clean must take it, as the next clean would.
MENU_BEFORE_A_TRAILING_MARKER = "الرئيسية أخبار سياسة اقتصاد رياضة منوعات إقرأ أيضاً:"
SOURCE_BEFORE_AN_INLINE_MARKER = (
    "به گزارش خبرگزاری فارس از شهرستان ساری و به نقل از روابط عمومی اداره\u200cکل آموزش و پرورش مازندران، "
    "محمودرضا علیزاده گفت: براساس استعلام از معاونت عمرانی استانداری مازندران با عادی شدن شرایط و کنترل نسبی "
    "مصرف گاز، مدارس مازندران در همه مقاطع یکشنبه 17 بهمن\u200cماه دایر است.\nمنبع: خبرگزاری فارس بیشتر بخوانید: "
    'به گزارش فارس،\u200c روزنامه آمريكايي "نيويورك تايمز" در گزارشي نوشت روز چهارشنبه تنها چند ساعت پس از '
    "آنكه دولت بحرين به طور رسمي 11 هفته قانون حالت فوق\u200cالعاده را لغو كرد، نيروهاي امنيتي به تظاهرات "
    "مسالمت\u200cآميز در بيشتر از 20 روستا حمله كردند."
)
# A marker at the top of the page, written twice: the second is a marker line once the first is out.
MARKER_TWICE_AT_THE_TOP = (
    "للمزيد: للمزيد:\nعينت رئيسة الوزراء البريطانية تيريزا ماي، وزير الصحة جريمي هانت خلفا لوزير الخارجية "
    "المستقيل بوريس جونسون."
)


@SETTINGS
@given(merged_pages())
@example(MENU_BEFORE_A_TRAILING_MARKER)
@example(SOURCE_BEFORE_AN_INLINE_MARKER)
@example(MARKER_TWICE_AT_THE_TOP)
def test_cleaning_clean_output_of_pages_with_inline_markers_changes_nothing(rules, page):
    assert_cleaning_again_changes_nothing(rules, page)


@SETTINGS
@given(merged_pages(mixed=True))
def test_cleaning_clean_output_of_pages_that_mix_arabic_and_persian_changes_nothing(rules, page):
    assert_cleaning_again_changes_nothing(rules, page)


SECOND_CLEAN = [json.loads(line) for line in (DATA / "properties" / "second-clean.jsonl").open(encoding="utf-8")]


@pytest.mark.parametrize("page", SECOND_CLEAN, ids=[p["why"] for p in SECOND_CLEAN])
def test_cleaning_clean_output_of_pages_that_once_changed_changes_nothing(rules, page):
    assert_cleaning_again_changes_nothing(rules, page["page"])


def assert_cleaning_again_changes_nothing(rules, page: str) -> None:
    once = to_text(clean(Document.from_text("p", page), rules))
    twice = to_text(clean(Document.from_text("p", once), rules))
    assert twice == once


def test_what_the_split_step_leaves_of_a_line_is_stripped_in_the_same_clean(rules):
    doc = clean(Document.from_text("p", SOURCE_BEFORE_AN_INLINE_MARKER), rules)
    assert {e.rule for e in doc.log.edits if e.removed} == {"fa.meta.source-line", "fa.split.read-more-inline"}
    assert [f.value for f in doc.found if f.field == "source"] == ["خبرگزاری فارس"]
    assert [story.relation for story in doc.stories] == ["main", "read-also"]
    assert to_text(clean(Document.from_text("p", MENU_BEFORE_A_TRAILING_MARKER), rules)) == ""


# A Persian line the strip step takes opens the page, an Arabic story and a Persian one follow: the split step's
# settling leaves a first story that is all junk, which a record does not carry. The meta step, given that record,
# must not settle the page again: only the call that splits a page settles it.
JUNK_STORY_BEFORE_TWO_LANGUAGES = (
    "بازنشر مطالب این پایگاه با ذکر منبع مجاز است.\n"
    "المصدر: عربي21\n"
    "عينت رئيسة الوزراء البريطانية تيريزا ماي، وزير الصحة جريمي هانت خلفا لوزير الخارجية المستقيل بوريس "
    "جونسون. ويعتبر وزير الخارجية الجديد هانت من الوزراء الذين دافعوا عن بقاء بريطانيا في الاتحاد "
    "الأوروبي خلافا لجونسون، الذي يعتبر من التيار المساند لقطيعة تامة مع الاتحاد.\n"
    "*نقلا عن الأيام البحرينية\n"
    "*نقلا عن الرؤية الإماراتية\n"
    "كلمات دلالية: سياسة اقتصاد رياضة ليبيا حفتر\n"
    "به گزارش خبرگزاري فارس ، كريستين لاگارد در مصاحبه با خبرگزاري رويترز افزود : اين تهديد كاملا جدي "
    "است و اگر پيشنهاد اروپا مورد قبول ما نباشد از حق وتوي خود استفاده خواهيم كرد ."
)


@SETTINGS
@given(st.one_of(pages(), merged_pages(mixed=True)))
@example(JUNK_STORY_BEFORE_TWO_LANGUAGES)
def test_the_steps_one_at_a_time_through_records_give_what_clean_gives(rules, page):
    """`newsclean fix | newsclean strip | newsclean split | newsclean meta`, in the library: each step continues
    from the JSON record of the one before."""
    doc = Document.from_text("p", page)
    for step in STEPS:
        doc = from_record(json.loads(json.dumps(to_record(run(doc, rules, (step,))), ensure_ascii=False)), "p")
    whole = to_record(clean(Document.from_text("p", page), rules))
    assert json.dumps(to_record(doc), ensure_ascii=False) == json.dumps(whole, ensure_ascii=False)


def test_stories_behind_separators_already_are_not_stripped_again(rules, monkeypatch):
    """The split step strips a page again only where it changed more than the separators: cleaning clean output
    (a pre-commit hook's daily work) reads its stories once."""
    again = []
    real = pipeline.strip
    # the strip step itself is called through the table of steps, bound at import: only the split step's call counts
    monkeypatch.setattr(
        pipeline, "strip", lambda doc, rules, stories=False: again.append(1) or real(doc, rules, stories)
    )
    output = to_text(clean(Document.from_text("p", SOURCE_BEFORE_AN_INLINE_MARKER), rules))
    assert "\f" in output and again == [1]
    assert to_text(clean(Document.from_text("p", output), rules)) == output
    assert again == [1]


def test_seed_replays_exactly(rules, seed_text):
    record = to_record(clean(Document.from_text("seed", seed_text), rules))
    assert replay_record(record) == stories_joined(record)
    assert len(record["stories"]) == 2


def test_a_line_a_span_cut_leaves_is_read_again_by_every_rule(rules):
    doc = clean(Document.from_text("p", BYLINE_BEHIND_CREDIT), rules)
    assert to_text(doc).startswith("قام مكتب العمل")
    assert {e.rule for e in doc.log.edits if e.removed} == {"base.embed.credit-aside", "ar.byline.name-place"}
    assert [f.value for f in doc.found if f.field == "author"] == ["سعد المثال"]
