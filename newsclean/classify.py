"""The strip step: label every line with the first `line` rule that matches it, take junk lines out, then cut
junk spans out of the lines that stay.

A line matched by a `title` rule, or by a `meta` rule with `keep`, stays (a `keep` span rule reads its value and
cuts nothing). A rule of the wrong language never runs. Story separators (form-feed lines) are never touched:
they belong to the split step.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import find_date
from .edits import Pending
from .engine import Rule, RuleSet
from .engine.matchers import LineContext, LineView
from .lines import Line, removal_ranges, split_lines
from .meta import add_found, extract
from .model import Document, Found

_SPACE = " "


@dataclass(slots=True)
class Labelled:
    """A line and the rule that labelled it (None: content)."""

    line: Line
    rule: Rule | None


def label_lines(text: str, rules: RuleSet, lang: str | None) -> list[Labelled]:
    """Every line of `text` with the first matching line rule; separators are never labelled."""
    lines = split_lines(text)
    line_rules = rules.select("line", lang)
    content = [ln for ln in lines if not ln.is_separator]
    total = len(content)
    context = _context(lines)
    labels = {}
    for i, ln in enumerate(content):
        view = LineView(ln.text, i, total, context)
        for rule in line_rules:
            if rule.predicate(view):
                labels[ln.start] = rule
                break
    return [Labelled(ln, labels.get(ln.start)) for ln in lines]


def _context(lines: list[Line]) -> LineContext:
    """The non-separator lines for the matchers that look at other lines, with the story breaks among them."""
    texts: list[str] = []
    breaks = set()
    for ln in lines:
        if ln.is_separator:
            if texts:
                breaks.add(len(texts) - 1)
        else:
            texts.append(ln.text)
    return LineContext(texts, frozenset(breaks))


def strip(doc: Document, rules: RuleSet, remove: bool = True) -> Document:
    """Take junk lines and spans out of the document (with `remove=False`, only record the metadata found)."""
    labelled = label_lines(doc.text, rules, doc.lang)
    lines = [item.line for item in labelled]
    by_line: list[Rule | None] = []
    for item in labelled:
        rule = item.rule
        if rule is not None and rule.op == "meta":
            _record(doc, rule, item.line.start, item.line.end, item.line.text)
        by_line.append(rule if rule is not None and rule.op in ("drop", "meta") and not rule.keep else None)
    kept = [(k, ln) for k, ln in enumerate(lines) if by_line[k] is None and not ln.is_separator]
    pending = _spans(doc, kept, by_line, rules)
    if not remove:
        return doc
    for start, end, k in removal_ranges(lines, [r is not None for r in by_line]):
        pending.append(Pending(start, end, "", by_line[k].id, True))
    doc.log.apply(sorted(pending, key=lambda p: p.start))
    return doc


def _record(doc: Document, rule: Rule, start: int, end: int, text: str) -> None:
    """Keep what a meta rule found, in source offsets (and the date on the line, for a rule `with_date`)."""
    value, piece = extract(rule, text, doc.lang)
    left, right = doc.log._left(start), doc.log._right(end)
    add_found(doc, Found(rule.id, rule.meta_field, value, left, right, piece))
    if rule.with_date:
        found = find_date(text, doc.lang)
        if found is not None:
            add_found(doc, Found(rule.id, "date", found.date, left, right, found.text))


def _spans(doc: Document, kept: list[tuple[int, Line]], by_line: list[Rule | None], rules: RuleSet) -> list[Pending]:
    """Junk cut out of kept lines. A span that leaves nothing of its line takes the whole line instead: it is
    entered in `by_line`, so whole lines are removed together and leave no blank line."""
    span_rules = rules.select("span", doc.lang)
    if not span_rules:
        return []
    out: list[Pending] = []
    total = len(kept)
    context = None
    state: dict = {}
    for i, (k, ln) in enumerate(kept):
        taken: list[tuple[int, int, Rule]] = []
        view = None
        for rule in span_rules:
            if rule.line_predicate is not None:
                if view is None:
                    context = context or LineContext([item.text for _, item in kept])
                    view = LineView(ln.text, i, total, context)
                if not rule.line_predicate(view):
                    continue
            for s, e in rule.finder(ln.text, state):
                if e > s and not any(s < te and e > ts for ts, te, _ in taken):
                    taken.append((s, e, rule))
        if not taken:
            continue
        taken.sort(key=lambda t: t[0])
        for s, e, rule in taken:
            if rule.op == "meta":
                _record(doc, rule, ln.start + s, ln.start + e, ln.text[s:e])
        taken = [t for t in taken if not t[2].keep]  # a meta span rule with `keep` only reads its value
        if not taken:
            continue
        if _covers(ln.text, taken):
            by_line[k] = taken[0][2]
            continue
        floor = 0
        for s, e, rule in taken:
            s, e = _with_spaces(ln.text, s, e, floor)
            out.append(Pending(ln.start + s, ln.start + e, "", rule.id, True))
            floor = e
    return out


def _covers(text: str, taken: list[tuple[int, int, Rule]]) -> bool:
    """Whether the spans leave nothing but spaces and punctuation of the line."""
    rest = []
    pos = 0
    for s, e, _ in taken:
        rest.append(text[pos:s])
        pos = e
    rest.append(text[pos:])
    return not any(ch.isalnum() for ch in "".join(rest))


def _with_spaces(text: str, s: int, e: int, floor: int) -> tuple[int, int]:
    """Widen a span so that removing it leaves one space between its neighbours, none at the line's edges
    (never reaching back before `floor`, the end of the span before it)."""
    while e < len(text) and text[e] == _SPACE:
        e += 1
    if e == len(text):
        while s > floor and text[s - 1] == _SPACE:
            s -= 1
    return s, e
