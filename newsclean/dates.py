"""Find the calendar date written in a line of news text: Arabic, Persian or English; Gregorian, Hijri or Solar Hijri.

A parser of our own rather than dateparser: dateparser misses regional forms such as `22 آب/ أغسطس 2023` or
`29آذار/مارس2019` and costs 0.2-5 ms a call, while this runs on every line of millions of documents. Month names,
day ordinals and year suffixes are data (`data/months.yaml`); calendar conversion is the libraries' job: hijridate
(Umm al-Qura) and jdatetime (Solar Hijri), imported only once such a date is actually found.

The text is searched folded one character for one (أ إ آ to ا, ی ى to ي, ة to ه, ..., Arabic-Indic and Persian
digits to ASCII), so offsets are offsets into the input and the patterns spell each name once (patterns with a
class of spellings for every letter took 0.13-0.25 s to compile, in every process that reads a date). Every date
has a run of two or more digits (its year), so the patterns search only the stretches around such runs, never a
whole paragraph.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import yaml

from .charmap import CharMap

__all__ = ["DateMatch", "find_date", "read_date_line"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: the Gregorian calendar date, and the expression it was read from."""

    date: str  # "YYYY-MM-DD" (Gregorian calendar date)
    text: str  # the date expression exactly as written, a substring of the input
    start: int  # offsets of `text` in the input string
    end: int
    calendar: str  # "gregorian" | "hijri" | "jalali": the calendar `text` is written in


_DIGIT_FOLDS = {chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)}
_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ھ": "ه",
}
_FOLD = str.maketrans({**_DIGIT_FOLDS, **_LETTER_FOLDS})
_FOLD_TEXT = CharMap(_FOLD)
_KEY_STRIP = re.compile(r"[\s\u200c\u0640.]+")
# Written as one digit then more (not [..]{2,}): a pattern that starts with a plain character class lets the
# regex engine skip along the text to the next digit, about four times faster on a paragraph without one.
_YEAR_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9]+")
# Letters and digits only Persian uses: what tells a Persian text from an Arabic one when the caller gives no language.
_PERSIAN_HINT = re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06f0-\u06f9]")

# A digit: ASCII, Arabic-Indic or Persian (the date patterns search folded text, whose digits are ASCII; `_TIME`
# searches the text as written).
_D = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_WS = r"[^\S\n]"  # a space that does not end the line: a date never spans lines
_WSZ = r"(?:[^\S\n]|\u200c)"  # ... or a zero-width non-joiner, which joins Persian compound words
_LETTER = r"[^\W\d_]"
_EN_ORDINAL = r"(?ai:st|nd|rd|th)?"

# A Hijri or Solar Hijri date followed this closely by a Gregorian one is the same day written twice
# ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"); farther apart, the later date is another date.
_EQUIVALENT_GAP = 40
# How far before "من" an ordinal day word may start ("الحادي والثلاثين من").
_ORDINAL_REACH = 40
# How far a date may start before its year ("التاسع والعشرين من شهر كانون الأول / ديسمبر عام" is 49 characters,
# the ordinal found separately) and end after it (the longest suffix, "هجری شمسی").
_REACH_BEFORE_YEAR = 80
_REACH_AFTER_YEAR = 30

# Years a date in each calendar may have. Hijri is hijridate's Umm al-Qura range; the others keep out numbers that
# only look like years.
_YEARS = {"gregorian": (1000, 2199), "hijri": (1343, 1500), "jalali": (1200, 1500)}


class _Tables(NamedTuple):
    by_digit: re.Pattern[str]  # "12 أغسطس 2015", "12/7/2015": everything that starts with a digit
    by_word: re.Pattern[str]  # "من ديسمبر عام ١٩٤١" (ordinal day before it), "غرة رمضان 1436"
    month_first: re.Pattern[str]  # the month first: "July 31, 2015", "بهمن ۲۴، ۱۴۰۲"
    ordinal_before: re.Pattern[str]  # "السابع " right before "من"
    months: dict[str, tuple[str, int]]
    days: dict[str, int]
    suffixes: dict[str, str]


@functools.lru_cache(maxsize=1)
def _months_data() -> dict:
    """The month, day-word and suffix tables (data/months.yaml), read once, with libyaml where it is installed."""
    source = resources.files("newsclean").joinpath("data/months.yaml").read_text(encoding="utf-8")
    return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


