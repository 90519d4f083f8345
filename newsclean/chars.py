"""The character step: apply the `chars` rules for the text's language, each change logged under its rule id.

Rules run in pack order, each on the output of the one before, so a table can rely on an earlier fold
(presentation forms first, letters next, spaces last). A range can be redone for one story in another language.
"""

from __future__ import annotations

import re

from .edits import Pending
from .engine import Rule, RuleSet
from .model import Document


def rule_edits(rule: Rule, text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """The edits one chars rule proposes on `text` (sorted, non-overlapping, offsets into `text`)."""
    if rule.op == "fix":
        return rule.fixer(text, lang)
    if rule.op == "map":
        table = rule.table
        finder = rule.pattern or _class_pattern(rule)
        out = []
        for m in finder.finditer(text):
            old = m.group()
            new = old.translate(table)
            if new != old:
                out.append((m.start(), m.end(), new))
        return out
    out = []
    for m in rule.pattern.finditer(text):
        new = m.expand(rule.replacement)
        if new != m.group():
            out.append((m.start(), m.end(), new))
    return out


_CLASS_CACHE: dict[str, re.Pattern] = {}


def _class_pattern(rule: Rule) -> re.Pattern:
    """A character class of a map's keys: one C-speed scan finds every character the table rewrites."""
    key = rule.id + "\0" + "".join(sorted(chr(c) for c in rule.table))
    pat = _CLASS_CACHE.get(key)
    if pat is None:
        pat = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(rule.table)) + "]+")
        _CLASS_CACHE[key] = pat
    return pat


def apply_chars(doc: Document, rules: list[Rule], lang: str | None, start: int = 0, end: int | None = None) -> None:
    """Run `rules` over the current text (or its `[start, end)` range), logging every change."""
    for rule in rules:
        text = doc.log.text
        stop = len(text) if end is None else end
        fixes = rule_edits(rule, text if start == 0 and stop == len(text) else text[start:stop], lang)
        if fixes:
            doc.log.apply([Pending(start + s, start + e, new, rule.id) for s, e, new in fixes])
            if end is not None:
                end += len(doc.log.text) - len(text)


def fix_chars(doc: Document, rules: RuleSet) -> Document:
    """The chars step for the whole document in its language, then the layout rules (spacing) last."""
    apply_chars(doc, rules.select("chars", doc.lang, "chars"), doc.lang)
    apply_chars(doc, rules.select("chars", doc.lang, "layout"), doc.lang)
    return doc
