"""The split step: where one article ends and the next begins, which line is each story's title, and which
read-also markers and related-headline lists go.

Stories start at story separators (form-feed lines of the text format, so cleaning a cleaned file changes
nothing), after read-also markers (`split` rules, on their own line or inside one), and at headlines that the
evidence says open a new article (`boundaries`). The page is first cut into units (`storylines`): lines, and the
pieces of a line that holds a marker. What the strip step already removed still counts as evidence: a date line
between a headline and its body is read back from the change log. A marker followed by headlines with no body of
their own is a related list: removed, no new story (where the article runs on under it, a last line that is the
article's own subheading stays). An inline marker becomes a line break, so that every story starts at a line
start; a headline glued to its body is cut from it the same way (`openers.glued_cut`). Each story gets its own
language; a story in another language than the document has its character step redone for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .boundaries import FEATURE_SUBHEAD_WORDS, Candidate, Evidence, Page, evidence, lede_score, stems, title_in_lede
from .edits import Pending
from .engine import Rule, RuleSet
from .engine.index import LineScanner, RuleIndex
from .engine.matchers import LineView
from .lang import decided, detect
from .lines import Line, removal_ranges, split_lines
from .model import Document, Story
from .openers import glued_cut, words
from .storylines import (
    BLANK,
    BODY,
    DATE,
    DATELINE,
    HEAD,
    MARKER,
    OTHER,
    SKIP,
    continues,
    full_body,
    kind,
    licensed_head,
)

SEPARATOR_RULE = "structure.story-separator"
BREAK_RULE = "structure.story-break"
SEPARATOR = "separator"
_CONTENT = (HEAD, BODY, OTHER)


@dataclass(slots=True)
class Unit:
    """A line or a piece of one, in current-text offsets. `line` is -1 for a piece an earlier step removed
    (a date line under a headline): it is evidence only."""

    start: int
    end: int
    text: str
    kind: str
    line: int = -1
    rule: Rule | None = None
    after_marker: bool = False
    link: bool = False


@dataclass(slots=True)
class Opening:
    """Where a story starts: its first unit, how it was found, its title unit (if any), the evidence."""

    first: int
    relation: str
    title: int | None = None
    evidence: Evidence | None = None


@dataclass(slots=True)
class Plan:
    """What the split step decided for a page: the stories' openings, the units that go (with the rule that
    takes each), and every candidate weighed, split or not (for explaining)."""

    openings: list[Opening]
    junk: dict[int, str] = field(default_factory=dict)
    weighed: list[tuple[str, Evidence]] = field(default_factory=list)


def split(doc: Document, rules: RuleSet, prior: list[Story] | None = None) -> Document:
    """Cut the document into stories; markers, related lists and separators are removed and logged.

    Where markers or lists went without opening a story, or a story opened where no separator stands, the page
    is weighed once more as the next clean will see it (those lines gone, each story behind a separator), until
    it reads the same, so that cleaning the output changes nothing: a separator changes what the page says of
    the headlines around it (how many sections it has, what story they follow). `prior` (by default the
    document's `prior_stories`): stories found before, each of which stays one.
    """
    prior = doc.prior_stories if prior is None else prior
    kept = {doc.log.to_current(story.start): story for story in prior[1:]} if prior else None
    for _ in range(_SPLIT_PASSES):
        if not _split_once(doc, rules, kept):
            break
        kept = {doc.log.to_current(story.start): story for story in doc.stories[1:]}
    _story_languages(doc, rules)
    return doc


_SPLIT_PASSES = 4


def _split_once(doc: Document, rules: RuleSet, kept: dict[int, Story] | None = None) -> bool:
    """One pass of the split step; `kept` holds stories found before, by the current offset where each starts
    (each stays a story, behind a separator). Returns whether the next clean reads the page otherwise: junk other
    than separators went (a marker, a related list), or a story opened where the text has no separator."""
    lines = split_lines(doc.text)
    if not lines:
        doc.stories = [Story(0, len(doc.source))]
        return False
    units = page_units(doc, lines, rules, frozenset(kept or ()))
    plan = plan_stories(units)
    openings = [o for o in plan.openings if o.first < len(units)]
    before = [_kept_story(units[o.first], kept) for o in openings]
    starts = [
        0 if not k else old.start if old is not None else doc.log._left(units[o.first].start)
        for k, (o, old) in enumerate(zip(openings, before))
    ]
    titled = [_titled(units, o, plan.junk) for o in openings]
    doc.log.apply(_edits(lines, units, plan, openings))
    bounds = [*starts, len(doc.source)]
    doc.stories = [
        Story(bounds[k], bounds[k + 1], old.relation if old is not None else o.relation, titled[k])
        for k, (o, old) in enumerate(zip(openings, before))
        if bounds[k + 1] > bounds[k]
    ] or [Story(0, len(doc.source))]
    unmarked = any(o.relation == "unmarked" and old is None for o, old in zip(openings, before))
    return unmarked or any(rule != SEPARATOR_RULE for rule in plan.junk.values())


# --- units ------------------------------------------------------------------------------------------------------


def _kept_story(unit: Unit, kept: dict[int, Story] | None) -> Story | None:
    """The story found before that a pseudo separator stands for (None for any other opening)."""
    if not kept or unit.kind != SEPARATOR or unit.line >= 0:
        return None
    return kept.get(unit.start)


def page_units(doc: Document, lines: list[Line], rules: RuleSet, breaks: frozenset[int] = frozenset()) -> list[Unit]:
    """The page as units: each line, or the pieces of a line around its markers; what an earlier step removed
    just before a line comes first, as evidence (date lines, datelines). Marker rules are tried only where they
    can match: whole-line markers on lines short enough, inline markers on the lines that hold their literals."""
    lang = doc.lang
    ghosts = _removed_before(doc, lines)
    whole, inline = _split_rules(rules, lang)
    longest = max((math.inf if most is None else most for _, most in whole), default=-1)
    tried: list[list[int]] = [[] for _ in lines]
    if inline:
        tried = _inline_index(inline, rules.scanner).candidates("split", [ln.text for ln in lines])
    total = sum(not ln.is_separator and bool(ln.text.strip()) for ln in lines)
    state: dict = {}
    units: list[Unit] = []
    i = -1
    for k, ln in enumerate(lines):
        if ln.start in breaks:
            units.append(Unit(ln.start, ln.start, "", SEPARATOR))  # a story found before: it stays one
        for g in ghosts.get(k, ()):
            units.append(Unit(ln.start, ln.start, "", g))
        if ln.is_separator:
            units.append(Unit(ln.start, ln.end, ln.text, SEPARATOR, k))
            continue
        text = ln.text
        i += bool(text.strip())  # a rule's `position` counts the lines that hold text
        fits = [r for r, most in whole if most is None or len(text) <= most] if len(text) <= longest else None
        if fits:
            view = LineView(text, i, total)
            rule = next((r for r in fits if r.predicate(view)), None)
            if rule is not None:
                units.append(Unit(ln.start, ln.end, text, MARKER, k, rule))
                continue
        spans = _inline_markers(text, [inline[r] for r in tried[k]], state) if tried[k] else None
        if spans:
            units.extend(_cut(ln, k, spans, lang))
        else:
            units.append(Unit(ln.start, ln.end, text, kind(text, lang), k))
    return units


def _split_rules(rules: RuleSet, lang: str | None) -> tuple[list[tuple[Rule, int | None]], list[Rule]]:
    """The whole-line markers (each with the longest line it can match) and the inline markers of every language,
    not only the page's: a page in one language may carry a story in another, and a page whose language is unsure
    must find the same markers either way."""
    key = ("rules", id(rules), lang)
    hit = _CACHE.get(key)
    if hit is None:
        langs = {x for r in rules.rules if r.kind == "split" for x in r.languages or ()}
        found = rules.select("split", tuple(sorted(langs | {lang} - {None})))
        whole = [(r, r.gate.gate.max_chars) for r in found if not r.inline]
        hit = _cache(key, (rules, whole, [r for r in found if r.inline]))
    return hit[1], hit[2]


def _inline_index(rules: list[Rule], scanner: LineScanner) -> RuleIndex:
    """The inline markers indexed by the literals their lines must hold (`needs`), built once per list of rules
    and scanner (the rule set's, which finds the literals of all its indexes)."""
    key = ("index", id(scanner), *map(id, rules))
    hit = _CACHE.get(key)
    if hit is None:
        hit = _cache(key, (list(rules), scanner, RuleIndex({"split": rules}, scanner)))
    return hit[2]


# Built once per rule set. An entry holds the objects its key names by id, so no other object can take their ids.
_CACHE: dict = {}


def _cache(key: tuple, value: tuple) -> tuple:
    if len(_CACHE) >= 64:
        _CACHE.clear()
    _CACHE[key] = value
    return value


def _removed_before(doc: Document, lines: list[Line]) -> dict[int, list[str]]:
    """For each line, the date lines and datelines an earlier step removed right before it (read from the log)."""
    if not any(e.removed for e in doc.log.edits):
        return {}
    at = {ln.start: k for k, ln in enumerate(lines)}
    dated = [(f.start, f.end) for f in doc.found if f.field == "date"]
    out: dict[int, list[str]] = {}
    shift = 0
    for e in doc.log.edits:
        cur = e.start + shift
        shift += len(e.new) - (e.end - e.start)
        if not e.removed or cur not in at:
            continue
        if any(e.start <= s and t <= e.end for s, t in dated):
            found = DATE
        else:
            found = kind(doc.source[e.start : e.end], doc.lang)
        if found in (DATE, DATELINE):
            out.setdefault(at[cur], []).append(found)
    return out


def _inline_markers(text: str, rules: list[Rule], state: dict) -> list[tuple[int, int, Rule]]:
    """Markers inside a line (start, end, rule), in order, without overlaps; an end excludes trailing spaces."""
    found = []
    for rule in rules:
        for start, end in rule.finder(text, state):
            end = start + len(text[start:end].rstrip())
            if end > start:
                found.append((start, end, rule))
    found.sort(key=lambda f: f[0])
    out: list[tuple[int, int, Rule]] = []
    for f in found:
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def _cut(ln: Line, k: int, spans: list[tuple[int, int, Rule]], lang: str | None) -> list[Unit]:
    """A line around its markers: text before a marker, the marker, and the text after it, which is a headline,
    or a headline glued to its body (cut), or body text."""
    text, base = ln.text, ln.start
    out: list[Unit] = []

    def piece(a: int, b: int) -> tuple[int, int]:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return a, b

    pos = 0
    for i, (a, b, rule) in enumerate(spans):
        pa, pb = piece(pos, a)
        if pb > pa:
            out.append(Unit(base + pa, base + pb, text[pa:pb], kind(text[pa:pb], lang), k))
        marker = Unit(base + a, base + b, text[a:b], MARKER, k, rule)
        out.append(marker)
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        pa, pb = piece(b, nxt)
        pos = nxt
        if pb <= pa:
            continue
        rest = text[pa:pb]
        rest_kind = kind(rest, lang)
        if rest_kind == HEAD and i == 0 and not text[:a].strip() and i == len(spans) - 1:
            marker.link = True  # "اقرأ أيضاً: عنوان" alone on its line: a related link
            glued = _glued_after_quote(rest)
            if glued is not None:  # the article's next sentence, its line break lost, stays
                out.append(Unit(base + pa, base + pa + glued, rest[:glued], HEAD, k, after_marker=True, link=True))
                out.append(Unit(base + pa + glued, base + pb, rest[glued:], kind(rest[glued:], lang), k))
                continue
            out.append(Unit(base + pa, base + pb, rest, HEAD, k, after_marker=True, link=True))
            continue
        cut = glued_cut(rest) if rest_kind == BODY else None
        if cut is None:
            out.append(Unit(base + pa, base + pb, rest, rest_kind, k, after_marker=True))
            continue
        ta, tb = piece(pa, pa + cut)
        ba, bb = piece(pa + cut, pb)
        out.append(Unit(base + ta, base + tb, text[ta:tb], HEAD, k, after_marker=True))
        out.append(Unit(base + ba, base + bb, text[ba:bb], kind(text[ba:bb], lang), k))
    return out


def _glued_after_quote(text: str) -> int | None:
    """Where a headline that ends in a quotation is glued to the next line's first word (`... "عنوان"وقد أعلنت ...`):
    the offset after the first closing quote a letter follows with no space, or None. A `"` closes where it is
    the second of a pair."""
    pairs = 0
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group()
        pairs += mark == '"'
        if (mark != '"' or pairs % 2 == 0) and m.end() < len(text) and text[m.end()].isalpha():
            return m.end()
    return None


_QUOTE_MARK = re.compile(r'["”»]')


# --- the plan ---------------------------------------------------------------------------------------------------


def plan_stories(units: list[Unit]) -> Plan:
    """Where stories open, their titles, and which units go, weighing every candidate boundary."""
    _license_heads(units)
    page = Page(titled=_page_titled(units), sections=_sections(units), subheads=_subheads(units))
    plan = Plan([Opening(0, "main")])
    story: list[Unit] = []
    has_body = False
    n = len(units)
    i = 0
    while i < n:
        u = units[i]
        if u.kind == SEPARATOR:
            plan.junk[i] = SEPARATOR_RULE
            plan.openings.append(Opening(i, "separated"))  # from the separator: what follows it is the story's
            story, has_body = [], False
            i += 1
            continue
        if u.kind == MARKER:
            run, j = _run(units, i + 1)
            heads = [k for k in run if units[k].kind == HEAD]
            listed = heads[:1] if u.link else heads  # a link line lists the one headline on its own line
            t = _pick_title(units, run)
            body = units[j] if j < n else None
            if body is not None and full_body(body.text, body.kind) and has_body:
                marker = "link" if u.link else "list" if len(heads) >= 2 else "line"
                ev = _weigh(units, story, t, j, marker, page)
                plan.weighed.append((units[t].text if t is not None else "", ev))
                if ev.splits:
                    first = j if t is None else t
                    gone = [i] + [h for h in listed if h < first]
                    plan.junk.update(dict.fromkeys(gone, u.rule.id))
                    story.extend(units[k] for k in run if k < first and k not in gone)
                    plan.openings.append(Opening(first, "read-also", t, ev))
                    story = [units[k] for k in run if k >= first]
                    has_body = False
                    i = j
                    continue
            if listed and (body is None or body.kind in (MARKER, BODY, OTHER, SEPARATOR)):
                # a related list (no body of its own: the page or the story ends after it), or links inside an
                # article that runs on after them, the article's own subheading over its next paragraph aside
                if not has_body and not u.link and body is not None and full_body(body.text, body.kind):
                    listed = listed[: _own_headline(units, listed, body.text, story)]
                if body is not None and (body.kind == BODY or _found_before(units, j)) and not u.link:
                    # a link line's headline stands beside its marker: it is never the article's own line. Where a
                    # story found before opens with no separator on the page, the reading that found it saw the
                    # article run on under the list, and judged the list so
                    listed = _links_only(units, listed)
                plan.junk.update(dict.fromkeys([i, *listed], u.rule.id))
                story.extend(units[k] for k in run if k not in listed)
                i = j
                continue
            plan.junk[i] = u.rule.id
            i += 1
            continue
        if u.kind == HEAD and has_body and not u.after_marker:
            run, j = _run(units, i)
            t = _pick_title(units, run)
            before = _previous_content(units, i)
            body = units[j] if j < n else None
            if (
                t is not None
                and body is not None
                and full_body(body.text, body.kind)
                and before is not None
                and before.kind in (BODY, OTHER)
                and not _fact_card(units, run)
            ):
                ev = _weigh(units, story, t, j, None, page)
                plan.weighed.append((units[t].text, ev))
                if ev.splits:
                    story.extend(units[k] for k in run if k < t)
                    plan.openings.append(Opening(t, "unmarked", t, ev))
                    story = [units[k] for k in run if k >= t]  # its headline is its own, as behind a separator
                    has_body = False
                    i = j
                    continue
            story.extend(units[k] for k in run)
            i = j
            continue
        has_body = has_body or u.kind == BODY
        story.append(u)
        i += 1
    ends = [o.first for o in plan.openings[1:]] + [n]
    for o, end in zip(plan.openings, ends):
        if o.title is None:
            o.title = _lead_title(units, o.first, end, plan.junk)
    return plan


# A line that carries the article's argument on ("إذاً، ما سبب ...؟", "لكن الوزير ...", "قال ..."): no headline
# opens so.
_CARRIES_ON = re.compile(
    r"^\W*(?:(?:[إا]ذاً?|[إا]ذن|لذلك|لذا|وبالتالي|ومع\s+ذلك|و?في\s+المقابل)\s*[،,]|(?:و?لكن|و?قال|و?قالت)\s)"
)
# A pull quote: a line that is one quotation and nothing else.
_PULL_QUOTE = re.compile(r"^\s*[\"“«][^\"“”«»]+[\"”»]\s*$")
# An item of the article's own list (a bullet, a dash, a number): a related list is a list of bare headlines.
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•●▪*·]|[0-9٠-٩۰-۹]{1,2}\s*[.)\-–])\s*\S")
# The line a page prints where a list of links ends (screen-reader text): what follows is the article's again.
_LIST_END = re.compile(
    r"^\W*(?:end\s+of\s+list|نهاية\s+القائمة|پایان\s+(?:فهرست|لیست|مطالب\s+(?:پیشنهادی|مرتبط)))\W*$", re.IGNORECASE
)
# A speaker's label before a line of an interview ("ایسنا: ...؟", "الجزيرة نت: ..."): a few words and a colon.
_LABEL = re.compile(r"^\W*([^\s:：]+(?:\s+[^\s:：]+){0,2})\s*[:：]\s*\S")
# A subheading is a few words; a related story's headline says more.
_SUBHEAD_WORDS = 3
# The share of a headline's content words its own lede says again.
_RESTATED = 0.4


