"""Gates and the rule index: a rule is left untried on a line only where it cannot match there."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import load_rules
from newsclean.engine.gates import line_ends
from newsclean.engine.index import LineScanner, RuleIndex
from newsclean.engine.matchers import LineContext, LineView

RULES = load_rules()


@pytest.mark.parametrize(
    "pattern, ends",
    [
        (r"(?<=[^\W\d_][.!?؟])(?P<junk>[0-9٠-٩]{5,})\s*$", "0123456789٠١٢٣٤٥٦٧٨٩"),
        (r"abc$", "c"),
        (r"(?:x|yz)[ \t]*$", "xz"),
        (r"a$\s*", "a"),
        (r"a\s$", "a"),
        (r"a$|b", None),  # one branch need not reach the end
        (r"a(?:b|)$", None),  # nor end with a known character
        (r"\d+$", None),  # too many characters to list
        (r"[^a]$", None),
        (r"(?i)a$", None),
        (r"a(?=b)$", None),
        (r"a*$", None),
        (r"a[ b]$", None),  # a space may be the last character matched
        (r"abc", None),
    ],
)
def test_line_ends_of_a_pattern(pattern, ends):
    assert line_ends(pattern) == ends


ANCHORED = [r for r in RULES.rules if r.gate.ends]
ENDINGS = ["", " ", ".", "؟", ")", "-", "|", "ـ", "123", "45425532", "٢٠٢٤", " 21", ".45425532", "a"]
WORDS = ["قال", "الوزير", "مؤقت.", "(تصوير)", "---", "***", "||", "—", "#وسم", "2024", "١٢"]


def test_shipped_rules_anchored_at_the_line_end_have_their_gate():
    assert {"base.tail.glued-id", "base.sep.line"} <= {r.id for r in ANCHORED}


# Shipped rules that no literal or prefix can gate: they read shapes (dates, separators, names, repeats, runs of
# headlines), so they are tried on every line their size allows. Any other rule is tried only on the lines holding
# one of its literals (lookarounds in its pattern take none away).
UNGATED = {
    "en.split.read-more",
    "base.embed.image-credit",
    "base.byline.editor-initials",
    "base.nav.masthead-pair",
    "base.nav.active-section",
    "base.contact.handle-line",
    "base.sep.line",
    "base.tail.glued-id",
    "base.tail.stray-digits",
    "base.dup.repeated-sentence",
    "base.meta.date-line",
    "ar.meta.agency-line",
    "ar.meta.dateline",
    "ar.meta.lede-dateline",
    "ar.meta.outlet-dateline",
    "ar.meta.time-line",
    "ar.byline.name-place",
    "ar.byline.name-over-contact",
    "ar.nav.menu-line",
    "ar.meta.tags-list",
    "fa.meta.tags-list",
    "ar.nav.menu-items",
    "fa.nav.menu-items",
    "fa.byline.name-role",
    "fa.meta.star-source",
    "sites.3alyoum.byline",
    "sites.bbc.related-headlines",
}


def test_only_rules_that_read_shapes_go_without_a_gate():
    ungated = {
        r.id
        for r in RULES.all_rules()
        if r.kind in ("line", "span", "split") and not r.gate.literals and r.gate.prefixes is None
    }
    assert ungated == UNGATED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6), st.sampled_from(ENDINGS), st.sampled_from(["", " ", "  \t"]))
def test_an_anchored_rule_never_matches_a_line_ending_otherwise(words, ending, spaces):
    line = " ".join(words) + ending + spaces
    for rule in ANCHORED:
        pattern = rule.spec["match"]["regex"] if rule.kind == "span" else None
        matched = re.search(pattern, line) is not None if pattern else rule.predicate(LineView(line))
        if matched:
            assert line.rstrip()[-1:] in rule.gate.ends, (rule.id, line)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds("".join, st.lists(st.sampled_from(WORDS + ENDINGS), max_size=5)), max_size=8))
def test_the_index_offers_every_line_rule_that_matches_a_line(lines):
    index = RULES.index("ar")
    rules = index.kinds["line"].rules
    candidates = index.candidates("line", lines)
    context = LineContext(lines)
    for k, (line, ids) in enumerate(zip(lines, candidates)):
        view = LineView(line, k, len(lines), context)
        matching = {i for i, rule in enumerate(rules) if line.strip() and rule.predicate(view)}
        assert matching <= set(ids), (line, [rules[i].id for i in matching - set(ids)])


def test_indexes_sharing_a_scanner_find_each_its_own_literals():
    """One automaton serves the indexes of a rule set: an index built later (new literals, a new automaton) leaves
    the earlier one finding what it found, and a line's literals are read once, then kept."""
    gated = [r for r in RULES.index("ar").kinds["line"].rules if r.gate.literals and not r.gate.ends]
    first = gated[0]
    second = next(r for r in gated if not any(a in b or b in a for a in first.gate.literals for b in r.gate.literals))
    alone = min(first.gate.literals)
    line = "كلام " + alone + " " + min(second.gate.literals) + " كلام"
    scanner = LineScanner()
    early = RuleIndex({"line": [first]}, scanner)
    assert early.candidates("line", [line, "كلام"]) == [[0], []]
    late = RuleIndex({"line": [second]}, scanner)
    assert early.candidates("line", [line, "كلام"]) == [[0], []]
    assert late.candidates("line", [line, alone]) == [[0], []]
    assert scanner.literals(line) is scanner.literals(line)


def test_a_rule_is_left_untried_on_a_line_longer_than_it_can_match():
    """A rule whose gate bounds a line's size is not offered a line over that size, though the line holds one of
    its literals (a paragraph that names a network, `أشار` holding `شار`), and is offered the short line."""
    bounded = RULES.by_id("base.nav.share-networks")
    words = RULES.by_id("ar.meta.issue-line")
    assert bounded.gate.literals and bounded.gate.gate.max_chars == 240
    assert words.gate.gate.max_chars is None and words.gate.gate.max_words == 18
    index = RuleIndex({"line": [bounded, words]})
    paragraph = "وأشار الوزير إلى أن العدد الكبير من الزوار " + "كلام " * 90
    sentence = (
        "وأشار الوزير إلى أن العدد الكبير من الزوار والوفود والمشاركين في الدورة الحالية تجاوز كل التوقعات"
        " خلال الأسبوع الأول"
    )
    assert len(paragraph) > 400 and len(sentence) < 240 and len(sentence.split()) > 18
    assert index.candidates("line", ["شارك", "العدد 512", paragraph, sentence]) == [[0], [1], [], [0]]
