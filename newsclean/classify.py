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


def _ANY(text: str) -> bool:
    return True


@dataclass(slots=True)
class Labelled:
    """A line and the rule that labelled it (None: content)."""

    line: Line
    rule: Rule | None


def label_lines(
    text: str,
    rules: RuleSet,
    lang: str | tuple[str, ...] | None,
    hits: list | None = None,
    opens: frozenset[int] = frozenset(),
) -> list[Labelled]:
    """Every line of `text` with the first matching line rule; separators are never labelled. `opens` holds the
    offsets of lines that open a story with no separator line before them (yet): the rules see a break there.

    A line is tried only against the rules its gate lets through (the index), and of those only the ones its
    size allows.
    """
    lines = split_lines(text)
    index = rules.index(lang)
    line_rules = index.kinds["line"].rules
    labels: dict[int, Rule] = {}
    if line_rules and lines:
        if hits is None:
            hits = index.scan(text)
        candidates = index.candidates("line", text, [(ln.start, ln.text) for ln in lines], hits)
        context = _context(lines, opens)
        total = len(context.texts)
        i = -1
        for ln, ids in zip(lines, candidates):
            if ln.is_separator:
                continue
            i += 1
            if not ids:
                continue
            view = LineView(ln.text, i, total, context)
            for rid in ids:
                rule = line_rules[rid]
                if rule.predicate(view):
                    labels[ln.start] = rule
                    break
    return [Labelled(ln, labels.get(ln.start)) for ln in lines]


def _context(lines: list[Line], opens: frozenset[int] = frozenset()) -> LineContext:
    """The non-separator lines for the matchers that look at other lines, with the story breaks among them."""
    texts: list[str] = []
    breaks = set()
    for ln in lines:
        if ln.is_separator or ln.start in opens:
            if texts:
                breaks.add(len(texts) - 1)
        if not ln.is_separator:
            texts.append(ln.text)
    return LineContext(texts, frozenset(breaks))


def strip(doc: Document, rules: RuleSet, remove: bool = True) -> Document:
    """Take junk lines and spans out of the document (with `remove=False`, only record the metadata found)."""
    strip_once(doc, rules, remove)
    return doc


def strip_once(doc: Document, rules: RuleSet, remove: bool = True, opens: frozenset[int] = frozenset()) -> bool:
    """`strip`, telling whether spans were cut out of lines that stay: those lines read differently now, to every
    rule (the strip step reads the page again). `opens`: as for `label_lines`."""
    langs = doc.junk_langs or doc.lang
    hits = rules.index(langs).scan(doc.text)
    labelled = label_lines(doc.text, rules, langs, hits, opens)
    lines = [item.line for item in labelled]
    by_line: list[Rule | None] = []
    for item in labelled:
        rule = item.rule
        if rule is not None and rule.op == "meta":
            _record(doc, rule, item.line.start, item.line.end, item.line.text)
        by_line.append(rule if rule is not None and rule.op in ("drop", "meta") and not rule.keep else None)
    kept = [(k, ln) for k, ln in enumerate(lines) if by_line[k] is None and not ln.is_separator]
    pending = _spans(doc, kept, by_line, rules, hits)
    if not remove:
        return False
    cut = bool(pending)
    for start, end, k in removal_ranges(lines, [r is not None for r in by_line]):
        pending.append(Pending(start, end, "", by_line[k].id, True))
    doc.log.apply(sorted(pending, key=lambda p: p.start))
    return cut


def _record(doc: Document, rule: Rule, start: int, end: int, text: str) -> None:
    """Keep what a meta rule found, in source offsets (and the date on the line, for a rule `with_date`)."""
    value, piece = extract(rule, text, doc.lang)
    left, right = doc.log._left(start), doc.log._right(end)
    add_found(doc, Found(rule.id, rule.meta_field, value, left, right, piece))
    if rule.with_date:
        found = find_date(text, doc.lang)
        if found is not None:
            add_found(doc, Found(rule.id, "date", found.date, left, right, found.text))


def _spans(
    doc: Document, kept: list[tuple[int, Line]], by_line: list[Rule | None], rules: RuleSet, hits: list
) -> list[Pending]:
    """Junk cut out of kept lines. A span that leaves nothing of its line takes the whole line instead: it is
    entered in `by_line`, so whole lines are removed together and leave no blank line."""
    index = rules.index(doc.junk_langs or doc.lang)
    span_rules = index.kinds["span"].rules
    if not span_rules or not kept:
        return []
    candidates = index.candidates("span", doc.text, [(ln.start, ln.text) for _, ln in kept], hits)
    # finders that can tell from the whole document that they find nothing there (a page with no sentence twice)
    idle = {i for i, r in enumerate(span_rules) if not getattr(r.finder, "prefilter", _ANY)(doc.text)}
    out: list[Pending] = []
    total = len(kept)
    context = None
    state: dict = {}
    for i, ((k, ln), ids) in enumerate(zip(kept, candidates)):
        if not ids:
            continue
        taken: list[tuple[int, int, Rule]] = []
        view = None
        for rid in ids:
            if rid in idle:
                continue
            rule = span_rules[rid]
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
        for s, e, rule in _with_spaces(ln.text, taken):
            out.append(Pending(ln.start + s, ln.start + e, "", rule.id, True))
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


def _with_spaces(text: str, taken: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """Widen spans so that removing them leaves one space between neighbours and none at the line's end.

    Each span takes the spaces after it; the spans that reach the end of the line (alone or as a chain of
    touching spans) also take the spaces before the first of them.
    """
    widened = []
    for i, (s, e, rule) in enumerate(taken):
        stop = taken[i + 1][0] if i + 1 < len(taken) else len(text)
        while e < stop and text[e] == _SPACE:
            e += 1
        widened.append([s, e, rule])
    end = len(text)
    for i in range(len(widened) - 1, -1, -1):
        s, e, _ = widened[i]
        if e != end:
            break
        floor = widened[i - 1][1] if i else 0
        while s > floor and text[s - 1] == _SPACE:
            s -= 1
        widened[i][0] = end = s
    return [(s, e, rule) for s, e, rule in widened]
