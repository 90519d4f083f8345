"""The rule engine: packs are validated on load with FILE:LINE errors, compose in order, and override by id."""

from __future__ import annotations

import pytest

from newsclean import PackError, load_rules
from newsclean.engine.matchers import LineView
from newsclean.engine.patterns import RegexTimeout
from newsclean.model import Document
from newsclean.pipeline import clean

from .conftest import DATA

PACKS = DATA / "packs"


@pytest.mark.parametrize(
    "name, line, rule, message",
    [
        ("bad-regex.yaml", 12, "mine.broken", "regex does not compile"),
        ("unknown-matcher.yaml", 6, "mine.typo", "unknown matcher 'prefixx'"),
        ("duplicate-id.yaml", 7, "mine.same", "duplicate id (first defined on line 3)"),
        ("bad-yaml.yaml", 6, None, "invalid YAML"),
    ],
)
def test_bad_pack_error_names_file_line_and_rule(name, line, rule, message):
    path = PACKS / name
    with pytest.raises(PackError) as caught:
        load_rules([str(path)], defaults=False)
    err = caught.value
    assert (err.file, err.line, err.rule) == (str(path), line, rule)
    assert message in err.message
    expected_head = f"{path}:{line}: " + (f"rule {rule}: " if rule else "")
    assert str(err).startswith(expected_head)


def test_unknown_pack_name_lists_the_shipped_packs():
    with pytest.raises(PackError, match="no rule pack named 'nosuch'.*shipped packs: ar, base"):
        load_rules(["nosuch"])


def test_disable_unknown_rule_is_an_error():
    with pytest.raises(PackError, match="no rule with id 'no.such.rule'"):
        load_rules(disable=["no.such.rule"])


def test_later_pack_overrides_a_rule_by_id_in_place():
    default = load_rules()
    rules = load_rules([str(PACKS / "override.yaml")])
    ids = [r.id for r in rules.rules]
    assert ids.index("ar.meta.source-line") == [r.id for r in default.rules].index("ar.meta.source-line")
    assert rules.by_id("ar.meta.source-line").keep is True
    assert ids[-1] == "mine.follow-us"
    doc = clean(Document.from_text("d", "نص الخبر الأول هنا.\nالمصدر: عربي21\nتابعونا على تويتر"), rules)
    assert doc.text == "نص الخبر الأول هنا.\nالمصدر: عربي21"
    assert [f.value for f in doc.found] == ["عربي21"]


def test_disable_turns_one_rule_off(seed_text):
    rules = load_rules(disable=["base.embed.tweet-attribution"])
    doc = clean(Document.from_text("seed", seed_text), rules)
    assert "(@RTArNewsRoom)" in doc.text
    assert "تاريخ النشر" not in doc.text


def test_no_default_rules_changes_nothing_but_keeps_the_text(seed_text):
    rules = load_rules(defaults=False)
    assert rules.rules == []
    doc = clean(Document.from_text("seed", seed_text), rules)
    assert doc.text == seed_text
    assert doc.log.edits == []


def test_user_pattern_past_its_time_limit_raises_for_that_document():
    rules = load_rules([str(PACKS / "catastrophic.yaml")], defaults=False, timeout=0.05)
    with pytest.raises(RegexTimeout, match="mine.slow"):
        clean(Document.from_text("slow", "a" * 40 + "!"), rules)
    assert clean(Document.from_text("fine", "short line"), rules).text == "short line"


def test_shipped_patterns_use_the_standard_engine_and_user_patterns_the_timed_one():
    shipped = load_rules().by_id("base.embed.tweet-attribution")
    user = load_rules([str(PACKS / "catastrophic.yaml")], defaults=False).by_id("mine.slow")
    assert shipped.spec["match"]["regex"]
    assert type(user.predicate).__name__ == "function"
    assert not hasattr(shipped.predicate, "rule")
    with pytest.raises(RegexTimeout):
        load_rules([str(PACKS / "catastrophic.yaml")], defaults=False, timeout=0.01).by_id("mine.slow").predicate(
            LineView("a" * 40 + "!")
        )


def test_prefix_matching_ignores_hamza_and_tanween_spelling():
    rule = load_rules().by_id("ar.split.read-also")
    for marker in ("إقرأ أيضاً:", "اقرأ أيضا:", "اقرأ ايضًا", "اقرأ/ي أيضًا:"):
        assert rule.predicate(LineView(marker)), marker
