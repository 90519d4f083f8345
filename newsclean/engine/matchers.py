"""Line matchers: each kind of condition a rule can put on a line, compiled once into a predicate.

A matcher spec is a mapping; each key is one condition and all of them must hold. `all`, `any` and `not`
combine specs. Every kind declares its options here, so a pack with an unknown option fails on load.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..charmap import CharMap
from ..entities import read_through
from .errors import PackError
from .fold import fold, fold_word, words_of
from .patterns import compile_pattern, pattern_error

SENTENCE_END = ".!?؟…"


@dataclass(slots=True)
class LineContext:
    """The document's lines as matchers that look beyond one line see them: neighbours, earlier lines, the block
    a line belongs to. `breaks` holds the indices of lines a story separator follows (a block never crosses one);
    `cache` keeps what a matcher works out once per document (keyed by the matcher)."""

    texts: list[str]
    breaks: frozenset[int] = frozenset()
    cache: dict = field(default_factory=dict)
    _ranks: list[int] | None = field(default=None, repr=False)

    def place(self, i: int) -> tuple[int, int]:
        """(how many non-blank lines come before line `i`, how many there are): a rule's `position` counts the
        lines that hold text, so a file's closing newline or a blank line between paragraphs moves nothing."""
        ranks = self._ranks
        if ranks is None:
            ranks, count = [], 0
            for text in self.texts:
                ranks.append(count)
                count += bool(text.strip())
            ranks.append(count)
            self._ranks = ranks
        return ranks[i], ranks[-1]


@dataclass(slots=True)
class LineView:
    """A line as matchers see it: its text, where it sits among the document's lines and, when the caller gives
    them, the document's other lines (`context`, for the matchers that compare a line with its neighbours)."""

    text: str
    index: int = 0
    total: int = 1
    context: LineContext | None = None
    _folded: str | None = field(default=None, repr=False)
    _n_words: int = field(default=-1, repr=False)

    @property
    def n_words(self) -> int:
        """How many space-separated tokens the line has (counted once: many rules ask)."""
        if self._n_words < 0:
            self._n_words = len(self.text.split())
        return self._n_words

    def folded_head(self, n: int) -> str:
        """The folded start of the line, long enough to compare prefixes of up to `n` folded characters."""
        if self._folded is None or len(self._folded) < n:
            self._folded = fold(self.text[: n * 2 + 8])
        return self._folded

    def neighbour(self, step: int) -> LineView | None:
        """The nearest non-blank line before (`step` -1) or after (+1) this one, within its story, or None."""
        ctx = self.context
        if ctx is None:
            return None
        i = self.index
        while True:
            if (step > 0 and i in ctx.breaks) or (step < 0 and i - 1 in ctx.breaks):
                return None
            i += step
            if not 0 <= i < len(ctx.texts):
                return None
            if ctx.texts[i].strip():
                return LineView(ctx.texts[i], i, self.total, ctx)


Predicate = Callable[[LineView], bool]


@dataclass(slots=True)
class CompileContext:
    """What compiling a rule needs: where it is (for errors), its word lists and whether its pack is trusted."""

    file: str
    rule: str
    wordlists: Callable[[str, int], frozenset[str]]
    trusted: bool
    timeout: float


def _fail(ctx: CompileContext, line: int, message: str) -> PackError:
    return PackError(ctx.file, line, message, ctx.rule)


