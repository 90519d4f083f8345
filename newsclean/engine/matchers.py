"""Line matchers: each kind of condition a rule can put on a line, compiled once into a predicate.

A matcher spec is a mapping; each key is one condition and all of them must hold. `all`, `any` and `not`
combine specs. Every kind declares its options here, so a pack with an unknown option fails on load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import PackError
from .fold import fold, words_of
from .patterns import compile_pattern, pattern_error

SENTENCE_END = ".!?؟…"


@dataclass(slots=True)
class LineView:
    """A line as matchers see it: its stripped text and where it sits among the document's lines."""

    text: str
    index: int = 0
    total: int = 1
    _words: list[str] | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = words_of(self.text)
        return self._words

    def folded_head(self, n: int) -> str:
        """The folded start of the line, long enough to compare prefixes of up to `n` folded characters."""
        if self._folded is None or len(self._folded) < n:
            self._folded = fold(self.text[: n * 2 + 8])
        return self._folded


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
        words = ln.words
        if len(words) < min_words:
            return False
        hits = sum(1 for w in words if w in vocab)
        return hits >= share * len(words)

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
            w = len(ln.text.split())
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
        t = ln.text.rstrip(" \"'»”)]")
        if end is not None and (bool(t) and t[-1] in SENTENCE_END) != end:
            return False
        if most is not None and sum(ln.text.count(c) for c in SENTENCE_END) > most:
            return False
        return True

    return pred


def _position(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    if not isinstance(spec, dict) or len(spec) != 1 or not set(spec) <= {"first", "last"}:
        raise _fail(ctx, line, "position: expected {first: N} or {last: N}")
    ((where, n),) = spec.items()
    if not isinstance(n, int) or n < 1:
        raise _fail(ctx, line, f"position.{where}: expected a positive integer")
    if where == "first":
        return lambda ln: ln.index < n
    return lambda ln: ln.index >= ln.total - n


def _all(spec: Any, ctx: CompileContext, line: int) -> Predicate:
    preds = _list_of(spec, "all", ctx, line)
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


def _check_keys(spec: dict, allowed: set[str], name: str, ctx: CompileContext, line: int) -> None:
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise _fail(ctx, line, f"{name}: unknown option {unknown[0]!r} (expected {', '.join(sorted(allowed))})")


MATCHERS: dict[str, Callable[[Any, CompileContext, int], Predicate]] = {
    "regex": _regex,
    "prefix": _prefix,
    "words": _words,
    "length": _length,
    "punct": _punct,
    "position": _position,
    "all": _all,
    "any": _any,
    "not": _not,
}


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
    if len(preds) == 1:
        return preds[0]
    return lambda ln: all(p(ln) for p in preds)


def _line_of(spec: Any, key: Any, default: int) -> int:
    return spec.line_of(key) if hasattr(spec, "line_of") else default