def _own_headline(units: list[Unit], listed: list[int], lede: str, story: list[Unit]) -> int | None:
    """Where the page's own headline stands among the headlines under a read-also marker in the page's head (its
    deck may follow it), or None: where no headline stands above the marker, the first the lede says again (a
    related link's headline is another story's)."""
    if any(v.kind == HEAD and len(v.text.split()) > _SUBHEAD_WORDS for v in story):
        return None
    return next((n for n, k in enumerate(listed) if title_in_lede(units[k].text, lede) >= _RESTATED), None)


def _fact_card(units: list[Unit], run: list[int]) -> bool:
    """Whether a run of headlines is a card of the article's own, every line a short label and its value
    ("المؤلفة: ..." / "الناشر: ..." / "عدد الصفحات: 312 صفحة" in a book's review): no story's headline comes so."""
    heads = [units[k].text for k in run if units[k].kind == HEAD]
    return len(heads) >= 2 and all(_LABEL.match(h) and len(h.split()) <= 8 for h in heads)


def _found_before(units: list[Unit], j: int) -> bool:
    """Whether unit `j` stands for a story an earlier reading found where the page has no separator line (only
    this reading has one there)."""
    if units[j].kind != SEPARATOR or units[j].line >= 0:
        return False
    k = j + 1
    while k < len(units) and units[k].line < 0 and units[k].kind != SEPARATOR:
        k += 1  # what an earlier step removed before the line
    return not (k < len(units) and units[k].kind == SEPARATOR)


