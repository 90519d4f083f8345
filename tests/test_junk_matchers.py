"""The matchers that look beyond one line (next, prev, near, under, block, run, date) and the span finders (regex,
repeats): declared, validated on load, and applied the way the strip step applies them."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclean import PackError, load_rules, pipeline
from newsclean.classify import label_lines, strip
from newsclean.engine import matchers
from newsclean.engine.matchers import LineContext, LineView
from newsclean.model import Document, Story


def _pack(tmp_path, rules: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text("pack: mine\nlanguage: ar\nrules:\n" + textwrap.indent(textwrap.dedent(rules), "  "), "utf-8")
    return str(path)


def _strip(rules, text: str) -> Document:
    doc = Document.from_text("d", text)
    doc.lang = "ar"
    return strip(doc, rules)


def test_neighbour_skips_blank_lines_and_stops_at_a_story_break():
    ctx = LineContext(["أ", "", "ب", "ج"], frozenset({2}))
    view = LineView("أ", 0, 4, ctx)
    assert view.neighbour(1).text == "ب"
    assert view.neighbour(-1) is None
    assert LineView("ب", 2, 4, ctx).neighbour(1) is None  # a separator follows line 2
    assert LineView("ج", 3, 4, ctx).neighbour(-1) is None
    assert LineView("أ", 0, 1).neighbour(1) is None  # no context: no neighbours


def test_head_is_what_stands_above_a_story_s_first_paragraph():
    ctx = matchers.CompileContext(file="t", rule="t", wordlists=lambda name, line: frozenset(), trusted=True, timeout=1)
    head = matchers.compile_matcher({"head": True}, ctx, 1)
    texts = ["هسبريس", "سياسة", "عنوان الخبر هنا", "نص الفقرة الأولى من الخبر.", "عنوان فرعي", "بعد الفاصل", "نص."]
    ctx = LineContext(texts, frozenset({4}))  # a story separator follows line 4
    assert [head(LineView(t, i, len(texts), ctx)) for i, t in enumerate(texts)] == [
        True,
        True,
        True,
        True,
        False,
        True,
        True,
    ]
    listed = ["عنوان الخبر", "وتشمل الخطة ثلاثة قطاعات هي:", "الصحة"]
    ctx = LineContext(listed)
    assert [head(LineView(t, i, 3, ctx)) for i, t in enumerate(listed)] == [True, True, False]


# A line rule that reads the next line: the line before `النهاية` goes.
BEFORE_THE_END = """
- id: mine.before-end
  kind: line
  match: {next: {regex: '^النهاية$'}}
  action: drop
  examples: [{in: "x", match: false}]