@functools.lru_cache(maxsize=1024)
def _key(name: str) -> str:
    """The lookup form of a name as matched: folded, lower-case, without spaces, ZWNJ, tatweel or dots (cached:
    the same few spellings come back on every date line)."""
    return _KEY_STRIP.sub("", name.translate(_FOLD)).lower()


def _name_regex(name: str) -> str:
    """A name as a pattern on folded text: words spaced any way (or glued), the و of a compound ordinal glued or
    spaced."""
    words = []
    for word in re.split(r"[\s\u200c]+", name.translate(_FOLD).strip()):
        letters = re.escape(word)
        words.append(f"و{_WSZ}*{letters[1:]}" if word.startswith("وال") else letters)
    return f"{_WSZ}*".join(words)


def _suffix_regex(suffix: str) -> str:
    """A year suffix as a pattern: any tatweels after ه, the dot of ه.ق optional, spaces free."""
    out = []
    for ch in suffix.translate(_FOLD):
        if ch == "\u0640":
            continue
        if ch == ".":
            out.append(rf"\.?{_WS}*")
        elif ch.isspace() or ch == "\u200c":
            out.append(f"{_WSZ}*")
        else:
            out.append(re.escape(ch) + ("\u0640*" if ch == "ه" else ""))
    return "".join(out)


def _word_start(word: str, then: str) -> str:
    """A word that must start a word, followed by `then`, written to begin with its literal first letter: a pattern
    whose alternatives all do lets the regex engine skip straight to the positions holding those letters."""
    folded = word.translate(_FOLD)
    first = re.escape(folded[0])
    return f"{first}(?<!{_LETTER}{first}){_name_regex(folded[1:])}{then}"


def _alternation(names: list[str], to_regex: Callable[[str], str] = _name_regex) -> str:
    """Names as one alternation, longest first so that a name never loses to its own prefix (ماي before مايو)."""
    ordered = sorted({name.translate(_FOLD) for name in names}, key=lambda n: (-len(n), n))
    return "|".join(dict.fromkeys(to_regex(name) for name in ordered))


