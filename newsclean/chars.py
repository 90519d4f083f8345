"""The character step: apply the `chars` rules for the text's language, each change logged under its rule id.

Rules run in pack order, each on the output of the one before, so a table can rely on an earlier fold
(presentation forms first, letters next, spaces last). A range can be redone for one story in another language.
"""

from __future__ import annotations

import re

from .edits import Pending, replay
from .engine import Rule, RuleSet
from .match_starts import finditer_from
from .model import Document


def rule_edits(rule: Rule, text: str, lang: str | None, present: set[str] | None = None) -> list[tuple[int, int, str]]:
    """The edits one chars rule proposes on `text` (sorted, non-overlapping, offsets into `text`).

    `present`, when given, holds every character the rules' `_needs` name that occurs in `text`: a rule none of
    whose needed characters is there has nothing to do.
    """
    if rule.op == "fix":
        return rule.fixer(text, lang)
    needs = _needs(rule)
    if needs and (present.isdisjoint(needs) if present is not None else not any(ch in text for ch in needs)):
        return []
    if rule.op == "map":
        table = rule.table
        out = []
        for m in finditer_from(rule.pattern or _class_pattern(rule), text, needs):
            old = m.group()
            new = old.translate(table)
            if new != old:
                out.append((m.start(), m.end(), new))
        return out
    out = []
    for m in finditer_from(rule.pattern, text, needs):
        new = m.expand(rule.replacement)
        if new != m.group():
            out.append((m.start(), m.end(), new))
    return out


# Per rule (by identity; the rule is kept with its entry so the id is not reused): the characters one of which
# any match must start with, and a map's character class.
_NEEDS: dict[int, tuple[Rule, str]] = {}
_CLASSES: dict[int, tuple[Rule, re.Pattern]] = {}
# Python's re scans a character class over Arabic text at some 60 us a page; `ch in text` takes well under one.
# Up to this many characters, testing each first is the cheaper way to learn that a rule has nothing to do.
_MAX_NEEDS = 64


def _needs(rule: Rule) -> str:
    """Characters one of which every match of the rule starts with ("" where that cannot be told)."""
    entry = _NEEDS.get(id(rule))
    if entry is None:
        chars: set[str] | None
        if rule.op == "map" and rule.pattern is None:
            chars = {chr(c) for c in rule.table}
        elif isinstance(rule.pattern, re.Pattern) and not rule.pattern.flags & re.IGNORECASE:
            try:
                chars = _first_chars(re._parser.parse(rule.pattern.pattern, rule.pattern.flags))
            except Exception:  # an internal of re changed: do without the shortcut
                chars = None
        else:
            chars = None
        entry = (rule, "".join(sorted(chars)) if chars and len(chars) <= _MAX_NEEDS else "")
        _NEEDS[id(rule)] = entry
    return entry[1]


def _first_chars(items) -> set[str] | None:
    """The characters a match of the parsed pattern can start with, past zero-width assertions; None if any."""
    from re import _constants as c

    for op, arg in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        if op == c.LITERAL:
            return {chr(arg)}
        if op == c.IN:
            out: set[str] = set()
            for kind, value in arg:
                if kind == c.LITERAL:
                    out.add(chr(value))
                elif kind == c.RANGE and value[1] - value[0] < _MAX_NEEDS:
                    out.update(chr(x) for x in range(value[0], value[1] + 1))
                else:
                    return None
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            return _first_chars(arg[2])
        if op == c.SUBPATTERN:
            return _first_chars(arg[-1])
        if op == c.BRANCH:
            out = set()
            for branch in arg[1]:
                first = _first_chars(branch)
                if first is None:
                    return None
                out |= first
            return out
        return None
    return None


def _class_pattern(rule: Rule) -> re.Pattern:
    """A character class of a map's keys: one C-speed scan finds every character the table rewrites."""
    entry = _CLASSES.get(id(rule))
    if entry is None:
        pattern = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(rule.table)) + "]+")
        entry = (rule, pattern)
        _CLASSES[id(rule)] = entry
    return entry[1]