"""


def test_next_prev_and_near(tmp_path):
    near_a_handle = """
    - id: mine.name
      kind: line
      match:
        all:
          - length: {max_words: 3}
          - near: {within: 2, match: {regex: '@'}}
      action: drop
      examples: [{in: "x", match: false}]
    """
    rules = load_rules([_pack(tmp_path, textwrap.dedent(near_a_handle) + BEFORE_THE_END)], defaults=False)
    doc = _strip(rules, "نص طويل للمقال كما كتب في الصفحة.\nأحمد محمد\nسطر من أربع كلمات\nname@example.com")
    assert doc.text == "نص طويل للمقال كما كتب في الصفحة.\nسطر من أربع كلمات\nname@example.com"
    doc = _strip(rules, "نص طويل للمقال كما كتب في الصفحة هنا.\nسطر قبل النهاية هنا الآن\nالنهاية")
    assert doc.text == "نص طويل للمقال كما كتب في الصفحة هنا.\nالنهاية"


def test_under_reads_up_through_short_lines_to_the_sentence_that_announces_them():
    ctx = matchers.CompileContext(file="t", rule="t", wordlists=lambda name, line: frozenset(), trusted=True, timeout=1)
    under = matchers.compile_matcher(
        {"under": {"within": 3, "match": {"regex": ":$"}, "through": {"length": {"max_words": 2}}}}, ctx, 1
    )
    texts = ["وجاءت الإجابات كالتالي:", "أولا", "ثانيا", "ثالثا", "رابعا", "فقرة من أربع كلمات", "خامسا"]
    ctx = LineContext(texts)
    # three lines up at most; a line between that is no short item stops the look
    assert [under(LineView(t, i, len(texts), ctx)) for i, t in enumerate(texts)] == [
        False,
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_echoes_finds_a_line_that_repeats_an_item_of_a_menu_above_it():
    ctx = matchers.CompileContext(file="t", rule="t", wordlists=lambda name, line: frozenset(), trusted=True, timeout=1)
    echoes = matchers.compile_matcher({"echoes": {"within": 2, "min_items": 3}}, ctx, 1)
    texts = [
        "نفت | گاز | پالایش و پخش | پتروشیمی",
        "پالایش و پخش",
        "پتروشیمی",  # two lines under the menu: within reach
        "گاز",  # three lines under the menu: out of reach
        "القاهرة › الأقصر › إدفو › أسوان",  # an itinerary: chevrons part stops as often as a menu's items
        "القاهرة",
        "سياسة اقتصاد رياضة ثقافة",  # words with no separator: as often a headline as a menu
        "رياضة",
        "الأقسام: سياسة | اقتصاد | رياضة.",  # a sentence that lists them
        "رياضة",
        "أفضل المسلسلات | «الحشاشين» | «جودر» | «مسار إجباري»",  # quoted names
        "«الحشاشين»",
        "اقتصاد | بورس",  # a menu of two items only
        "بورس",
    ]
    ctx = LineContext(texts)
    got = [echoes(LineView(t, i, len(texts), ctx)) for i, t in enumerate(texts)]
    assert got == [False, True, True, False, False, False, False, False, False, False, False, False, False, False]


def test_named_below_finds_the_second_side_of_a_pair_named_again_under_it():
    ctx = matchers.CompileContext(file="t", rule="t", wordlists=lambda name, line: frozenset(), trusted=True, timeout=1)
    named = matchers.compile_matcher({"named_below": {"within": 2}}, ctx, 1)
    texts = [
        "مصر - السودان",  # named again two lines down, as a nisba with a conjunction: "والسودانية"
        "انطلقت البطولة مساء أمس بحضور جماهيري كبير.",
        "ويلتقي منتخب مصر والمنتخبات السودانية في الافتتاح.",
        "دمشق - سارة الحسن",  # a reporter: "خسارة" holds her name's letters, not her name
        "تكبد التجار خسارة كبيرة بعد قرار رفع أسعار المحروقات في الأسواق.",
        "وكالات | TRT عربي",  # an outlet's common words are no side
        "ذكرت وكالات الأنباء العربية أن الاجتماع انتهى دون اتفاق.",
        "الرياض - دمشق",  # three lines down: out of reach
        "استؤنفت الرحلات بعد توقف طويل.",
        "وقالت الشركة إن الطلب كبير.",
        "وتصل أول رحلة إلى دمشق غدا.",
    ]
    ctx = LineContext(texts)
    got = [named(LineView(t, i, len(texts), ctx)) for i, t in enumerate(texts)]
    assert got == [True, False, False, False, False, False, False, False, False, False, False]


def test_a_line_that_opens_a_story_without_a_separator_is_read_as_behind_one(tmp_path):
    """A line at an offset in `opens` is read as behind a separator line, by `label_lines` and by the strip step
    with `stories` (which the split step uses to strip its stories again as the next clean will read them)."""
    rules = load_rules([_pack(tmp_path, BEFORE_THE_END)], defaults=False)
    text = "نص.\nسطر قبل\nالنهاية"
    assert [item.rule is not None for item in label_lines(text, rules, "ar")] == [False, True, False]
    opens = frozenset({text.index("النهاية")})
    assert [item.rule for item in label_lines(text, rules, "ar", opens=opens)] == [None, None, None]
    doc = Document.from_text("d", text)
    doc.lang = "ar"
    doc.stories = [Story(0, text.index("النهاية")), Story(text.index("النهاية"), len(text))]
    assert pipeline.strip(doc, rules, stories=True).text == text
    assert pipeline.strip(doc, rules).text == "النهاية"  # the line before goes, then the one before that


def test_block_takes_opener_and_members_only_when_they_close_the_story(tmp_path):
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.related
                  kind: line
                  match:
                    block:
                      opener: {prefix: "اقرأ أيضا"}
                      member: {punct: {end: false}}
                      max_members: 2
                  action: drop
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )
    closing = "نص.\nاقرأ أيضا\nعنوان أول\nعنوان ثان"
    assert _strip(rules, closing).text == "نص."
    followed_by_a_body = "نص.\nاقرأ أيضا\nعنوان أول\nنص القصة الثانية."
    assert _strip(rules, followed_by_a_body).text == followed_by_a_body
    too_long = "نص.\nاقرأ أيضا\nعنوان أول\nعنوان ثان\nعنوان ثالث"
    assert _strip(rules, too_long).text == too_long
    before_a_separator = "نص.\nاقرأ أيضا\nعنوان أول\n\f\nقصة أخرى."
    assert _strip(rules, before_a_separator).text == "نص.\n\f\nقصة أخرى."


def test_run_takes_a_run_of_members_between_the_lines_it_names(tmp_path):
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.box
                  kind: line
                  match:
                    run:
                      member: {all: [{punct: {end: false}}, {length: {min_words: 2}}]}
                      before: {punct: {end: true}}
                      after: {regex: '^و'}
                      min_members: 2
                      max_members: 3
                  action: drop
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )
    box = "نص أول.\nعنوان أول هنا\nعنوان ثان هنا\nوتابع النص."
    assert _strip(rules, box).text == "نص أول.\nوتابع النص."
    for kept in (
        "نص أول.\nعنوان أول هنا\nوتابع النص.",  # one line alone: a subheading
        "نص أول.\nعنوان أول هنا\nعنوان ثان هنا\nأعلن النص.",  # the line after does not match `after`
        "نص أول:\nعنوان أول هنا\nعنوان ثان هنا\nوتابع النص.",  # nor the line before `before`
        "نص أول.\nعنوان أول هنا\nعنوان ثان هنا\nعنوان ثالث هنا\nعنوان رابع هنا\nوتابع النص.",  # too many
        "نص أول.\nعنوان أول هنا\nعنوان ثان هنا",  # the run closes the story: no line after it
        "نص أول.\nعنوان أول هنا\n\f\nعنوان ثان هنا\nوتابع النص.",  # a story separator parts the run
    ):
        assert _strip(rules, kept).text == kept


def _date_rules(tmp_path, options: str, action: str):
    """A pack of one rule: the date matcher with these options."""
    rule = f"""
        - id: mine.date
          kind: line
          match: {{date: {options}}}
          action: {action}
          examples: [{{in: "x", match: false}}]
        """
    return load_rules([_pack(tmp_path, rule)], defaults=False)


def test_date_matcher_tells_date_lines_from_prose(tmp_path):
    rules = _date_rules(tmp_path, "{max_other_words: 1}", "{meta: date}")
    doc = _strip(rules, "الخميس، 4 يناير 2024 07:15 م\nالرياض 10 أغسطس 2015\nوصل الوفد في 10 أغسطس 2015 إلى العاصمة")
    assert doc.text == "وصل الوفد في 10 أغسطس 2015 إلى العاصمة"
    assert [(f.value, f.text) for f in doc.found] == [("2024-01-04", "4 يناير 2024"), ("2015-08-10", "10 أغسطس 2015")]


def test_date_matcher_since_leaves_dates_before_that_year_alone_but_not_hijri_readings(tmp_path):
    rules = _date_rules(tmp_path, "{since: 1990}", "drop")
    # 1967 is before the web; 1383 alone reads as Hijri (1963) without a language, where a Persian page means the
    # Solar Hijri 2004: a Hijri reading is not judged, and the line goes like the 2024 one
    text = "5 يونيو 1967\n15/7/1383\nالخميس، 4 يناير 2024"
    assert _strip(rules, text).text == "5 يونيو 1967"


def _repeats_rules(tmp_path):
    """A pack of one rule: sentences of five words and twenty characters or more, taken out when repeated."""
    return load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.repeats
                  kind: span
                  match: {repeats: {min_words: 5, min_chars: 20}}
                  action: drop
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )


def test_repeats_cuts_the_copies_a_scraper_writes(tmp_path):
    """A copy right after its first (in its line or on the next), and a run of copies, go; the first copy stays."""
    rules = _repeats_rules(tmp_path)
    one = "وأكد الوزير أن الحكومة ستواصل دعم القطاع."
    two = "وأضاف أن الخطة الجديدة جاهزة منذ شهور."
    doc = _strip(rules, f"{one} {one}\n{two}\n{two}")
    assert doc.text == f"{one}\n{two}"
    assert [e.rule for e in doc.log.edits] == ["mine.repeats"] * 2
    # the whole page again: each copy has a copy beside it; the short line is never cut
    page = f"{one} {two}\nسطر آخر هنا."
    doc = _strip(rules, f"{page}\n{page}")
    assert doc.text == f"{page}\nسطر آخر هنا."


def test_repeats_keeps_a_sentence_the_article_repeats_on_purpose(tmp_path):
    """A lede restated further down, a verse quoted twice, a headline in two lists: a copy with no copy beside it,
    away from its first, stays."""
    rules = _repeats_rules(tmp_path)
    sentence = "وأكد الوزير أن الحكومة ستواصل دعم القطاع."
    text = f"{sentence} وأضاف أن الخطة جاهزة.\nسطر آخر هنا.\n{sentence}\nكلمة قصيرة. كلمة قصيرة."
    doc = _strip(rules, text)
    assert doc.text == text
    assert doc.log.edits == []
    # a quote in the lede, then in the answer: the short sentence before the copy is a copy too, yet no run
    quote = f"سطر قصير. {sentence}\nسؤال طويل جدا عن التجربة؟\nسطر قصير. {sentence} وأضاف أن الخطة جاهزة."
    doc = _strip(rules, quote)
    assert doc.text == quote


def test_repeats_compares_the_sentences_of_one_story_only(tmp_path):
    """Stories behind a separator (a cleaned file of many pages) share sentences without being copies: the same
    agency paragraph in two articles stays in both, as it does when each is cleaned alone."""
    rules = _repeats_rules(tmp_path)
    one = "وأكد الوزير أن الحكومة ستواصل دعم القطاع."
    two = "وأضاف أن الخطة الجديدة جاهزة منذ شهور."
    page = f"سطر أول هنا.\n{one} {two}\n\f\n{one} {two}\nسطر أخير هنا."
    doc = _strip(rules, page)
    assert doc.text == page
    assert _strip(rules, f"{one} {two}\n{one} {two}").text == f"{one} {two}"  # one story: a run of copies


def test_repeats_sees_a_copy_through_what_the_chars_rules_write(tmp_path):
    """A copy in a story whose characters were fixed for the other language is still a copy (ZWNJ, digits, yeh,
    kaf); a sentence that differs in a number is not one."""
    rules = _repeats_rules(tmp_path)
    persian = "روزنامه\u200cهای امروز ۲۳ مهر گزارش کردند که قیمت\u200cها بالا رفت."
    arabic = "روزنامههای امروز ٢٣ مهر گزارش كردند كه قيمتها بالا رفت."
    other = "روزنامه\u200cهای امروز ۲۴ مهر گزارش کردند که قیمت\u200cها بالا رفت."
    doc = _strip(rules, f"{persian}\n{arabic}\n{other}")
    assert doc.text == f"{persian}\n{other}"


def test_with_date_records_the_line_date_beside_the_source(tmp_path):
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.dateline
                  kind: line
                  match: {regex: 'واس$'}
                  action: {meta: source, value: '(?P<value>واس)$', with_date: true}
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )
    doc = _strip(rules, "الخليل 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nنص الخبر.")
    assert {(f.field, f.value) for f in doc.found} == {("source", "واس"), ("date", "2015-08-11")}


@pytest.mark.parametrize(
    "rule, message",
    [
        ("kind: line\nmatch: {near: {within: 0, match: {regex: a}}}", "near.within: expected a positive integer"),
        ("kind: line\nmatch: {near: {within: 2}}", "near: expected a match"),
        ("kind: line\nmatch: {under: {within: 0, match: {regex: a}}}", "under.within: expected a positive integer"),
        ("kind: line\nmatch: {under: {within: 2}}", "under: expected a match"),
        ("kind: line\nmatch: {block: {opener: {regex: a}}}", "block: expected member"),
        (
            "kind: line\nmatch: {block: {opener: {regex: a}, member: {regex: b}, max_members: 0}}",
            "1 <= min_members <= max_members",
        ),
        ("kind: line\nmatch: {run: {member: {regex: a}, before: {regex: b}}}", "run: expected after"),
        (
            "kind: line\nmatch: {run: {member: {regex: a}, before: {regex: b}, after: {regex: c}, min_members: 3, "
            "max_members: 2}}",
            "1 <= min_members <= max_members",
        ),
        ("kind: line\nlanguage: arabic\nmatch: {regex: a}", "unknown language 'arabic'"),
        (
            "kind: chars\nstage: repair\nlanguage: ar\nmatch: {regex: a}\naction: {replace: b}",
            "runs before the language is known",
        ),
        ("kind: line\nmatch: {date: {max_other_words: -1}}", "date.max_other_words"),
        ("kind: line\nmatch: {date: {since: 1990.5}}", "date.since"),
        ("kind: line\nmatch: {date: {until: 2000}}", "date: unknown option 'until'"),
        ("kind: span\nmatch: {repeats: {min_words: 0}}", "repeats.min_words"),
        ("kind: span\nmatch: {lines: 3}", "a span rule's match must be one of"),
        ("kind: line\nmatch: {regex: a}\naction: {meta: date, with_date: true}", "with_date: a date rule"),
        ("kind: line\nmatch: {regex: a}\naction: {meta: source, one_tag: true}", "one_tag: true or false, for a tags"),
        ("kind: line\nmatch: {head: 1}", "head: expected true"),
        ("kind: line\nmatch: {head: {paragraph_words: 0}}", "head.paragraph_words"),
        ("kind: line\nmatch: {echoes: 3}", "echoes: expected a mapping"),
        ("kind: line\nmatch: {echoes: {within: 0}}", "echoes.within"),
        ("kind: line\nmatch: {echoes: {min_items: 1}}", "echoes.min_items"),
        ("kind: line\nmatch: {echoes: {above: 2}}", "echoes: unknown"),
        ("kind: line\nmatch: {named_below: 2}", "named_below: expected a mapping"),
        ("kind: line\nmatch: {named_below: {within: 0}}", "named_below.within"),
        ("kind: line\nmatch: {named_below: {below: 2}}", "named_below: unknown"),
    ],
)
def test_new_matchers_are_validated_on_load(tmp_path, rule, message):
    body = "- id: mine.bad\n" + textwrap.indent(rule, "  ") + "\n"
    if "action" not in rule:
        body += "  action: drop\n"
    with pytest.raises(PackError, match=message):
        load_rules([_pack(tmp_path, body)], defaults=False)


def test_span_needs_and_tail_skip_lines_the_regex_cannot_match(tmp_path):
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.end
                  kind: span
                  match: {regex: '(?<=\\.)\\s*(?P<junk>انتهى)\\s*$', tail: 20, needs: "انتهى"}
                  action: drop
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )
    article = "جملة طويلة من نص المقال تتكرر كثيرا. " * 20
    assert _strip(rules, article + "انتهى").text == article.rstrip()
    assert _strip(rules, "قال إن الاجتماع. انتهى في موعده.").text == "قال إن الاجتماع. انتهى في موعده."


def test_span_options_are_validated(tmp_path):
    body = "- id: mine.bad\n  kind: span\n  match: {regex: a, tails: 3}\n  action: drop\n"
    with pytest.raises(PackError, match="unknown option 'tails'"):
        load_rules([_pack(tmp_path, body)], defaults=False)
    body = "- id: mine.bad\n  kind: span\n  match: {regex: a, tail: 0}\n  action: drop\n"
    with pytest.raises(PackError, match="tail: expected a positive number"):
        load_rules([_pack(tmp_path, body)], defaults=False)


def test_contains_is_a_plain_substring_test():
    rule_set = load_rules()
    view = LineView("للتواصل أرسل sms إلى 88548")
    assert rule_set.by_id("ar.contact.sms-footer").predicate(view)
    from newsclean.engine.matchers import CompileContext, compile_matcher

    ctx = CompileContext("f", "r", lambda ref, line: frozenset(), True, 1.0)
    pred = compile_matcher({"contains": ["SMS", "sms"]}, ctx, 1)
    assert pred(LineView("أرسل sms")) and not pred(LineView("أرسل رسالة"))


MENU = ["أخبار", "سياسة", "اقتصاد", "رياضة", "منوعات"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*MENU, "سياسه", "قال", "الوزير", "،", "-", "|", "2024", "«", "»"]), max_size=14),
    st.sampled_from([0.5, 0.6, 0.8, 0.85, 0.9, 1.0]),
    st.integers(1, 4),
)
def test_words_gives_up_on_prose_early_and_decides_as_the_share_of_all_words(tokens, share, min_words):
    from newsclean.engine.fold import words_of
    from newsclean.engine.matchers import CompileContext, compile_matcher

    ctx = CompileContext("f", "r", lambda ref, line: frozenset(), True, 1.0)
    pred = compile_matcher({"words": {"list": MENU, "min_share": share, "min_words": min_words}}, ctx, 1)
    vocab = set(words_of(" ".join(MENU)))
    words = words_of(" ".join(tokens))
    hits = sum(1 for w in words if w in vocab)
    assert pred(LineView(" ".join(tokens))) == (len(words) >= min_words and hits >= share * len(words))


_WORD = st.text(alphabet="ابتثجحخدرسعفقلمنهوي0123456789", min_size=1, max_size=6)
_SENTENCE_ENDS = st.sampled_from([". ", "! ", "؟ ", "\n", "… ", ".\n", '." '])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORD, min_size=1, max_size=12), min_size=1, max_size=8),
    st.lists(_WORD, min_size=1, max_size=12),
    st.lists(_SENTENCE_ENDS, min_size=10, max_size=10),
    st.integers(min_value=3, max_value=5),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=0, max_value=8),
)
@example([["أ", "ب"]], ["ج", "د", "ه"], ['." ', ". "] * 5, 3, 1, 1)  # the first copy opens after a closing quote
def test_the_repeats_prefilter_never_misses_a_sentence_written_twice(others, twice, ends, min_words, first, second):
    """The prefilter (of rules that count sentences of three words or more) lets the sentence pass skip a page only
    where no such sentence can stand twice: wherever one is written twice, it says the page may hold a repeat."""
    sentences = [" ".join(words) for words in others]
    copy = " ".join(twice)
    first = min(first, len(sentences))
    second = min(max(second, first), len(sentences))
    parts = sentences[:first] + [copy] + sentences[first:second] + [copy] + sentences[second:]
    text = "".join(part + ends[k % len(ends)] for k, part in enumerate(parts))
    if len(twice) >= min_words:
        assert matchers._may_repeat(text)


def test_an_early_stage_rule_of_a_language_pack_runs_on_every_text(tmp_path):
    """Unescape and repair rules run before the language is known: the pack's language does not hold them back."""
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.unescape
                  kind: chars
                  stage: unescape
                  match: {regex: '&amp;'}
                  action: {replace: '&'}
                  examples: [{in: "a &amp; b", out: "a & b"}]
                """,
            )
        ],
        defaults=False,
    )
    assert pipeline.clean(Document.from_text("d", "نص &amp; نص"), rules).text == "نص & نص"


def test_a_span_that_takes_the_space_before_it_leaves_the_one_after_it(tmp_path):
    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.ad
                  kind: span
                  match: {regex: '\\s*\\[إعلان\\]'}
                  action: drop
                  examples: [{in: "x", match: false}]
                """,
            )
        ],
        defaults=False,
    )
    assert _strip(rules, "جملة فيها [إعلان] داخل الجملة.").text == "جملة فيها داخل الجملة."
    assert _strip(rules, "[إعلان] جملة فيها داخل الجملة.").text == "جملة فيها داخل الجملة."


