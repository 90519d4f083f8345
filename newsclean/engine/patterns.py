"""Compiling rule regexes: shipped packs with the standard `re`, users' packs with `regex` and a time limit.

Shipped patterns are reviewed and tested, so they run on the faster standard engine. A user's pattern may be
catastrophic on some input; the `regex` package's `timeout` turns that into an error for the one document
(DESIGN.md, Conventions: Regex safety) instead of a hung run. Within `document_budget()` (the pipeline cleans
each document in one) the limit is for all the calls of user patterns together: a pattern that takes just under
the limit on each of a page's lines would otherwise stall a run for minutes on one page. Outside one, the limit is
for each call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

DEFAULT_TIMEOUT = 2.0

_spent: float | None = None  # seconds the user patterns have run on the current document (None: no document)


@contextmanager
def document_budget() -> Iterator[None]:
    """One document's work: its user patterns share one time limit."""
    global _spent
    outer, _spent = _spent, 0.0
    try:
        yield
    finally:
        _spent = outer


class RegexTimeout(Exception):
    """A user pattern ran past its time limit on one document."""

    def __init__(self, rule: str, timeout: float) -> None:
        super().__init__(f"rule {rule}: user patterns ran past their {timeout:g} s time limit on this document")
        self.rule = rule


class TimedPattern:
    """A `regex` pattern whose every call carries a timeout; the methods mirror `re.Pattern`'s."""

    __slots__ = ("_pattern", "_timeout", "rule", "pattern")

    def __init__(self, pattern: str, rule: str, timeout: float) -> None:
        import regex

        self._pattern = regex.compile(pattern)
        self._timeout = timeout
        self.rule = rule
        self.pattern = pattern

    def _guard(self, call, *args):
        global _spent
        if _spent is None:
            return self._call(call, args, self._timeout)
        left = self._timeout - _spent
        if left <= 0:
            raise RegexTimeout(self.rule, self._timeout)
        started = perf_counter()
        try:
            return self._call(call, args, left)
        finally:
            _spent += perf_counter() - started

    def _call(self, call, args, timeout: float):
        try:
            return call(*args, timeout=timeout)
        except TimeoutError:
            raise RegexTimeout(self.rule, self._timeout) from None

    def search(self, text: str, pos: int = 0):
        return self._guard(self._pattern.search, text, pos)

    def match(self, text: str, pos: int = 0):
        return self._guard(self._pattern.match, text, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator:
        return iter(self._guard(lambda s, timeout: list(self._pattern.finditer(s, pos, timeout=timeout)), text))

    @property
    def groupindex(self):
        return self._pattern.groupindex


def compile_pattern(pattern: str, rule: str, trusted: bool, timeout: float = DEFAULT_TIMEOUT):
    """Compile a rule's pattern; raises `re.error` (or `regex.error`) with the reason when it does not compile."""
    if trusted:
        return re.compile(pattern)
    return TimedPattern(pattern, rule, timeout)


def pattern_error(pattern: str, trusted: bool) -> str | None:
    """Why `pattern` does not compile, or None."""
    try:
        if trusted:
            re.compile(pattern)
        else:
            import regex

            regex.compile(pattern)
    except Exception as exc:  # re.error and regex.error share no base class but Exception
        return str(exc)
    return None
