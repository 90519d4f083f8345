"""The strip step: label every line with the first `line` rule that matches it, take junk lines out, then cut
junk spans out of the lines that stay.

A line matched by a `title` rule, or by a `meta` rule with `keep`, stays (a `keep` span rule reads its value and
cuts nothing). A rule of the wrong language never runs. Story separators (form-feed lines) are never touched:
they belong to the split step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .chars import read_as
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
    spelled: str | None = None  # the line as the rule's language spells it, where the rule read it so


def label_lines(
    text: str,
    rules: RuleSet,
    lang: str | tuple[str, ...] | None,
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
        candidates = index.candidates("line", [ln.text for ln in lines])
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


def _story_numbers(lines: list[Line], opens: frozenset[int] = frozenset()) -> list[int]:
    """For each line, the story it stands in, counted from 0: a separator line or a line in `opens` starts one."""
    out, story = [], 0
    for ln in lines:
        if ln.start in opens and out:
            story += 1
        out.append(story)
        if ln.is_separator:
            story += 1
    return out


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


def strip_once(
    doc: Document,
    rules: RuleSet,
    remove: bool = True,
    opens: frozenset[int] = frozenset(),
    lang: str | None = None,
) -> bool:
    """`strip`, telling whether spans were cut out of lines that stay: those lines read differently now, to every
    rule (the strip step reads the page again). `opens`: as for `label_lines`. `lang`: the language whose rules
    read the page (by default the document's)."""
    lang = lang or doc.lang
    langs = doc.junk_langs or lang
    readings = _readings(doc.text, rules, langs)
    if len(readings) == 1:
        labelled = label_lines(doc.text, rules, langs, opens)
    else:
        labelled = _first_labels(doc.text, rules, langs, readings, opens)
    lines = [item.line for item in labelled]
    by_line: list[Rule | None] = []
    for item in labelled:
        rule = item.rule
        if rule is not None and rule.op == "meta":
            _record(doc, rule, item.line.start, item.line.end, item.line.text, lang, item.spelled)
        by_line.append(rule if rule is not None and rule.op in ("drop", "meta") and not rule.keep else None)
    kept = [(k, ln) for k, ln in enumerate(lines) if by_line[k] is None and not ln.is_separator]
    stories = _story_numbers(lines, opens)
    pending = _spans(doc, kept, by_line, rules, readings, lang, [stories[k] for k, _ in kept])
    if not remove:
        return False
    cut = bool(pending)
    for start, end, k in removal_ranges(lines, [r is not None for r in by_line]):
        pending.append(Pending(start, end, "", by_line[k].id, True))
    doc.log.apply(sorted(pending, key=lambda p: p.start))
    return cut


class Reading(NamedTuple):
    """The text as the junk rules of `langs` read it (spelled as they spell it)."""

    langs: str | tuple[str, ...] | None
    text: str


def _readings(text: str, rules: RuleSet, langs: str | tuple[str, ...] | None) -> list[Reading]:
    """How the junk rules read the text: as it is, or, where the junk of both Arabic and Persian goes (a page that
    mixes them), once in each language's letters, each by that language's rules. The characters were fixed for
    one language only, and the other's junk must still go: so the next clean, fixing them for the other, finds
    the same junk."""
    if not isinstance(langs, tuple) or len(langs) == 1:
        return [Reading(langs, text)]
    return [Reading(lang, read_as(text, rules, lang)) for lang in langs]


def _first_labels(
    text: str, rules: RuleSet, langs: tuple[str, ...], readings: list[Reading], opens: frozenset[int]
) -> list[Labelled]:
    """Each line of `text` with the first rule, in the order of all `langs`' rules, that labels it in its own
    language's reading (and the line as that reading spells it)."""
    order = {id(rule): i for i, rule in enumerate(rules.select("line", langs))}
    labels = [label_lines(r.text, rules, r.langs, opens) for r in readings]
    out = []
    for k, ln in enumerate(split_lines(text)):
        found = [each[k] for each in labels if each[k].rule is not None]
        first = min(found, key=lambda item: order[id(item.rule)]) if found else None
        out.append(Labelled(ln, first.rule, first.line.text) if first else Labelled(ln, None))
    return out


def _record(
    doc: Document, rule: Rule, start: int, end: int, text: str, lang: str | None, spelled: str | None = None
) -> None:
    """Keep what a meta rule found, in source offsets (and the date on the line, for a rule `with_date`);
    `spelled`: the text as the rule's language spells it, where it read it so."""
    value, piece = extract(rule, text, lang, spelled)
    left, right = doc.log._left(start), doc.log._right(end)
    add_found(doc, Found(rule.id, rule.meta_field, value, left, right, piece))
    if rule.with_date:
        found = find_date(text, lang)
        if found is not None:
            add_found(doc, Found(rule.id, "date", found.date, left, right, found.text))


Span = tuple[int, int, Rule, str]  # start, end (in the line), the rule, the line as the rule's reading spells it


def _spans(
    doc: Document,
    kept: list[tuple[int, Line]],
    by_line: list[Rule | None],
    rules: RuleSet,
    readings: list[Reading],
    lang: str | None,
    stories: list[int],
) -> list[Pending]:
    """Junk cut out of kept lines, by the span rules of each reading; where spans overlap, the earlier rule's
    wins. A span that leaves nothing of its line takes the whole line instead: it is entered in `by_line`, so whole
    lines are removed together and leave no blank line. `stories`: the story of each kept line (a finder's memory,
    such as the sentences met so far, and the lines a condition reads, end at a story's end)."""
    if not kept:
        return []
    plans = [
        plan for reading in readings if (plan := _SpanPlan.of(reading, doc.text, kept, rules, stories)) is not None
    ]
    langs = tuple(reading.langs for reading in readings)
    order = {id(r): i for i, r in enumerate(rules.select("span", langs))} if len(plans) > 1 else None
    out: list[Pending] = []
    for i, (k, ln) in enumerate(kept):
        found = [span for plan in plans for span in plan.find(i)]
        if order is not None:
            found.sort(key=lambda span: order[id(span[2])])
        taken: list[Span] = []
        for span in found:
            if not any(span[0] < te and span[1] > ts for ts, te, *_ in taken):
                taken.append(span)
        if not taken:
            continue
        taken.sort(key=lambda t: t[0])
        for s, e, rule, spelled in taken:
            if rule.op == "meta":
                _record(doc, rule, ln.start + s, ln.start + e, ln.text[s:e], lang, spelled[s:e])
        taken = [t for t in taken if not t[2].keep]  # a meta span rule with `keep` only reads its value
        if not taken:
            continue
        if _covers(ln.text, taken):
            by_line[k] = taken[0][2]
            continue
        for s, e, rule in _with_spaces(ln.text, taken):
            out.append(Pending(ln.start + s, ln.start + e, "", rule.id, True))
    return out


class _SpanPlan:
    """One reading's span rules over the kept lines: which to try on each line, and the finders' shared state."""

    __slots__ = ("rules", "texts", "candidates", "idle", "stories", "states", "context")

    def __init__(
        self, span_rules: list[Rule], texts: list[str], candidates: list[list[int]], idle: set[int], stories: list[int]
    ) -> None:
        self.rules, self.texts, self.candidates, self.idle = span_rules, texts, candidates, idle
        self.stories = stories
        self.states: dict[int, dict] = {}  # the finders' shared state, one per story
        self.context: LineContext | None = None

    @classmethod
    def of(
        cls, reading: Reading, text: str, kept: list[tuple[int, Line]], rules: RuleSet, stories: list[int]
    ) -> _SpanPlan | None:
        """The plan of a reading of `text`, or None where its languages have no span rules."""
        index = rules.index(reading.langs)
        span_rules = index.kinds["span"].rules
        if not span_rules:
            return None
        spelled = reading.text
        texts = [ln.text if spelled is text else spelled[ln.start : ln.end] for _, ln in kept]
        candidates = index.candidates("span", texts)
        # finders that can tell from the whole document that they find nothing there (a page with no sentence twice)
        idle = {i for i, r in enumerate(span_rules) if not getattr(r.finder, "prefilter", _ANY)(spelled)}
        return cls(span_rules, texts, candidates, idle, stories)

    def find(self, i: int) -> list[Span]:
        """The spans this reading's rules find in kept line `i`, in the order of the rules."""
        ids = self.candidates[i]
        if not ids:
            return []
        text = self.texts[i]
        found: list[Span] = []
        view = None
        for rid in ids:
            if rid in self.idle:
                continue
            rule = self.rules[rid]
            if rule.line_predicate is not None:
                if view is None:
                    self.context = self.context or LineContext(self.texts, self._breaks())
                    view = LineView(text, i, len(self.texts), self.context)
                if not rule.line_predicate(view):
                    continue
            state = self.states.setdefault(self.stories[i], {})
            found.extend((s, e, rule, text) for s, e in rule.finder(text, state) if e > s)
        return found

    def _breaks(self) -> frozenset[int]:
        """The kept lines a story's end follows."""
        stories = self.stories
        return frozenset(i for i in range(len(stories) - 1) if stories[i] != stories[i + 1])


def _covers(text: str, taken: list[Span]) -> bool:
    """Whether the spans leave nothing but spaces and punctuation of the line."""
    rest = []
    pos = 0
    for s, e, *_ in taken:
        rest.append(text[pos:s])
        pos = e
    rest.append(text[pos:])
    return not any(ch.isalnum() for ch in "".join(rest))


def _with_spaces(text: str, taken: list[Span]) -> list[tuple[int, int, Rule]]:
    """Widen spans so that removing them leaves one space between neighbours and none at the line's end.

    Each span takes the spaces after it, unless it took a space before it; the spans that reach the end of the line
    (alone or as a chain of touching spans) also take the spaces before the first of them.
    """
    widened = []
    for i, (s, e, rule, _) in enumerate(taken):
        stop = taken[i + 1][0] if i + 1 < len(taken) else len(text)
        if s == 0 or text[s] != _SPACE:  # a span that took the space before it leaves the one after it
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
