"""Tests for newsclean.dates: real corpus date strings, calendar edge cases, and properties on arbitrary text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.dates import DateMatch, find_date, read_date_line

DATES_TSV = Path(__file__).parent / "data" / "dates.tsv"  # source and licences: data/dates.README
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rows() -> list[tuple[str, str, str, str]]:
    """The rows of dates.tsv, without its header row (and any comment line)."""
    rows = []
    for line in DATES_TSV.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("text\texpected\t"):
            continue
        text, expected, kind, source_id = line.split("\t")
        rows.append((text, expected, kind, source_id))
    return rows


ROWS = _rows()


def _check_offsets(text: str, found: DateMatch) -> None:
    assert found.text == text[found.start : found.end]
    assert found.text in text
    assert ISO_DATE.fullmatch(found.date)
    assert found.calendar in {"gregorian", "hijri", "jalali"}


def test_fixture_is_complete() -> None:
    assert len(ROWS) == 71


@pytest.mark.parametrize(("text", "expected", "kind", "source_id"), ROWS, ids=[f"{r[3]}|{r[2]}" for r in ROWS])
def test_corpus_date_strings(text: str, expected: str, kind: str, source_id: str) -> None:
    lang = "fa" if source_id.startswith("fa:") else "ar"
    found = find_date(text, lang)
    if expected == "-":
        assert found is None
        return
    assert found is not None
    assert found.date == expected
    _check_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("31 فبراير 2015", "ar"),
        ("29 February 2015", "ar"),
        ("31/2/2015", "ar"),
        ("31 نيسان/أبريل 2018", "ar"),
        ("32 مارس 2015", "ar"),
        ("0 مارس 2015", "ar"),
        ("15/13/2015", "ar"),
        ("30 محرم 1436هـ", "ar"),  # Muharram 1436 has 29 days in Umm al-Qura
        ("1436/1/30هـ", "ar"),
        ("30 اسفند 1397", "fa"),  # 1397 is not a leap year
        ("1397/12/30", "fa"),
    ],
)
def test_invalid_dates_give_none(text: str, lang: str) -> None:
    assert find_date(text, lang) is None


def test_last_day_of_a_month_is_valid() -> None:
    found = find_date("30 نيسان/أبريل 2018", "ar")
    assert found is not None and found.date == "2018-04-30"
    found = find_date("30 اسفند 1399", "fa")  # a leap year
    assert found is not None and found.date == "2021-03-20"


@pytest.mark.parametrize("text", ["1/1/1342هـ", "5 رجب 1300هـ", "1 محرم 1501", "10/10/1200هـ"])
def test_hijri_outside_umm_al_qura_range_gives_none(text: str) -> None:
    assert find_date(text, "ar") is None


def test_hijri_and_gregorian_prefers_gregorian() -> None:
    text = "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"
    found = find_date(text, "ar")
    start = text.index("10 أغسطس")
    assert found == DateMatch("2015-08-10", "10 أغسطس 2015 م", start, len(text), "gregorian")
    _check_offsets(text, found)


def test_gregorian_in_parentheses_after_hijri_wins() -> None:
    found = find_date("18/9/1436هـ (5/7/2015م)", "ar")
    assert found is not None and (found.date, found.text, found.calendar) == ("2015-07-05", "5/7/2015م", "gregorian")


def test_hijri_alone_stays_hijri() -> None:
    found = find_date("الأحد 10 شوال 1436", "ar")
    assert found is not None and (found.date, found.text, found.calendar) == ("2015-07-26", "10 شوال 1436", "hijri")


def test_a_distant_gregorian_date_is_another_date() -> None:
    text = "صدر القرار في 10 شوال 1436 هـ بعد مناقشات طويلة استمرت أشهرا، وكان قرار مماثل قد صدر في 5 مارس 2010"
    found = find_date(text, "ar")
    assert found is not None and (found.date, found.calendar) == ("2015-07-26", "hijri")


def test_invalid_hijri_next_to_gregorian_gives_the_gregorian() -> None:
    found = find_date("30 محرم 1436هـ الموافق 23 نوفمبر 2014م", "ar")
    assert found is not None and found.date == "2014-11-23"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "قبل ساعات"])
def test_empty_and_blank_give_none(text: str) -> None:
    assert find_date(text) is None
    assert find_date(text, "ar") is None
    assert find_date(text, "fa") is None


@pytest.mark.parametrize("text", ["2015", "123456", "20151231", "12 2015", "١٢٣٤٥", "۱۳۹۹", "3 4 2015", "18:00"])
def test_digits_only_give_none(text: str) -> None:
    assert find_date(text, "ar") is None
    assert find_date(text, "fa") is None


def test_date_inside_a_long_article_sentence() -> None:
    text = (
        "وصل الوفد إلى العاصمة في 22 آب/ أغسطس 2023، بدعوة من وزارة الخارجية، حيث عقد سلسلة من الاجتماعات مع "
        "المسؤولين لبحث سبل التعاون في مجالات الطاقة والنقل والتعليم، على أن تستكمل المحادثات في جولة مقبلة."
    )
    found = find_date(text, "ar")
    assert found is not None
    assert (found.date, found.text) == ("2023-08-22", "22 آب/ أغسطس 2023")
    _check_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "lang", "date", "calendar"),
    [
        ("1387/2/17", "fa", "2008-05-06", "jalali"),
        ("1387/2/17", "ar", "1967-05-26", "hijri"),
        ("تاریخ 1387/2/17", None, "2008-05-06", "jalali"),  # Persian letters decide without a language
        ("1436/10/30", "fa", "2058-01-19", "jalali"),
        ("1436/10/30هـ", "fa", "2015-08-15", "hijri"),  # the suffix decides
        ("۱۰ ربیع‌الاول ۱۴۴۰ ه.ق", "fa", "2018-11-18", "hijri"),
        ("۱۲ رجب ۱۴۳۹", "fa", "2018-03-29", "hijri"),  # a Hijri month name decides
        ("۱۰ فروردین ۱۳۹۷", "ar", "2018-03-30", "jalali"),  # a Persian month name decides
        ("99/10/04", "fa", "2020-12-24", "jalali"),
        ("99/10/04", "ar", None, None),  # two-digit years are Persian usage only
        ("20/2/92", "fa", "2013-05-10", "jalali"),
    ],
)
def test_language_decides_numeric_years(text: str, lang: str | None, date: str | None, calendar: str | None) -> None:
    found = find_date(text, lang)
    got = (found.date, found.calendar) if found else (None, None)
    assert got == (date, calendar)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("غرة رمضان 1436هـ", "2015-06-18"),
        ("الأول من يناير 2015", "2015-01-01"),
        ("في أول يناير كانون الثاني 2018،", "2018-01-01"),
        ("الحادي عشر من سبتمبر/ أيلول 2001", "2001-09-11"),
        ("في 10 سبتمبر/أيلول من عام 1991 وصلت", "1991-09-10"),
        ("1 أكتوبر/تشرين أول من عام 1918", "1918-10-01"),
        ("حزيران (يونيو) 12 2014", None),
        ("12 حزيران (يونيو) 2014", "2014-06-12"),
        ("Sept. 5, 2015", "2015-09-05"),
        ("the 7th of December 2015", "2015-12-07"),
        ("12/25/2015", "2015-12-25"),  # m/d/y where d/m/y cannot be
        ("2015-07-21", "2015-07-21"),
        ("در تاریخ ۲۰\u200cدسامبر\u200c۲۰۲۰ یعنی", "2020-12-20"),
        ("28 سبتمبر/آب 2016", None),  # two different months: no telling which is meant
        ("روز 20 دی ماه 48 ساله می‌شود", None),  # an age, not the year 1348
        ("از 30مرداد تا 24شهریور 26روز فرصت", None),
        ("الخميس 23 أبريل 2020 على الساعة الرابعة زوالا", "2020-04-23"),
        # searched folded, reported as written: the text keeps its own letters and digits
        ("در ۲۲ آبان ۱۴۰۲ بود", "2023-11-13"),
        ("يوم ٥ ذی\u200cالحجة ١٤٤٤ هـ", "2023-06-23"),
        # the words around a month are folded like the month names: ماه written with ة, شهر with Urdu heh
        ("۱۲ اسفند ماة ۱۴۰۱", "2023-03-03"),
        ("7 من شھر مايو 2020", "2020-05-07"),
        # the month first, with a comma before the year; a time's minutes are no day
        ("۱۸:۳۰ - بهمن ۲۴، ۱۴۰۲", "2024-02-13"),
        ("نشر في أغسطس 14، 2024", "2024-08-14"),
        ("بهمن ماه ۲۴، ۱۴۰۲", "2024-02-13"),
        ("۰۹:۱۵ - مرداد ۰۷", None),
        ("تاريخ النشر:12 مارس 2024", "2024-03-12"),  # after a label's colon, a day
        ("آب ۱۲، ۱۴۰۰ خانوار قطع شد", None),  # Persian water, not August
    ],
)
def test_more_forms(text: str, date: str | None) -> None:
    lang = "fa" if re.search("[پچژگکی]", text) else "ar"
    found = find_date(text, lang)
    assert (found.date if found else None) == date
    if found:
        _check_offsets(text, found)


MONTHS = {
    1: ["يناير", "كانون الثاني", "جانفي", "January"],
    2: ["فبراير", "شباط", "فيفري", "Feb"],
    3: ["مارس", "آذار", "March"],
    4: ["أبريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "تموز", "يوليوز", "جويلية"],
    8: ["أغسطس", "آب", "غشت", "أوت"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "دجنبر", "Dec"],
}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    variant=st.integers(min_value=0, max_value=3),
    arabic_digits=st.booleans(),
    prefix=st.sampled_from(["", "الأربعاء ", "نشر في ", "(", "آخر تحديث: الخميس "]),
    suffix=st.sampled_from(["", "م", " م", " - 10:30", ")", "، بدعوة من"]),
)
def test_any_gregorian_date_written_any_way_is_found(
    day: dt.date, variant: int, arabic_digits: bool, prefix: str, suffix: str
) -> None:
    names = MONTHS[day.month]
    written = f"{day.day} {names[variant % len(names)]} {day.year}"
    if arabic_digits:
        written = written.translate(ARABIC_DIGITS)
    text = prefix + written + suffix
    found = find_date(text, "ar")
    assert found is not None and found.date == day.isoformat()
    assert found.start == len(prefix)
    _check_offsets(text, found)


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for lang in ("ar", "fa", None):
        found = find_date(text, lang)
        assert found is None or isinstance(found, DateMatch)
        if found is not None:
            _check_offsets(text, found)


DATE_ALPHABET = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ /-.,،()هـمشق\u200c\n")
    + ["مارس", "آب", "أغسطس", "شوال", "ذو الحجة", "اسفند", "ماه", "سال", "عام", "من", "السابع", "غرة", "Oct", "th"]
)


@given(st.lists(DATE_ALPHABET, max_size=30).map("".join))
def test_never_raises_on_date_like_text(text: str) -> None:
    for lang in ("ar", "fa", None):
        found = find_date(text, lang)
        if found is not None:
            _check_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("الخميس، 4 يناير 2024 07:15 م", "2024-01-04"),
        ("2024-05-17 10:42", "2024-05-17"),
        ("الأحد 10 شوال 1436 هـ الموافق 26 يوليو 2015 م", "2015-07-26"),
        ("تاريخ النشر: 23rd, August 2023 GMT", "2023-08-23"),
        ("سه شنبه 3 مرداد 96- ساعت 17:30", "2017-07-25"),
        ("Thursday, 4 January 2024", "2024-01-04"),
        ("الثلاثاء 22/08/2023 - 02:05 م", "2023-08-22"),  # a time after a dash is no fourth part of the date
        ("14:03-12 مارس 2024 م", "2024-03-12"),  # a time and a dash before the day
        ("12 مارس 2024 م ـ 02 رَمضان 1445 هـ", "2024-03-12"),  # vowel marks, a tatweel for a dash
        ("09/09/2023 على الساعة 17:20", "2023-09-09"),
    ],
)
def test_date_lines_hold_a_date_and_only_date_words(text: str, date: str) -> None:
    found = read_date_line(text)
    assert found is not None and found.date == date


@pytest.mark.parametrize(
    "text",
    [
        "وفي 10 أغسطس 2015 وصل الوفد إلى العاصمة",
        "الرياض 10 أغسطس 2015",  # a place: a dateline, not a bare date line
        "12:34 ت م",  # a time and no date
        "قبل ساعات",
        "الخميس " + "وصل الوفد " * 40 + "4 يناير 2024",  # too long to be a date line
        "الجمعة 11/08/2023 - 21:00 بتوقيت مكة المكرمة",  # a zone is a word more: fixture lists print such lines
        "توقيت الانتخابات 12/5/2024",
        "12/5/2024 - 3٫75",  # a decimal, not a time
        "2024-10-21T02:14:37+00:00",  # an ISO timestamp: a log's entry as often as a page's stamp
    ],
)
def test_prose_with_a_date_is_no_date_line(text: str) -> None:
    assert read_date_line(text) is None


def test_date_line_may_allow_a_few_other_words() -> None:
    found = read_date_line("الرياض 10 أغسطس 2015", max_other_words=1)
    assert found is not None and found.date == "2015-08-10"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("دوشنبه ۳۰ دلو ۱۴۰۲ ساعت ۲۱:۲۰", "2024-02-19"),
        ("۱۵ سرطان ۱۴۰۲", "2023-07-06"),
        ("۳ میزان ۱۴۰۰", "2021-09-25"),
        ("۱ حمل ۱۴۰۳", "2024-03-20"),
    ],
)
def test_afghan_month_names_are_solar_hijri(text: str, date: str) -> None:
    found = read_date_line(text, "fa")
    assert found is not None and (found.date, found.calendar) == (date, "jalali")


@pytest.mark.parametrize("text", ["بیماری سرطان ۱۴۰۲ نفر را کشت", "میزان ۱۴۰۲ تومان", "حمل ۱۴۰۲"])
def test_afghan_month_words_alone_are_no_date(text: str) -> None:
    assert read_date_line(text, "fa") is None