def _regex(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    if not isinstance(spec, str) or not spec:
        raise _fail(ctx, line, "regex: expected a non-empty pattern string")
    err = pattern_error(spec, ctx.trusted)
    if err:
        raise _fail(ctx, line, f"regex does not compile: {err}")
    search = compile_pattern(spec, ctx.rule, ctx.trusted, ctx.timeout).search
    return lambda ln: search(ln.text) is not None


def _prefix(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    items = [spec] if isinstance(spec, str) else spec
    if not isinstance(items, list) or not items or not all(isinstance(p, str) and p.strip() for p in items):
        raise _fail(ctx, line, "prefix: expected a string or a list of non-empty strings")
    folded = tuple(sorted({fold(p) for p in items}, key=len, reverse=True))
    longest = len(folded[0])
    return lambda ln: ln.folded_head(longest).startswith(folded)


def _contains(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line holds one of these strings as written (a cheap test to put before a costly one)."""
    items = [spec] if isinstance(spec, str) else spec
    if not isinstance(items, list) or not items or not all(isinstance(p, str) and p for p in items):
        raise _fail(ctx, line, "contains: expected a string or a list of non-empty strings")
    needles = tuple(items)
    return lambda ln: any(n in ln.text for n in needles)


def _words(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    if not isinstance(spec, dict):
        raise _fail(ctx, line, "words: expected a mapping with list, min_share and min_words")
    _check_keys(spec, {"list", "min_share", "min_words"}, "words", ctx, line)
    vocab = _resolve_lists(spec.get("list"), ctx, line)
    share = spec.get("min_share", 0.8)
    min_words = spec.get("min_words", 1)
    if not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise _fail(ctx, line, "words.min_share: expected a number in (0, 1]")
    if not isinstance(min_words, int) or min_words < 1:
        raise _fail(ctx, line, "words.min_words: expected a positive integer")

    def pred(ln: LineView) -> bool:
        tokens = ln.text.split()
        if len(tokens) < min_words:  # a line has no more words than tokens
            return False
        # Prose gives up early: more misses than this and the share cannot be reached, since the words are no more
        # than the tokens (the 1 keeps rounding out of the way).
        most_misses = (1 - share) * len(tokens) + 1
        hits = misses = 0
        for token in tokens:
            word = fold_word(token)
            if not word:
                continue
            if word in vocab:
                hits += 1
            else:
                misses += 1
                if misses > most_misses:
                    return False
        words = hits + misses
        return words >= min_words and hits >= share * words

    return pred


def _resolve_lists(spec: Any, ctx: CompileContext, line: int) -> frozenset[str]:
    """Word lists are given inline or as `@pack.name` references; the words are folded for lookup."""
    items = [spec] if isinstance(spec, str) else spec
    if not isinstance(items, list) or not items:
        raise _fail(ctx, line, "list: expected '@pack.name', a list of words or a list of references")
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise _fail(ctx, line, f"list: expected strings, got {type(item).__name__}")
        if item.startswith("@"):
            out |= ctx.wordlists(item[1:], line)
        else:
            out.update(words_of(item))
    return frozenset(out)


def _length(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    keys = {"min_chars", "max_chars", "min_words", "max_words"}
    if not isinstance(spec, dict) or not spec:
        raise _fail(ctx, line, f"length: expected a mapping with some of {sorted(keys)}")
    _check_keys(spec, keys, "length", ctx, line)
    for k, v in spec.items():
        if not isinstance(v, int) or v < 0:
            raise _fail(ctx, line, f"length.{k}: expected a non-negative integer")
    lo_c, hi_c = spec.get("min_chars", 0), spec.get("max_chars")
    lo_w, hi_w = spec.get("min_words", 0), spec.get("max_words")

    def pred(ln: LineView) -> bool:
        n = len(ln.text)
        if n < lo_c or (hi_c is not None and n > hi_c):
            return False
        if lo_w or hi_w is not None:
            w = ln.n_words
            if w < lo_w or (hi_w is not None and w > hi_w):
                return False
        return True

    return pred


def _punct(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    if not isinstance(spec, dict) or not spec:
        raise _fail(ctx, line, "punct: expected a mapping with end and/or max")
    _check_keys(spec, {"end", "max"}, "punct", ctx, line)
    end = spec.get("end")
    most = spec.get("max")
    if end is not None and not isinstance(end, bool):
        raise _fail(ctx, line, "punct.end: expected true or false")
    if most is not None and (not isinstance(most, int) or most < 0):
        raise _fail(ctx, line, "punct.max: expected a non-negative integer")

    def pred(ln: LineView) -> bool:
        text = read_through(ln.text)  # `نعم.&quot;` ends like a sentence, `&#8221;` is no semicolon
        t = text.rstrip(" \"'»”)]")
        if end is not None and (bool(t) and t[-1] in SENTENCE_END) != end:
            return False
        if most is not None and sum(text.count(c) for c in SENTENCE_END) > most:
            return False
        return True

    return pred


def _position(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    if not isinstance(spec, dict) or len(spec) != 1 or not set(spec) <= {"first", "last"}:
        raise _fail(ctx, line, "position: expected {first: N} or {last: N}")
    ((where, n),) = spec.items()
    if not isinstance(n, int) or n < 1:
        raise _fail(ctx, line, f"position.{where}: expected a positive integer")
    first = where == "first"

    def pred(ln: LineView) -> bool:
        if not ln.text.strip():
            return False
        index, total = (ln.index, ln.total) if ln.context is None else ln.context.place(ln.index)
        return index < n if first else index >= total - n

    return pred


def _next(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The next non-blank line of the story matches (false on the story's last line)."""
    pred = compile_matcher(spec, ctx, getattr(spec, "line", line))

    def test(ln: LineView) -> bool:
        other = ln.neighbour(1)
        return other is not None and pred(other)

    return test


def _prev(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The previous non-blank line of the story matches (false on the story's first line)."""
    pred = compile_matcher(spec, ctx, getattr(spec, "line", line))

    def test(ln: LineView) -> bool:
        other = ln.neighbour(-1)
        return other is not None and pred(other)

    return test


def _within_and_match(spec: Any, kind: str, more: set[str], ctx: CompileContext, line: int) -> tuple[int, Predicate]:
    """The `within` and the compiled `match` of a matcher that reads the lines around this one (`near`, `under`)."""
    if not isinstance(spec, dict):
        raise _fail(ctx, line, f"{kind}: expected a mapping with match and within")
    _check_keys(spec, {"match", "within", *more}, kind, ctx, line)
    within = spec.get("within", 1)
    if not isinstance(within, int) or within < 1:
        raise _fail(ctx, line, f"{kind}.within: expected a positive integer")
    if "match" not in spec:
        raise _fail(ctx, line, f"{kind}: expected a match")
    return within, compile_matcher(spec["match"], ctx, _line_of(spec, "match", line))


def _under(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """One of the `within` non-blank lines above this one, in its story, matches `match`, and every line between
    them matches `through` (when given): the line is an item of a list that a sentence above announces."""
    within, pred = _within_and_match(spec, "under", {"through"}, ctx, line)
    through = compile_matcher(spec["through"], ctx, _line_of(spec, "through", line)) if "through" in spec else None

    def test(ln: LineView) -> bool:
        other = ln
        for _ in range(within):
            other = other.neighbour(-1)
            if other is None:
                return False
            if pred(other):
                return True
            if through is not None and not through(other):
                return False
        return False

    return test


def _head(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line stands above its story's first paragraph, in the page's head (the site's name, a menu, the
    headline, the date): no line before it in its story ends with a full stop or a colon, or runs to
    `paragraph_words` words. A colon opens the article's own list; a menu comes before the headline."""
    most = _int_option(spec, "head", "paragraph_words", 15, 1, ctx, line)
    key = object()

    def heads(context: LineContext) -> list[bool]:
        out, open_ = [], True
        for i, text in enumerate(context.texts):
            out.append(open_)
            t = text.rstrip(" \"'»”)]")
            if t.endswith((".", ":", "：")) or len(text.split()) >= most:
                open_ = False
            if i in context.breaks:
                open_ = True
        return out

    def test(ln: LineView) -> bool:
        context = ln.context
        if context is None:
            return ln.index == 0
        found = context.cache.get(key)
        if found is None:
            found = context.cache[key] = heads(context)
        return found[ln.index]

    return test


# What parts a menu's items: bars. Chevrons, slashes and bullets part an itinerary, a route, a timeline or a
# song's half-lines as often, and guillemets quote names.
_MENU_SEPARATOR = re.compile(r"\s*\|\s*")
_ITEM_EDGES = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_QUOTES = re.compile(r"[«»\"“”]")


def _menu_items(text: str) -> set[str]:
    """The items of a line read as a menu: the pieces between its bars (none where it has none: a line of words
    with no separator is as often a headline as a menu). A line that ends like a sentence, or quotes, is no menu."""
    if (
        text.rstrip().endswith((".", "!", "?", "؟", ":", "،", ","))
        or not _MENU_SEPARATOR.search(text)
        or _QUOTES.search(text)
    ):
        return set()
    return {_ITEM_EDGES.sub("", fold(piece)) for piece in _MENU_SEPARATOR.split(text)} - {""}


def _echoes(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line is, word for word (folded), one item of a menu among the `within` lines above it (a line of at least
    `min_items` items): the section a page shows as its own under its menu ("نفت | گاز | پتروشیمی" / "گاز")."""
    _options(spec, {"within", "min_items"}, "echoes", ctx, line)
    within = _int_value(spec, "echoes", "within", 1, 1, ctx, line)
    least = _int_value(spec, "echoes", "min_items", 3, 2, ctx, line)

    def test(ln: LineView) -> bool:
        own = _ITEM_EDGES.sub("", fold(ln.text))
        if not own:
            return False
        other = ln
        for _ in range(within):
            other = other.neighbour(-1)
            if other is None:
                return False
            items = _menu_items(other.text)
            if len(items) >= least and own in items:
                return True
        return False

    return test


# The last part of a line a spaced dash, bar or slash sets apart ("مسقط - الرؤية": "الرؤية"; "غزة/ سارة": "سارة").
_LAST_PART = re.compile(r"(?:\s[-–—|]\s?|[-–—|/]\s)\s*([^-–—|/]+?)\s*:?\s*$")
_LETTERS = re.compile(r"[^\W\d_]+")
_ARTICLE = re.compile(r"^(?:ال|لل)(?=\w{3})")
_CLITIC = re.compile(r"^[وفبلك](?=\w{4})")
# Words an outlet's or a desk's name shares with any text ("TRT عربي", "سكاي نيوز", "وكالات"): no side of a pair.
_COMMON_NAME_WORDS = frozenset({"عربي", "عربيه", "نيوز", "برس", "اونلاين", "وكالات", "متابعات", "خاص"})  # folded


def _stems(text: str, clitics: bool) -> set[str]:
    """The words of `text` folded (marks dropped, letter variants unified) with the article taken off (and a
    leading conjunction or preposition letter, with `clitics`), four letters or more."""
    out = set()
    for word in _LETTERS.findall(fold(text)):
        if clitics:
            word = _CLITIC.sub("", word)
        word = _ARTICLE.sub("", word)
        if len(word) >= 4:
            out.add(word)
    return out


def _named_below(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """A word of the line's last part (after its last spaced dash, bar or slash; four letters or more, its article
    aside) opens a word of one of the `within` lines below: the two sides of a match, a route or a meeting are
    named again in the lede ("مصر - السودان" over "... منتخب مصر نظيره السوداني"); a dateline's outlet or reporter
    is not ("دمشق - سارة الحسن" over a lede of a "خسارة": words, not letters, are compared)."""
    _options(spec, {"within"}, "named_below", ctx, line)
    within = _int_value(spec, "named_below", "within", 1, 1, ctx, line)

    def test(ln: LineView) -> bool:
        m = _LAST_PART.search(ln.text)
        sides = _stems(m.group(1), clitics=False) - _COMMON_NAME_WORDS if m else set()
        if not sides:
            return False
        other = ln
        for _ in range(within):
            other = other.neighbour(1)
            if other is None:
                return False
            if any(word.startswith(side) for word in _stems(other.text, clitics=True) for side in sides):
                return True
        return False

    return test


def _near(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """One of the `within` non-blank lines before or after this one, in its story, matches `match`."""
    within, pred = _within_and_match(spec, "near", set(), ctx, line)

    def test(ln: LineView) -> bool:
        for step in (-1, 1):
            other = ln
            for _ in range(within):
                other = other.neighbour(step)
                if other is None:
                    break
                if pred(other):
                    return True
        return False

    return test


def _block(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line belongs to a block that closes its story: an `opener` line, then between `min_members` and
    `max_members` non-blank lines that all match `member`, and nothing after them but the story's end (a
    related-headline list after a read-also marker). The opener and every member match. Worked out once per
    document, from the end of each story backwards, so only the last lines of a story are ever tested."""
    if not isinstance(spec, dict):
        raise _fail(ctx, line, "block: expected a mapping with opener, member, min_members and max_members")
    _check_keys(spec, {"opener", "member", "min_members", "max_members"}, "block", ctx, line)
    for key in ("opener", "member"):
        if key not in spec:
            raise _fail(ctx, line, f"block: expected {key}")
    low, high = spec.get("min_members", 1), spec.get("max_members", 10)
    if not isinstance(low, int) or not isinstance(high, int) or not 1 <= low <= high:
        raise _fail(ctx, line, "block: expected integers 1 <= min_members <= max_members")
    opener = compile_matcher(spec["opener"], ctx, _line_of(spec, "opener", line))
    member = compile_matcher(spec["member"], ctx, _line_of(spec, "member", line))
    key = object()

    def lines_in_blocks(context: LineContext, total: int) -> frozenset[int]:
        found: set[int] = set()
        breaks = sorted(context.breaks)
        for end in sorted(context.breaks | {len(context.texts) - 1}):
            members: list[int] = []
            i = end
            below = bisect_left(breaks, end)  # the story's own start: the last break before its end
            floor = breaks[below - 1] if below else -1
            while i > floor:
                if not context.texts[i].strip():
                    i -= 1
                    continue
                view = LineView(context.texts[i], i, total, context)
                if len(members) >= low and opener(view):
                    found.update(members)
                    found.add(i)
                    members = []
                elif len(members) < high and member(view):
                    members.append(i)
                else:
                    break
                i -= 1
        return frozenset(found)

    def test(ln: LineView) -> bool:
        context = ln.context
        if context is None:
            return False
        inside = context.cache.get(key)
        if inside is None:
            inside = context.cache[key] = lines_in_blocks(context, ln.total)
        return ln.index in inside

    return test


def _run(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line is one of a run of between `min_members` and `max_members` consecutive non-blank lines of its
    story that all match `member`, and the line just before the run matches `before`, the line just after it
    `after` (a run that opens or closes its story has no such line, and never matches): headlines set between
    two paragraphs of an article, a box of links the article runs on after."""
    if not isinstance(spec, dict):
        raise _fail(ctx, line, "run: expected a mapping with member, before, after, min_members and max_members")
    _check_keys(spec, {"member", "before", "after", "min_members", "max_members"}, "run", ctx, line)
    for key in ("member", "before", "after"):
        if key not in spec:
            raise _fail(ctx, line, f"run: expected {key}")
    low, high = spec.get("min_members", 2), spec.get("max_members", 8)
    if not isinstance(low, int) or not isinstance(high, int) or not 1 <= low <= high:
        raise _fail(ctx, line, "run: expected integers 1 <= min_members <= max_members")
    member, before, after = (
        compile_matcher(spec[k], ctx, _line_of(spec, k, line)) for k in ("member", "before", "after")
    )

    key = object()

    def is_member(ln: LineView) -> bool:
        """`member` on a line, worked out once per line of the document (a run's lines ask about each other)."""
        if ln.context is None:
            return member(ln)
        known = ln.context.cache.setdefault(key, {})
        found = known.get(ln.index)
        if found is None:
            found = known[ln.index] = member(ln)
        return found

    def edge(ln: LineView, step: int) -> tuple[int, LineView | None]:
        """How many members follow `ln` in the direction of `step`, and the first line past them (or None)."""
        n, other = 0, ln.neighbour(step)
        while other is not None and n < high and is_member(other):
            n, other = n + 1, other.neighbour(step)
        return n, other

    def test(ln: LineView) -> bool:
        if not is_member(ln):
            return False
        up, first_out = edge(ln, -1)
        down, last_out = edge(ln, 1)
        return (
            low <= up + down + 1 <= high
            and first_out is not None
            and last_out is not None
            and not is_member(first_out)
            and not is_member(last_out)
            and before(first_out)
            and after(last_out)
        )

    return test


def _date(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """The line is a date line (`dates.read_date_line`): a date, and besides its dates nothing but weekdays,
    times and date words (`date_line_words` in data/months.yaml), or at most `max_other_words` other words; with
    `since`, a date of that year or later (a page is not published before the web: `5 يونيو 1967` alone is the
    subject of an anniversary piece). A Hijri reading is not judged: read without the page's language, digits
    alone (`15/7/1383`) are taken for a Hijri date where a Persian page means a Solar Hijri one."""
    if spec is True:
        spec = {}
    if not isinstance(spec, dict):
        raise _fail(ctx, line, "date: expected true or {max_other_words: N, since: YEAR}")
    _check_keys(spec, {"max_other_words", "since"}, "date", ctx, line)
    most = _int_value(spec, "date", "max_other_words", 0, 0, ctx, line)
    since = _int_value(spec, "date", "since", 0, 0, ctx, line)
    from ..dates import read_date_line

    def test(ln: LineView) -> bool:
        found = read_date_line(ln.text, None, most)
        if found is None:
            return False
        return not since or found.calendar == "hijri" or int(found.date[:4]) >= since

    return test


def _all(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    preds = _cheapest_first(spec, _list_of(spec, "all", ctx, line))
    return _conjunction(preds)


# How costly each kind of condition is to test, roughly: conditions that must all hold are tested cheapest first
# (they are pure, so the order changes nothing but the time).
_COST = {"length": 0, "position": 0, "punct": 1, "contains": 1, "prefix": 2, "regex": 3, "not": 3, "any": 3, "all": 3}
_COSTLY = 5  # words, date and the matchers that look at other lines
_FEW_NEEDLES = 8


def _cost(spec: Any) -> int:
    """How dear a condition is to test: a combination costs what its dearest part does (a `not` over a neighbour's
    test is tried after the line's own regex, not before it on every line)."""
    if not isinstance(spec, dict) or not spec:
        return _COSTLY
    return max(_cost_of(key, value) for key, value in spec.items())


def _cost_of(key: str, value: Any) -> int:
    if key == "contains" and isinstance(value, list) and len(value) > _FEW_NEEDLES:
        return _COST["regex"] + 1  # each needle is looked for in turn: dearer than a regex anchored at the start
    if key == "not":
        return max(_COST["not"], _cost(value))
    if key in ("any", "all") and isinstance(value, list) and value:
        return max(_COST[key], *(_cost(item) for item in value))
    return _COST.get(key, _COSTLY)


def _cheapest_first(specs: list, preds: list[Predicate]) -> list[Predicate]:
    order = sorted(range(len(preds)), key=lambda i: _cost(specs[i]))
    return [preds[i] for i in order]


def _conjunction(preds: list[Predicate]) -> Predicate:
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        first, second = preds
        return lambda ln: first(ln) and second(ln)
    return lambda ln: all(p(ln) for p in preds)


def _any(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    preds = _list_of(spec, "any", ctx, line)
    return lambda ln: any(p(ln) for p in preds)


def _not(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    pred = compile_matcher(spec, ctx, getattr(spec, "line", line))
    return lambda ln: not pred(ln)


def _list_of(spec: Any, name: str, ctx: CompileContext, line: int) -> list[Predicate]:
    if not isinstance(spec, list) or not spec:
        raise _fail(ctx, line, f"{name}: expected a non-empty list of matchers")
    lines = getattr(spec, "item_lines", [line] * len(spec))
    return [compile_matcher(s, ctx, ln) for s, ln in zip(spec, lines)]


def _int_option(spec: Any, name: str, key: str, default: int, low: int, ctx: CompileContext, line: int) -> int:
    """A matcher written `true` or `{key: N}` (N at least `low`): N, or the default."""
    if spec is True:
        spec = {}
    if not isinstance(spec, dict):
        raise _fail(ctx, line, f"{name}: expected true or {{{key}: N}}")
    _check_keys(spec, {key}, name, ctx, line)
    return _int_value(spec, name, key, default, low, ctx, line)


def _int_value(spec: dict, name: str, key: str, default: int, low: int, ctx: CompileContext, line: int) -> int:
    """`spec[key]`, an integer of at least `low` (or the default)."""
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise _fail(ctx, line, f"{name}.{key}: expected an integer of at least {low}")
    return value


def _options(spec: Any, allowed: set[str], name: str, ctx: CompileContext, line: int) -> None:
    """A matcher's options: a mapping of the allowed keys only."""
    if not isinstance(spec, dict):
        raise _fail(ctx, line, f"{name}: expected a mapping of {', '.join(sorted(allowed))}")
    _check_keys(spec, allowed, name, ctx, line)


def _check_keys(spec: dict, allowed: set[str], name: str, ctx: CompileContext, line: int) -> None:
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise _fail(ctx, line, f"{name}: unknown option {unknown[0]!r} (expected {', '.join(sorted(allowed))})")


MATCHERS: dict[str, Callable[[Any, CompileContext, int], Predicate]] = {
    "regex": _regex,
    "prefix": _prefix,
    "contains": _contains,
    "words": _words,
    "length": _length,
    "punct": _punct,
    "position": _position,
    "next": _next,
    "prev": _prev,
    "near": _near,
    "under": _under,
    "echoes": _echoes,
    "named_below": _named_below,
    "head": _head,
    "block": _block,
    "run": _run,
    "date": _date,
    "all": _all,
    "any": _any,
    "not": _not,
}


# --- span finders: where a span rule finds the pieces it cuts out of a line ---------------------------------------

SpanFinder = Callable[[str, dict], Iterable[tuple[int, int]]]
"""`finder(line_text, state) -> (start, end), ...`; `state` is one dict per document, shared by the lines in order."""

# A sentence: from its first character to its final punctuation (and closing quotes), or to the end of the line.
_SENTENCE = re.compile(r"[^\s.!?؟…][^.!?؟…]*(?:[.!?؟…]+[\"'»”)\]]*|$)")


def _span_regex(spec: Any, ctx: CompileContext, line: int, options: dict) -> tuple[SpanFinder, Any]:
    """A regex; the named group `junk`, where there is one, is the piece cut out, else the whole match.

    Two options keep it off the lines it cannot match, which is most of them: `needs` (the line must hold one of
    these strings, tested before the regex runs) and `tail` (only the last N characters of the line are searched:
    for junk glued to the end of a line that may hold a whole article)."""
    if not isinstance(spec, str) or not spec:
        raise _fail(ctx, line, "regex: expected a non-empty pattern string")
    err = pattern_error(spec, ctx.trusted)
    if err:
        raise _fail(ctx, line, f"regex does not compile: {err}")
    pattern = compile_pattern(spec, ctx.rule, ctx.trusted, ctx.timeout)
    group = "junk" if "junk" in pattern.groupindex else 0
    needs = options.get("needs")
    if needs is not None:
        needs = [needs] if isinstance(needs, str) else needs
        if not isinstance(needs, list) or not needs or not all(isinstance(n, str) and n for n in needs):
            raise _fail(ctx, line, "needs: expected a string or a list of non-empty strings")
        needs = tuple(needs)
    tail = options.get("tail")
    if tail is not None and (not isinstance(tail, int) or tail < 1):
        raise _fail(ctx, line, "tail: expected a positive number of characters")

    def find(text: str, state: dict) -> Iterable[tuple[int, int]]:
        if needs is not None and not any(n in text for n in needs):
            return ()
        if tail is not None and len(text) > tail:
            return (m.span(group) for m in pattern.finditer(text, len(text) - tail))
        return (m.span(group) for m in pattern.finditer(text))

    return find, pattern


def _span_repeats(spec: Any, ctx: CompileContext, line: int, options: dict) -> tuple[SpanFinder, Any]:
    """Sentences the scraper wrote twice: a sentence that repeats, word for word, one met earlier in the document,
    and either follows it right away or is one of a run of copies (the sentence before it is a copy of the one
    before the first, or the next one in its line a copy of the next one, and that copy counts too: a short
    sentence such as a greeting says nothing about a run). The later copies are cut, the first stays. A sentence
    an article repeats on purpose stands alone, away from its first: a lede restated in the body, a verse quoted
    twice, a headline in two newspapers' lists; it stays. Only sentences of at least `min_words` words and
    `min_chars` characters are cut, so a short refrain or list item written twice stays."""
    if spec is True:
        spec = {}
    if not isinstance(spec, dict):
        raise _fail(ctx, line, "repeats: expected true or a mapping with min_words and min_chars")
    _check_keys(spec, {"min_words", "min_chars"}, "repeats", ctx, line)
    min_words, min_chars = spec.get("min_words", 8), spec.get("min_chars", 40)
    for name, value in (("min_words", min_words), ("min_chars", min_chars)):
        if not isinstance(value, int) or value < 1:
            raise _fail(ctx, line, f"repeats.{name}: expected a positive integer")
    key = object()

    def find(text: str, state: dict) -> Iterable[tuple[int, int]]:
        # every sentence of the document so far, in order (the wording of one long enough to count, else None),
        # and where each wording was first met
        seq, first = state.setdefault(key, ([], {}))
        sentences = []  # (start, end, wording or None, wording without the item number or None)
        item = None  # where a list item's number ("2.") that opens the line starts: the sentence after it is the item
        opening = len(text) - len(text.lstrip())  # where the line's text starts (a number there opens an item)
        for m in _SENTENCE.finditer(text):
            start, item = (m.start() if item is None else item), None
            if start == m.start() and start <= opening and _ITEM_NUMBER.fullmatch(m.group()):
                item = start
                continue
            sentence = text[start : m.end()].rstrip()
            if len(sentence) < min_chars or len(sentence.split()) < min_words:
                sentences.append((start, start + len(sentence), None, None))  # never cut: its words do not count
                continue
            alone = _same_text(m.group().rstrip()) if start != m.start() else None
            sentences.append((start, start + len(sentence), _same_text(sentence), alone))
        out = []
        for k, (start, end, wording, alone) in enumerate(sentences):
            i = len(seq)
            seq.append(wording)
            if wording is None:
                continue
            j = first.get(wording)
            if j is None:
                first[wording] = i
                if alone is not None:  # a numbered item: its words alone are met too
                    first.setdefault(alone, i)
            elif (
                j == i - 1
                or seq[i - 1] == wording
                or (j > 0 and seq[j - 1] is not None and seq[i - 1] == seq[j - 1])
                or (
                    k + 1 < len(sentences)
                    and j + 1 < i
                    and sentences[k + 1][2] is not None
                    and sentences[k + 1][2] == seq[j + 1]
                )
            ):
                out.append((start, end))
        return out

    if min_words >= 3:  # what the prefilter compares: a sentence's last three words
        find.prefilter = _may_repeat
    return find, None


# A list item's number, read by _SENTENCE as a sentence of its own: the item's text is compared and cut with it,
# so that no bare "2." is left behind and a numbered point is no copy of the same words met before unnumbered
# (the words met after it, numbered or not, are its copies).
_ITEM_NUMBER = re.compile(r"[0-9٠-٩۰-۹]{1,3}[.)]")

_ENDS = ".!?؟…\n"
# What the chars rules of Arabic and of Persian write differently, made one, so that a copy in a story whose
# characters were fixed for the other language is still a copy: yeh, kaf, heh and teh marbuta forms, the digits,
# and ZWNJ (the Arabic rules drop it, the Persian ones keep it between letters that join).
_SAME_TEXT = CharMap(
    str.maketrans(
        {"ی": "ي", "ى": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ه", "ۃ": "ه", "ة": "ه", "\u200c": None}
        | {chr(0x0660 + i): str(i) for i in range(10)}
        | {chr(0x06F0 + i): str(i) for i in range(10)}
    )
)


def _same_text(sentence: str) -> str:
    """A sentence as copies are compared: the languages' spellings made one, spaces collapsed."""
    return " ".join(_SAME_TEXT(sentence).split())


def _may_repeat(text: str) -> bool:
    """Whether a document can hold a sentence twice: some sentence ending (its last three words before a stop or
    a line's end) occurs twice. Cheap string searches; most pages answer no and skip the sentence pass."""
    text = _SAME_TEXT(text)
    keys: set[tuple[str, ...]] = set()
    for mark in _ENDS:
        pos = text.find(mark)
        while pos >= 0:
            key = tuple(text[max(0, pos - 120) : pos].rsplit(None, 3)[-3:])  # its last three words
            if key in keys:
                return True
            keys.add(key)
            pos = text.find(mark, pos + 1)
    key = tuple(text[-120:].rsplit(None, 3)[-3:])
    return key in keys


SPAN_FINDERS: dict[str, Callable[[Any, CompileContext, int, dict], tuple[SpanFinder, Any]]] = {
    "regex": _span_regex,
    "repeats": _span_repeats,
}
SPAN_OPTIONS = {"regex": {"needs", "tail"}, "repeats": set()}


def compile_span(spec: Any, ctx: CompileContext, line: int) -> tuple[SpanFinder, Any]:
    """A span rule's finder (and its compiled regex, for a regex finder) from its `match`: exactly one finder,
    with its options beside it."""
    kinds = [k for k in spec if k in SPAN_FINDERS] if isinstance(spec, dict) else []
    if len(kinds) != 1:
        raise _fail(ctx, line, f"a span rule's match must be one of {{{': ..., '.join(SPAN_FINDERS)}: ...}}")
    kind = kinds[0]
    options = {k: v for k, v in spec.items() if k != kind}
    _check_keys(options, SPAN_OPTIONS[kind], f"match ({kind})", ctx, line)
    return SPAN_FINDERS[kind](spec[kind], ctx, _line_of(spec, kind, line), options)


def compile_matcher(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    """A predicate over lines from a matcher spec; every key of the mapping must hold."""
    if not isinstance(spec, dict) or not spec:
        raise _fail(ctx, line, f"match: expected a mapping with one or more of {', '.join(MATCHERS)}")
    preds = []
    for key, value in spec.items():
        build = MATCHERS.get(key)
        if build is None:
            raise _fail(ctx, _line_of(spec, key, line), f"unknown matcher {key!r} (expected {', '.join(MATCHERS)})")
        preds.append(build(value, ctx, _line_of(spec, key, line)))
    return _conjunction(_cheapest_first([{key: value} for key, value in spec.items()], preds))


def _line_of(spec: Any, key: Any, default: int) -> int:
    return spec.line_of(key) if hasattr(spec, "line_of") else default