def _links_only(units: list[Unit], listed: list[int]) -> list[int]:
    """The headlines of a related list inside an article, less what follows the line that ends the list and the
    last ones that are the article's own lines over its next paragraph."""
    ends = [n for n, k in enumerate(listed) if _LIST_END.match(units[k].text)]
    if ends:
        listed = listed[: ends[-1] + 1]
    page = _Article(units, set(listed))
    while listed and page.owns(units[listed[-1]].text):
        listed = listed[:-1]
    return listed


class _Article:
    """The article around a related list, read for what tells its own lines from the list's (each part read once,
    when first asked)."""

    def __init__(self, units: list[Unit], listed: set[int]) -> None:
        self.units = units
        self.listed = listed
        self._body: str | None = None
        self._labels: set[str] | None = None

    def owns(self, text: str) -> bool:
        """Whether a line is the article's: a subheading (a few words, or one that carries the argument on), an
        item of a list, a question of an interview (its speaker's label opens other lines of the page), or a pull
        quote (a line that is one quotation, or whose words stand in the article's body too: a related story's
        headline is not written into this one)."""
        if _LIST_END.match(text):
            return False
        if _CARRIES_ON.match(text) or continues(text) or _PULL_QUOTE.match(text) or _LIST_ITEM.match(text):
            return True
        said = " ".join(words(text))
        if len(said.split()) <= _SUBHEAD_WORDS:
            return True
        label = _LABEL.match(text) if text.rstrip().endswith(("؟", "?")) else None
        if label is not None and label.group(1) in self.labels():
            return True
        return f" {said} " in f" {self.body()} "

    def body(self) -> str:
        if self._body is None:
            self._body = " \n ".join(" ".join(words(u.text)) for u in self.units if u.kind == BODY)
        return self._body

    def labels(self) -> set[str]:
        """The speakers' labels that open the page's lines outside the list and its links."""
        if self._labels is None:
            self._labels = set()
            for k, u in enumerate(self.units):
                if k not in self.listed and not u.after_marker and u.kind not in (MARKER, SEPARATOR):
                    label = _LABEL.match(u.text)
                    if label is not None:
                        self._labels.add(label.group(1))
        return self._labels