@functools.cache
def _tables() -> _Tables:
    """Load months.yaml and build the date regexes, once, on first use (most commands never parse a date)."""
    data = _months_data()

    months: dict[str, tuple[str, int]] = {}
    arabic: list[str] = []
    latin: list[str] = []
    for calendar in ("gregorian", "hijri", "jalali"):
        for number, names in data[calendar].items():
            for name in names:
                seen = months.setdefault(_key(name), (calendar, int(number)))
                if seen != (calendar, int(number)):
                    raise ValueError(f"months.yaml: {name!r} is both {seen} and {(calendar, number)}")
                (latin if name.isascii() else arabic).append(name)

    days: dict[str, int] = {}
    al_rests: list[str] = []
    bare: list[str] = []
    for number, words in data["day_words"].items():
        for word in words:
            folded = word.translate(_FOLD)
            days[_key(folded)] = int(number)
            if folded.startswith("ال"):
                al_rests.append(folded[2:])
                days[_key("لل" + folded[2:])] = int(number)
            else:
                bare.append(folded)

    suffixes: dict[str, str] = {}
    for calendar, names in data["year_suffixes"].items():
        for name in names:
            suffixes[_key(name)] = calendar
    suffix_alt = _alternation([name for names in data["year_suffixes"].values() for name in names], _suffix_regex)

    arabic_alt = _alternation(arabic)
    latin_alt = _alternation(latin)

    def month(group: str) -> str:
        return (
            rf"(?P<{group}>{arabic_alt}|(?ai:{latin_alt})\.?)"
            rf"(?:{_WSZ}*ماه)?(?!{_LETTER})"  # Persian اسفند ماه, آذرماه
        )

    def suffix(group: str) -> str:
        return rf"(?:{_WS}*(?P<{group}>{suffix_alt})(?!{_LETTER}))?"

    # The same month named twice, in two traditions: "آب/ أغسطس", "يناير كانون الثاني", "حزيران (يونيو)".
    month_pair = rf"(?:(?:{_WS}*/{_WS}*|{_WS}+){month('m2')}|{_WS}*\({_WS}*{month('m3')}{_WS}*\))?"
    year_word = _alternation(["عام", "العام", "سنة", "سال"])
    count_word = _alternation(data["not_a_year_before"])
    month_year = (
        rf"{month('m1')}{month_pair}{_WSZ}*[,،/\-]?{_WSZ}*(?:من{_WS}+)?(?:(?:{year_word}){_WS}*)?"
        # A two-digit (Persian) year is no count: not "24شهریور 26روز", "20 دی ماه 48 ساله".
        rf"(?P<y>{_D}{{4}}(?!{_D})|{_D}{{2}}(?!{_D}|{_LETTER}|{_WSZ}+(?:{count_word})(?!{_LETTER}))){suffix('s1')}"
    )
    of_month = rf"(?:(?:من|(?ai:of)){_WS}+)?(?:شهر{_WS}+)?"
    # The first digit, not preceded by a digit (nor by one and a separator, but for a time and a dash): "12",
    # "2015/7/19", "٨ / ١٠ / ١٤٣٦", "14:03-12 مارس 2024".
    # A time's minutes are no day ("۱۸:۳۰ - بهمن ۲۴، ۱۴۰۲").
    number = rf"(?P<n1>(?<!{_D}[:٫]){_D}(?<!{_D}{_D})(?:(?<!{_D}[/\-.]{_D})|(?<=[:٫]{_D}{_D}-{_D})){_D}{{0,3}})"
    by_digit = (
        rf"{number}(?:{_EN_ORDINAL}{_WSZ}*[,،/\-]?{_WSZ}*{of_month}{month_year}"
        rf"|{_WS}*(?P<ns>[/\-.]){_WS}*(?P<nb>{_D}{{1,2}}){_WS}*(?P=ns){_WS}*(?P<nc>{_D}{{1,4}})"
        rf"(?!{_D}|{_WS}*[/\-]{_WS}*{_D}(?!{_D}?:{_D}{{2}})){suffix('s2')})"  # a fourth part, not a time
    )
    # An ال ordinal needs من after it, so "كانون الثاني يناير" is not day 2; غرة and أول may stand alone.
    starts = [_word_start("من", rf"{_WS}+")]
    for word in bare:
        starts.append(_word_start(word, rf"{_WS}+(?:من{_WS}+)?"))
    by_word = rf"(?:{'|'.join(starts)})(?:شهر{_WS}+)?{month_year}"
    ordinal_before = rf"(?<!{_LETTER})(?P<dw>(?:ال|لل)(?:{_alternation(al_rests)})){_WS}+\Z"
    # The month first, as English writes it ("July 31, 2015"), and as some Arabic and Persian pages do, with a
    # comma before the year ("بهمن ۲۴، ۱۴۰۲", "أغسطس 14، 2024"); not آب, which is also water in Persian ("آب ۱۲،
    # ۱۴۰۰ خانوار قطع شد").
    month_first = (
        rf"(?P<em>[A-Za-z](?<!{_LETTER}[A-Za-z])[A-Za-z]{{2,8}})\.?{_WS}+"
        rf"(?P<ed>{_D}{{1,2}}){_EN_ORDINAL}{_WS}*,?{_WS}*(?P<ey>{_D}{{4}})(?!{_D})"
        rf"|(?<!{_LETTER})(?![آا]ب(?!{_LETTER}))(?P<am>{arabic_alt})(?:{_WSZ}*ماه)?{_WSZ}+(?P<ad>{_D}{{1,2}}){_WS}*[,،]{_WS}*"
        rf"(?P<ay>{_D}{{4}})(?!{_D})"
    )
    return _Tables(
        re.compile(by_digit),
        re.compile(by_word),
        re.compile(month_first),
        re.compile(ordinal_before),
        months,
        days,
        suffixes,
    )


def _is_persian(text: str, lang: str | None) -> bool:
    """Whether a year of 1300-1500 in `text` is Solar Hijri: the document's language, else its letters, decide."""
    if lang == "fa":
        return True
    if lang == "ar":
        return False
    return _PERSIAN_HINT.search(text) is not None


def _read_named(m: re.Match[str], day: int, tables: _Tables) -> tuple[str, int, int, int] | None:
    """(calendar, year, month, day) of a day-month-year match; the month name decides the calendar."""
    named = tables.months.get(_key(m["m1"]))
    if named is None:
        return None
    calendar, month = named
    for group in ("m2", "m3"):
        if m[group] is not None and tables.months.get(_key(m[group])) != named:
            return None  # "28 سبتمبر/آب 2016": two different months, no telling which is meant
    year = int(m["y"])
    if len(m["y"]) == 2:
        if calendar != "jalali":
            return None
        year += 1300  # "27 آذرماه سال 97"
    return calendar, year, month, day


