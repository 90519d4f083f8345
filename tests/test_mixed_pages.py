"""Pages that mix Arabic and Persian: the junk of both languages goes whichever language's letters the page was
fixed in, and a language decision does not hang on where a cut falls (so cleaning the output changes nothing)."""

from __future__ import annotations

import pytest

from newsclean import lang
from newsclean.classify import strip
from newsclean.model import Document

from .conftest import DATA

FA = (DATA / "properties" / "lines-fa.txt").read_text(encoding="utf-8").splitlines()
# An Arabic disclaimer and an Arabic promotion as a Persian keyboard types them (غیر، علی، بتوقیت).
DISCLAIMER = (
    "هذا المقال بقلم بشار جرار، متحدث ومدرب غیر متفرغ مع برنامج الدبلوماسية العامة، والآراء الواردة أدناه تعبر عن "
    "رأي الكاتب ولا تعكس بالضرورة وجهة نظر شبكة CNN."
)
PROMO = "تابعوا المباراة مباشرة علی موقع فرانس24 عند الساعة الثامنة مساء بتوقیت باریس."


def _stripped(rules, text: str, junk_langs: tuple[str, ...] | None) -> Document:
    doc = Document.from_text("d", text)
    doc.lang, doc.junk_langs = "fa", junk_langs
    return strip(doc, rules)


def test_arabic_junk_in_persian_letters_goes_where_the_junk_of_both_languages_goes(rules):
    """The Arabic rules read the text in Arabic letters (`علی` as `على`), at the same offsets."""
    text = f"{DISCLAIMER}\n{FA[0]} {PROMO}\n{FA[1]}"
    assert _stripped(rules, text, None).text == text  # a Persian page: the Arabic rules do not run
    doc = _stripped(rules, text, ("ar", "fa"))
    assert doc.text == f"{FA[0]}\n{FA[1]}"
    assert [e.rule for e in doc.log.edits if e.removed] == ["ar.disclaimer.opinion", "ar.promo.follow-tail"]


def test_junk_pieces_of_both_languages_go_from_lines_of_one_page(rules):
    """Span rules of each language cut their pieces out of the lines in that language's reading of the page."""
    text = f"{FA[0]} {PROMO}\n{FA[1]} انتهای پیام/63002/"
    doc = _stripped(rules, text, ("ar", "fa"))
    assert doc.text == f"{FA[0]}\n{FA[1]}"
    assert [e.rule for e in doc.log.edits if e.removed] == ["ar.promo.follow-tail", "fa.source.end-mark"]


def test_arabic_junk_in_persian_letters_is_read_as_the_rules_spell_it_not_as_the_page_does(rules):
    """A page that writes `فى` elsewhere: its promo line in Persian letters (`اشترک فی`) is read `اشترك في`, as the
    rule spells it and as the line read before its letters were made Persian."""
    arabic = "حرصت على فهم ما جرى من أحداث فى مباراة الأهلى الإفريقية مع فريق مونانا."
    text = f"{FA[0]}\nاشترک فی النشرة البریدیة\n{arabic}"
    doc = _stripped(rules, text, ("ar", "fa"))
    assert doc.text == f"{FA[0]}\n{arabic}"
    assert [e.rule for e in doc.log.edits if e.removed] == ["ar.promo.follow"]


@pytest.mark.parametrize(
    ("line", "fixed_for", "rule", "author"),
    [
        ("کتب – خالد المثال", "fa", "ar.byline.credit-line", "خالد المثال"),
        ("تهيه و تنظيم: علي رضايي", "ar", "fa.byline.credit-line", "علي رضايي"),
    ],
    ids=["an Arabic byline on a page fixed for Persian", "a Persian byline on a page fixed for Arabic"],
)
def test_a_value_is_read_where_the_rule_reads_the_line_and_kept_as_the_page_spells_it(
    rules, line, fixed_for, rule, author
):
    """A byline in the other language's letters: the rule finds the author in its own language's reading of the
    line, and the author is cut from the line as the page has it."""
    doc = Document.from_text("d", f"{FA[0]}\n{line}\n{FA[1]}")
    doc.lang, doc.junk_langs = fixed_for, ("ar", "fa")
    strip(doc, rules)
    assert doc.text == f"{FA[0]}\n{FA[1]}"
    assert [(f.rule, f.field, f.value) for f in doc.found] == [(rule, "author", author)]


def test_what_a_long_text_reads_as_does_not_hang_on_characters_the_fixes_add_or_drop():
    """The sample ends after as many characters either way: tatweel, ZWNJ and spaces before the cut are not
    counted. Here the cut falls right after two Persian words; seven characters more before them would push them
    out of a sample counted in all characters, and the verdict would change."""
    filler = (" ".join("كتب سمع فهم درس رسم حمل نقل جلس خرج دخل".split() * 2) + "\n") * 100
    head = ("وقال في " + filler)[: 6000 - len(" است را")]
    text = head + " است را " + filler[:300]
    verdict = lang.decided(text)
    assert lang.decided("ـ" * 7 + text) == verdict
    assert lang.decided(text.replace(" ", "  ", 7)) == verdict
    assert lang.decided(text[:100] + text[100:].replace(" ", "\u200c", 7)) == verdict  # between filler words