def _license_heads(units: list[Unit]) -> None:
    """Headlines the layout vouches for even where their shape does not: a line over a date line, the first line
    of a page (or of a story after a separator) over a full body, the lines right after a marker.

    Only a date line the page still has vouches, and a removed one takes no place between the two: the next clean
    sees neither."""
    n = len(units)
    for i, u in enumerate(units):
        if u.kind in (BODY, OTHER):
            nxt = i + 1
            while nxt < n and (units[nxt].kind == BLANK or (units[nxt].line < 0 and units[nxt].kind != SEPARATOR)):
                nxt += 1  # a piece the strip step removed takes no place: the next clean does not see it
            if nxt < n and units[nxt].kind == DATE and licensed_head(u.text, u.kind):
                u.kind = HEAD
    for start in [0] + [i + 1 for i, u in enumerate(units) if u.kind == SEPARATOR]:
        k0 = _next_content(units, start)
        if k0 < n and units[k0].kind != HEAD and licensed_head(units[k0].text, units[k0].kind):
            k1 = _next_content(units, k0 + 1)
            if k1 < n and full_body(units[k1].text, units[k1].kind):
                units[k0].kind = HEAD
    for i, u in enumerate(units):
        if u.kind != MARKER:
            continue
        for v in units[i + 1 :]:
            if v.kind in SKIP or v.kind == HEAD:
                continue
            if not licensed_head(v.text, v.kind):
                break
            v.kind = HEAD