def _read_numeric(m: re.Match[str], text: str, lang: str | None, tables: _Tables) -> tuple[str, int, int, int] | None:
    """(calendar, year, month, day) of a d/m/y or y/m/d match; a suffix, else the year and the language, decide."""
    a, b, c = m["n1"], m["nb"], m["nc"]
    calendar = tables.suffixes.get(_key(m["s2"])) if m["s2"] is not None else None
    month = int(b)
    if len(a) <= 2 and len(c) <= 2:
        # Two-digit years are Persian usage only ("99/10/04", "20/2/92"): the part above 31 is the year, else the
        # first one (yy/mm/dd is the Persian convention).
        if calendar not in (None, "jalali") or not _is_persian(text, lang):
            return None
        first, last = int(a), int(c)
        if first > 31 or (last <= 31 and len(a) == 2):
            return "jalali", 1300 + first, month, last
        return "jalali", 1300 + last, month, first
    if len(a) == 4 and len(c) <= 2:
        year, day, year_last = int(a), int(c), False
    elif len(c) == 4 and len(a) <= 2:
        year, day, year_last = int(c), int(a), True
    else:
        return None
    if calendar is None:
        if 1300 <= year <= 1500:
            calendar = "jalali" if _is_persian(text, lang) else "hijri"
        elif 1500 < year <= _YEARS["gregorian"][1]:
            calendar = "gregorian"
        else:
            return None
    if calendar == "gregorian" and year_last and month > 12 >= day:
        day, month = month, day  # m/d/y, the English order, where d/m/y cannot be
    return calendar, year, month, day


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> str | None:
    """The ISO Gregorian date of a date in `calendar`, or None where no such day exists (31 February, 30 Muharram
    1436) or the year is outside the calendar's range."""
    low, high = _YEARS[calendar]
    if not low <= year <= high:
        return None
    try:
        if calendar == "gregorian":
            return dt.date(year, month, day).isoformat()
        if calendar == "hijri":
            from hijridate import Hijri

            return Hijri(year, month, day).to_gregorian().isoformat()
        import jdatetime

        return jdatetime.date(year, month, day).togregorian().isoformat()
    except (ValueError, OverflowError):
        return None


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` around its runs of two or more digits, merged: every date has such a run (its year)
    and lies close before it, so the date patterns need to search only there, not along a whole paragraph."""
    windows: list[tuple[int, int]] = []
    for m in _YEAR_DIGITS.finditer(text):
        low, high = max(0, m.start() - _REACH_BEFORE_YEAR), m.end() + _REACH_AFTER_YEAR
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


def _candidates(
    text: str, windows: list[tuple[int, int]], tables: _Tables
) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every place a date may be written in the folded `text`, as (start, end, day or 0 where the match holds it,
    match), in order."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for low, high in windows:
        found += [(m.start(), m.end(), 0, m) for m in tables.by_digit.finditer(text, low, high)]
        found += [(m.start(), m.end(), 0, m) for m in tables.month_first.finditer(text, low, high)]
        for m in tables.by_word.finditer(text, low, high):
            start = m.start()
            if text.startswith("من", start):
                ordinal = tables.ordinal_before.search(text, max(0, start - _ORDINAL_REACH), start)
                if ordinal is None:
                    continue
                start, day = ordinal.start(), tables.days.get(_key(ordinal["dw"]), 0)
            else:
                day = tables.days.get(_key(m.group().split()[0]), 0)
            if day:
                found.append((start, m.end(), day, m))
    found.sort(key=lambda item: item[0])
    return found


def _read(
    start: int, end: int, day: int, m: re.Match[str], text: str, lang: str | None, tables: _Tables
) -> DateMatch | None:
    """The date a candidate stands for, or None when it names no real day."""
    if m.re is tables.month_first and m["am"] is not None:
        month = tables.months.get(_key(m["am"]))
        parsed = None if month is None else (month[0], int(m["ay"]), month[1], int(m["ad"]))
    elif m.re is tables.month_first:
        month = tables.months.get(_key(m["em"]))
        parsed = (
            None if month is None or month[0] != "gregorian" else ("gregorian", int(m["ey"]), month[1], int(m["ed"]))
        )
    elif m.re is tables.by_word:
        parsed = _read_named(m, day, tables)
    elif m["m1"] is not None:
        parsed = _read_named(m, int(m["n1"]), tables)
    else:
        parsed = _read_numeric(m, text, lang, tables)
    if parsed is None:
        return None
    iso = _to_gregorian(*parsed)
    if iso is None:
        return None
    return DateMatch(iso, text[start:end], start, end, parsed[0])


def find_date(text: str, lang: str | None = None) -> DateMatch | None:
    """The calendar date written in `text` (e.g. a date line), or None when it holds no full date.

    A full date has a day, a month and a year, and must exist in its calendar. The first such date wins, except
    that a Hijri or Solar Hijri date followed closely (within a few words, on the same line) by a Gregorian one
    gives the Gregorian one: `text`, `start` and `end` are then those of the Gregorian part alone
    ("10 أغسطس 2015 م" in "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"), the expression the date was read from.

    `lang` ("ar", "fa" or None) decides what a bare numeric year of 1300-1500 means: Hijri in Arabic, Solar Hijri
    in Persian; with None, Persian-only letters in `text` decide. A suffix (هـ, م, ه.ش), a month name or a
    two-digit Persian year decide by themselves.
    """
    windows = _windows(text)
    if not windows:
        return None  # the common case, kept apart: no table is even loaded
    tables = _tables()
    first: DateMatch | None = None
    previous_end = -1
    for start, end, day, m in _candidates(_FOLD_TEXT(text), windows, tables):
        if start < previous_end:
            continue  # overlaps a date already read
        found = _read(start, end, day, m, text, lang, tables)
        if found is None:
            continue
        if first is None:
            if found.calendar == "gregorian":
                return found
            first = found
        else:
            gap = text[previous_end:start]
            if len(gap) > _EQUIVALENT_GAP or "\n" in gap:
                break
            if found.calendar == "gregorian":
                return found
        previous_end = end
    return first


# A time of day ("07:15", "10:42:05"): a date line may carry one, prose rarely sits on a line with nothing else.
# ISO 8601's timestamps ("2024-10-21T08:45:12+00:00") are left out: alone on a line they are as often a log's
# entries an article quotes as a page's stamp.
_TIME = re.compile(rf"(?<!{_D}){_D}{{1,2}}[:٫]{_D}{{2}}(?:[:٫]{_D}{{2}})?")
_TOKEN_EDGES = " \t.,;:!?،؛؟«»\"'()[]{}<>|/\\*#…•·_–—-\u0640"  # a tatweel alone is a dash ("2024 م ـ 1445 هـ")
# Vowel marks and the superscript alef: a date line may be vocalised, the month tables are not.
_MARKS = re.compile("[\u064b-\u0652\u0670]")
# A line longer than this is prose that mentions a date, never a date line.
_DATE_LINE_MAX_CHARS = 160


@functools.lru_cache(maxsize=1)
def _date_line_words() -> frozenset[str]:
    return frozenset(_key(w) for w in _months_data()["date_line_words"])


def read_date_line(text: str, lang: str | None = None, max_other_words: int = 0) -> DateMatch | None:
    """The date of a line that is a date line (`الخميس، 4 يناير 2024 07:15 م`, `2024-05-17 10:42`), or None.

    A date line holds a date and, besides its dates (a Hijri date and its Gregorian equivalent are both taken
    out), nothing but weekdays, times and date words (`date_line_words` in data/months.yaml), or at most
    `max_other_words` other words (a place name in a dateline). Prose that mentions a date has more. Vowel marks
    are read past (`02 رَمضان 1445 هـ`): the date returned is read from the line without them."""
    if len(text) > _DATE_LINE_MAX_CHARS:
        return None
    if _MARKS.search(text):
        text = _MARKS.sub("", text)
    found = find_date(text, lang)
    if found is None:
        return None
    rest = text
    date = found
    for _ in range(4):  # every date on the line, not only the one `find_date` prefers
        rest = rest[: date.start] + " " * (date.end - date.start) + rest[date.end :]
        date = find_date(rest, lang)
        if date is None:
            break
    rest = _TIME.sub(" ", rest)
    words = _date_line_words()
    others = 0
    for token in rest.split():
        token = token.strip(_TOKEN_EDGES)
        if token and _key(token) not in words:
            others += 1
            if others > max_other_words:
                return None
    return found