def apply_chars(doc: Document, rules: list[Rule], lang: str | None, start: int = 0, end: int | None = None) -> None:
    """Run `rules` over the current text (or its `[start, end)` range), logging every change.

    First, which of the characters the rules need occur at all (most rules have nothing to do on most pages);
    the characters a rule writes join that set for the rules after it.
    """
    text = doc.log.text
    stop = len(text) if end is None else end
    piece = text if start == 0 and stop == len(text) else text[start:stop]
    present = {ch for ch in _needed_chars(rules) if ch in piece}
    for rule in rules:
        text = doc.log.text
        stop = len(text) if end is None else end
        fixes = rule_edits(rule, text if start == 0 and stop == len(text) else text[start:stop], lang, present)
        if fixes:
            doc.log.apply([Pending(start + s, start + e, new, rule.id) for s, e, new in fixes])
            for _, _, new in fixes:
                present.update(new)
            if end is not None:
                end += len(doc.log.text) - len(text)


_NEEDED: dict[int, tuple[list[Rule], str]] = {}


def _needed_chars(rules: list[Rule]) -> str:
    """Every character the rules need, worked out once per list of rules (the lists are the rule set's own);
    one `in` test each finds the ones a page holds several times faster than re scans a class of them."""
    entry = _NEEDED.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_NEEDED) >= 64:  # lists made for one call (a rule's examples) do not pile up
            _NEEDED.clear()
        chars = "".join(sorted({ch for r in rules if r.op != "fix" for ch in _needs(r)}))
        entry = _NEEDED[id(rules)] = (rules, chars)
    return entry[1]


def fix_chars(doc: Document, rules: RuleSet, lang: str | None = None) -> Document:
    """The chars step for the whole document in its language (or `lang`; each of `doc.lang_ranges` in its own),
    then the layout rules (spacing) last."""
    lang = lang or doc.lang
    if doc.lang_ranges:
        for start, end, story_lang in doc.lang_ranges:
            rules_for = rules.select("chars", story_lang, "chars")
            apply_chars(doc, rules_for, story_lang, doc.log.to_current(start), _end(doc, end))
    else:
        apply_chars(doc, rules.select("chars", lang, "chars"), lang)
    apply_chars(doc, rules.select("chars", lang, "layout"), lang)
    return doc


def judged_by_line(doc: Document, rules: RuleSet) -> bool:
    """Whether the text holds characters that a fixer of its languages kept or dropped for what their whole line
    said (a fixer's `by_line`: Arabic text keeps a ZWNJ only in a line that reads as Persian). Where the strip or
    the split step cut such a line, the chars rules run again, as the next clean's fix step will."""
    langs = {doc.fixed_lang, *(lang for _, _, lang in doc.lang_ranges or ())}
    return any(
        ch in doc.text
        for lang in langs
        for rule in rules.select("chars", lang, "chars")
        if rule.op == "fix"
        for ch in getattr(rule.fixer, "by_line", "")
    )


def read_as(text: str, rules: RuleSet, lang: str) -> str:
    """`text` as `lang`'s chars rules would spell it, where they put one character for one (the letters Arabic and
    Persian write differently: `علی` is `على` in Arabic), so that an offset into the result is one into `text`.
    A fixer with a `reading` spells the words as the rules do, not as the page does (`arabic_script.arabic_yeh`).

    A page that mixes the languages has its characters fixed for one of them; the other's junk rules read it so
    (`کلمات دلالیة` is the Arabic tag line)."""
    for rule in rules.select("chars", lang, "chars"):
        reading = getattr(rule.fixer, "reading", None) if rule.op == "fix" else None
        edits = reading(text, lang) if reading is not None else rule_edits(rule, text, lang)
        fixes = [Pending(s, e, new, rule.id) for s, e, new in edits if e - s == len(new)]
        if fixes:
            text = replay(text, fixes)
    return text


def _end(doc: Document, source_end: int) -> int:
    """Where a range ending at `source_end` ends in the current text, short of the line break that closes it."""
    end = doc.log.to_current(source_end)
    return end - 1 if end > 0 and doc.log.text[end - 1] == "\n" else end