def _page_titled(units: list[Unit]) -> bool:
    """Whether the page opens with a headline over a body, separators before it aside (the next clean does not see
    a separator that only the removed lines stood before)."""
    k0 = 0
    while k0 < len(units) and (units[k0].kind in SKIP or units[k0].kind == SEPARATOR):
        k0 += 1
    if k0 >= len(units) or units[k0].kind != HEAD:
        return False
    _, j = _run(units, k0)
    return j < len(units) and units[j].kind == BODY


def _subheads(units: list[Unit]) -> int:
    """How many lines of a few words stand alone between two paragraphs: a feature's subheadings do."""
    count = 0
    for i, u in enumerate(units):
        if u.kind == HEAD and len(u.text.split()) <= FEATURE_SUBHEAD_WORDS:
            before, k = _previous_content(units, i), _next_content(units, i + 1)
            if before is not None and before.kind == BODY and k < len(units) and units[k].kind == BODY:
                count += 1
    return count


def _sections(units: list[Unit]) -> int:
    """How many unmarked "headline, then a paragraph that opens fresh" places the page has: sections of one
    article (a listicle, a Q&A) look like this."""
    count = 0
    seen_body = False
    n = len(units)
    i = 0
    while i < n:
        u = units[i]
        if u.kind == HEAD and seen_body and not u.after_marker:
            before = _previous_content(units, i)
            _, j = _run(units, i)
            if (
                before is not None
                and before.kind in (BODY, OTHER)
                and j < n
                and units[j].kind == BODY
                and lede_score(units[j].text) > -1.0
            ):
                count += 1
            i = j
            continue
        seen_body = seen_body or u.kind == BODY
        i += 1
    return count


