"""Properties of the fix step (repair -> lang -> chars -> layout) over generated text.

Idempotent (fixing fixed text changes nothing), deterministic, Latin text untouched, and no letter deleted that no
rule maps. The generated pages mix real lines (tests/data/chars/excerpts.jsonl, sources named there) with text
drawn from the characters the rules deal in.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsclean import load_rules
from newsclean.charfixes import _BIDI_STOP, bidi_full_stop
from newsclean.chars import _needs
from newsclean.edits import replay
from newsclean.engine import Rule
from newsclean.match_starts import finditer_from
from newsclean.model import Document
from newsclean.pipeline import fix

from .conftest import DATA
from .test_chars import RULES

EXCERPTS = [json.loads(line) for line in (DATA / "chars" / "excerpts.jsonl").read_text(encoding="utf-8").splitlines()]
LINES = [line for e in EXCERPTS for line in e["text"].splitlines() if line.strip()]

ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
PERSIAN_LETTERS = "پچژگکی"
OTHER_LETTERS = "ڤہھەۃۀٹڈڑںے"
MARKS = "\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0670"
INVISIBLE = "\u200c\u200d\u200b\u200e\u200f\u202b\u202c\u2066\u2069\ufeff\u00ad\u0640"
SPACES = " \n\t\u00a0\u2009\u202f\u3000"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
PUNCT = ".,،؛؟«»:!-/%٫٬()"
FORMS = "ﻣﺤﻤﺪﻻﷲﷺ﷽﷼ﮐﯾﮭﭘﮋ"
ARABIC_SCRIPT = ARABIC_LETTERS + PERSIAN_LETTERS + OTHER_LETTERS + MARKS + INVISIBLE + SPACES + DIGITS + PUNCT + FORMS

noise = st.text(alphabet=ARABIC_SCRIPT + "abcXYZ\x00\x1a\x85", max_size=60)
pages = st.lists(st.one_of(st.sampled_from(LINES), noise), max_size=6).map("\n".join)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fixed(text: str, rules=RULES) -> Document:
    return fix(Document.from_text("p", text), rules)


@SETTINGS
@given(pages)
@example("ءـ﷼ ﷼ـب")  # the rial sign becomes ريال after the tatweel rule ran: a tatweel beside it goes at once
def test_fixing_is_idempotent(page):
    once = fixed(page).text
    assert fixed(once).text == once


@SETTINGS
@given(pages)
def test_fixing_is_deterministic_and_its_log_replays(page):
    first, second = fixed(page), fixed(page)
    assert (first.text, first.lang) == (second.text, second.lang)
    assert replay(first.source, first.log.edits) == first.text


latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçüöñßÉ0123456789'’-", min_size=1)
latin_lines = st.lists(latin_words, min_size=1, max_size=12).map(" ".join)
latin_punct = st.lists(st.sampled_from([",", ".", ";", ":", "!", "?", " (x)", " “quoted”", " — ", " «fr»"]), max_size=3)
latin_pages = st.lists(st.tuples(latin_lines, latin_punct).map(lambda t: t[0] + "".join(t[1])), min_size=1, max_size=5)


@SETTINGS
@given(latin_pages.map("\n".join))
def test_latin_text_is_untouched(page):
    page = "\n".join(line.strip() for line in page.splitlines())
    page = "\n".join(" ".join(line.split()) for line in page.splitlines() if line.split())
    assert fixed(page).text == page


# Letters a rule maps to another letter (or drops): the letter rules, presentation forms, tatweel.
MAPPED = set("یيىکكڪہھەۃۀ\u0640") | {ch for ch in FORMS}
# Without the mojibake repairs, which by design read some letter pairs as one letter (ظپ -> ف); their own tests
# check that they leave clean text alone.
NO_MOJIBAKE = load_rules(
    disable=["base.repair.mojibake", "base.repair.mojibake-cp1256", "base.repair.mojibake-latin1-cp1256"]
)


@SETTINGS
@given(st.text(alphabet=ARABIC_SCRIPT, max_size=120))
def test_no_letter_is_deleted_that_no_rule_maps(text):
    before = Counter(ch for ch in text if ch.isalpha() and ch not in MAPPED)
    after = Counter(fixed(text, NO_MOJIBAKE).text)
    assert {ch: n for ch, n in before.items() if after[ch] < n} == {}


# Every shipped chars rule with a pattern, and patterns that open with a lookbehind, a class, a branch or `\b`.
PATTERNS = [r.pattern for r in RULES.rules if r.kind == "chars" and r.pattern is not None] + [
    re.compile(p) for p in (r"(?<=[ب-ي])ـ+(?=[ب-ي])", r"[ىيی]+", r"\bي[ب-ي]*", r"ـ|(?<=ب)ي", r"(?<![ا-ي])ی", r"ک(?!ا)")
]


@SETTINGS
@given(st.text(alphabet=ARABIC_SCRIPT + "ـــیی\r\ufdfc", max_size=200), st.sampled_from(PATTERNS))
@example("بیی بـــب ـ", PATTERNS[-2])  # a miss right before a match
@example(" ی" * 70, PATTERNS[-2])  # more places than are worth finding one by one: one scan
def test_matches_where_needed_characters_stand_are_the_scans_matches(text, pattern):
    needs = _needs(Rule(id="t", kind="chars", op="replace", label="", pack="", file="", line=0, pattern=pattern))
    found = [m.span() for m in finditer_from(pattern, text, needs)]
    assert found == [m.span() for m in pattern.finditer(text)]


@SETTINGS
@given(st.text(alphabet=" .\n\t0123456789/-عامب", max_size=80))
def test_the_displaced_full_stop_is_found_where_re_would_find_it(text):
    found = [(m.start(), m.end(), " " + (m.group(1) or m.group(2)) + ".") for m in _BIDI_STOP.finditer(text)]
    assert bidi_full_stop(text) == found