def test_a_pack_extends_a_pack_beside_it_whatever_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "parent.yaml").write_text(
        "pack: parent\nlanguage: ar\nrules:\n  - id: parent.x\n    kind: line\n    match: {prefix: ['سطر تجريبي']}\n"
        "    action: drop\n    examples: [{in: 'سطر تجريبي', out: ''}]\n",
        "utf-8",
    )
    child = tmp_path / "child.yaml"
    child.write_text("pack: child\nlanguage: ar\nextends: [sub/parent.yaml]\nrules: []\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    rules = load_rules([str(child)], defaults=False)
    assert rules.by_id("parent.x") is not None


def test_a_folder_named_like_a_shipped_pack_does_not_hide_it(tmp_path, monkeypatch):
    """A corpus repository may hold an `ar/` folder or a file named `base`: the shipped packs load all the same."""
    (tmp_path / "ar").mkdir()
    (tmp_path / "sites").mkdir()
    (tmp_path / "base").write_text("not a pack", "utf-8")
    monkeypatch.chdir(tmp_path)
    rules = load_rules()
    assert rules.by_id("ar.meta.tags-line") is not None and "bbc" in rules.sites


def test_a_title_rule_example_names_the_title_it_gives(tmp_path):
    from newsclean.examples import run_examples

    rules = load_rules(
        [
            _pack(
                tmp_path,
                """
                - id: mine.title
                  kind: line
                  match: {prefix: ["عنواننا"]}
                  action: title
                  examples:
                    - in: "عنواننا الكبير\\nهذا خبر عن ليبيا وقد وصل الوفد إلى بنغازي اليوم في زيارة رسمية."
                      title: "عنواننا الكبير"
                      stories: 1
                """,
            )
        ],
        defaults=False,
    )
    assert [r.ok for r in run_examples(rules)] == [True]


POSITIONED = """
- id: mine.follow-last
  kind: line
  match: {all: [{position: {last: 1}}, {prefix: ["تابعونا"]}]}
  action: drop
  examples: [{in: "x", match: false}]
- id: mine.label-first
  kind: line
  match: {all: [{position: {first: 1}}, {prefix: ["عاجل"]}]}
  action: drop
  examples: [{in: "x", match: false}]
- id: mine.more-marker
  kind: split
  match: {all: [{position: {last: 2}}, {regex: '^المزيد:$'}]}
  action: split
  examples: [{in: "x", match: false}]
"""


def test_position_counts_the_lines_that_hold_text(tmp_path):
    """`first` and `last` count lines with text: blank lines between paragraphs and a file's closing newline
    move nothing."""
    rules = load_rules([_pack(tmp_path, POSITIONED)], defaults=False)
    body = "نص طويل للمقال كما كتب في الصفحة."
    doc = _strip(rules, f"\n\nعاجل\n\n{body}\n\nتابعونا على تويتر\n\n")
    assert "عاجل" not in doc.text and "تابعونا" not in doc.text and body in doc.text
    doc = _strip(rules, f"{body}\nعاجل\n\nتابعونا على تويتر\n{body}\n")
    assert "عاجل" in doc.text and "تابعونا" in doc.text  # neither is first or last
    doc = pipeline.clean(Document.from_text("d", f"{body}\n\nالمزيد:\n\nعنوان خبر آخر عن الطقس\n"), rules)
    assert doc.text.strip() == body  # the marker is second to last: it and the headline under it go