def _weigh(units: list[Unit], story: list[Unit], t: int | None, j: int, marker: str | None, page: Page) -> Evidence:
    """The evidence for a candidate: headline `t` (None: a marker right over body text), body `j`, the story so
    far."""
    after = []
    seen = 0
    for k in range(j + 1, len(units)):
        u = units[k]
        if u.kind == SEPARATOR or seen == _AFTER_UNITS:
            break  # what follows a separator is another story's
        if u.line < 0:
            continue  # a piece an earlier step removed takes no place: the next clean does not see it
        seen += 1
        if u.kind == BODY:
            after.append(u.text)
    content = [u for u in story if u.kind in _CONTENT]
    c = Candidate(
        title="" if t is None else units[t].text,
        body=units[j].text,
        after="\n".join(after[:2]),
        prev_tail="\n".join(u.text for u in content[-4:]),
        marker=marker,
        date_between=any(units[k].kind == DATE for k in range(j if t is None else t + 1, j)),
    )
    return evidence(c, page, lambda: set().union(*(_unit_stems(u.text) for u in content)))


_AFTER_UNITS = 3  # the units under a candidate's body that are read for what follows it


@lru_cache(maxsize=4096)
def _unit_stems(text: str) -> frozenset[str]:
    return frozenset(stems(text))


