"""Every rule's `examples` hold: the packs document and test themselves (`newsclean rules test` runs the same)."""

from __future__ import annotations

import pytest

from newsclean import load_rules
from newsclean.examples import check_example

RULES = load_rules(["chars/html"])  # the default packs, the site packs and the opt-in ones
CASES = [
    pytest.param(rule, i, example, id=f"{rule.id}#{i + 1}")
    for rule in RULES.all_rules()
    for i, example in enumerate(rule.examples)
]


def test_every_shipped_rule_has_examples():
    missing = [r.id for r in RULES.all_rules() if not r.examples]
    assert missing == []


@pytest.mark.parametrize("rule, index, example", CASES)
def test_rule_example(rule, index, example):
    failure = check_example(rule, example)
    assert failure is None, f"{rule.file}: {rule.id} example {index + 1}: {failure}"


def test_a_wrong_expectation_is_reported():
    rule = RULES.by_id("ar.meta.source-line")
    assert check_example(rule, {"in": "المصدر: عربي21", "source": "الجزيرة"}) == (
        "source: expected 'الجزيرة', got 'عربي21'"
    )
    assert "expected no match" in check_example(rule, {"in": "المصدر: عربي21", "match": False})