def _run(units: list[Unit], i: int) -> tuple[list[int], int]:
    """The headline and skippable units from `i` on, and the index of the unit after them."""
    j = i
    while j < len(units) and (units[j].kind == HEAD or units[j].kind in SKIP):
        j += 1
    return list(range(i, j)), j


def _pick_title(units: list[Unit], run: list[int]) -> int | None:
    """The title among a run of headlines: the one over a date line or dateline the page still has (the next
    clean does not see one the strip step removed); else the last, unless that is a one- or two-word caption under
    a longer headline."""
    heads = [k for k in run if units[k].kind == HEAD]
    if not heads:
        return None
    for a, b in zip(run, run[1:]):
        if units[a].kind == HEAD and units[b].kind in (DATE, DATELINE) and units[b].line >= 0:
            return a
    if len(words(units[heads[-1]].text)) <= 2:
        longer = [k for k in heads if len(words(units[k].text)) >= 3]
        if longer:
            return longer[-1]
    return heads[-1]


def _lead_title(units: list[Unit], first: int, end: int, junk: dict[int, str]) -> int | None:
    """The title of a story that opens a page (or follows a separator): its first kept line, when that is a
    headline and body text follows in the story."""
    k = first
    while k < end and (k in junk or units[k].line < 0 or units[k].kind == BLANK):
        k += 1
    if k >= end or units[k].kind != HEAD:
        return None
    return k if any(units[m].kind == BODY for m in range(k + 1, end)) else None


def _next_content(units: list[Unit], i: int) -> int:
    while i < len(units) and units[i].kind in SKIP:
        i += 1
    return i


def _previous_content(units: list[Unit], i: int) -> Unit | None:
    return next((units[k] for k in range(i - 1, -1, -1) if units[k].kind not in SKIP), None)


def _titled(units: list[Unit], opening: Opening, junk: dict[int, str]) -> bool:
    """Whether the story's title is its first kept line (what the output formats read as the title)."""
    if opening.title is None:
        return False
    k = opening.first
    while k < opening.title and (k in junk or units[k].line < 0 or not units[k].text.strip()):
        k += 1
    return k == opening.title


# --- edits ------------------------------------------------------------------------------------------------------


def _edits(lines: list[Line], units: list[Unit], plan: Plan, openings: list[Opening]) -> list[Pending]:
    """The plan as edits: junk lines out whole, junk pieces out of kept lines, a line break before a story that
    starts inside a line and between a title and the body it was glued to."""
    if not plan.junk and len(openings) == 1:
        return []
    breaks = {o.first for o in openings[1:]} | {o.title + 1 for o in openings if o.title is not None}
    by_line: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if u.line >= 0 and (u.kind == SEPARATOR or u.text.strip()):
            by_line.setdefault(u.line, []).append(i)
    removed = [False] * len(lines)
    line_rule: dict[int, str] = {}
    pending: list[Pending] = []
    for k, idx in by_line.items():
        kept = [i for i in idx if i not in plan.junk]
        if not kept:
            removed[k] = True
            line_rule[k] = plan.junk[idx[0]]
            continue
        if len(kept) == len(idx) and not any(i in breaks for i in kept[1:]):
            continue
        pending.extend(_line_edits(lines[k], units, idx, plan.junk, breaks))
    for start, end, k in removal_ranges(lines, removed):
        pending.append(Pending(start, end, "", line_rule[k], True))
    return sorted(pending, key=lambda p: (p.start, p.end))


def _line_edits(line: Line, units: list[Unit], idx: list[int], junk: dict[int, str], breaks: set[int]):
    """Edits inside one line that keeps some of its units."""
    out = []
    prev_end: int | None = None
    junk_start, junk_rule = None, ""
    for i in idx:
        u = units[i]
        if i in junk:
            if junk_start is None:
                junk_start, junk_rule = u.start, junk[i]
            continue
        if prev_end is None:
            if junk_start is not None:
                out.append(Pending(line.start, u.start, "", junk_rule, True))
        elif i in breaks:
            if junk_start is not None:
                out.append(Pending(prev_end, junk_start, "\n", BREAK_RULE))
                out.append(Pending(junk_start, u.start, "", junk_rule, True))
            else:
                out.append(Pending(prev_end, u.start, "\n", BREAK_RULE))
        elif junk_start is not None:
            out.append(Pending(junk_start, u.start, "", junk_rule, True))
        prev_end = u.end
        junk_start = None
    if junk_start is not None and prev_end is not None:
        out.append(Pending(prev_end, line.end, "", junk_rule, True))
    return out


# --- languages --------------------------------------------------------------------------------------------------


def _story_languages(doc: Document, rules: RuleSet) -> None:
    """Each story's language, read from the cleaned stories alone (junk no longer sways it, and no earlier guess
    does), so that cleaning the output decides the same way. A story the statistics decide takes their answer;
    the others take what the whole cleaned text reads as. The document takes its longest story's language; a
    story in another language than its characters were fixed for is fixed again from the source by the pipeline.
    """
    spans = [(doc.log.to_current(story.start), _story_end(doc, story)) for story in doc.stories]
    if len(doc.stories) == 1 and not any(e.removed for e in doc.log.edits):
        # nothing taken out: the text reads as it did when the characters were fixed (they change no evidence)
        doc.stories[0].lang = doc.fixed_lang
        return
    texts = [doc.text[start:end] for start, end in spans]
    fallback: list[str | None] = []

    def whole() -> str | None:
        if not fallback:
            fallback.append(detect("\n".join(texts)) or doc.fixed_lang)
        return fallback[0]

    longest = (-1, doc.fixed_lang)
    for story, text in zip(doc.stories, texts):
        story.lang = (decided(text) if len(doc.stories) > 1 else detect(text)) or whole()
        if len(text) > longest[0]:
            longest = (len(text), story.lang)
    doc.lang = longest[1]


def _story_end(doc: Document, story: Story) -> int:
    """Where a story's text ends in the current text: before the line break that separates it from the next."""
    end = doc.log.to_current(story.end)
    return end - 1 if end > 0 and doc.text[end - 1] == "\n" else end
