"""Character fixers that need more than a table or a regex; chars rules name them (`action: {fix: NAME}`).

Each fixer is a pure function `(text, lang) -> [(start, end, new), ...]`: the edits it proposes, sorted and
non-overlapping, in offsets of `text`. The chars step applies them and logs each under the rule's id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Fix = list[tuple[int, int, str]]
Fixer = Callable[[str, "str | None"], Fix]

# Horizontal spaces that become one ASCII space: tab, NBSP and the typographic spaces.
HSPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_H = "[" + HSPACES + "]"
_WS_TROUBLE = re.compile(rf"{_H}\n|\n{_H}|\n\n|^\s|\s$|{_H}{{2}}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_HSPACE_RUN = re.compile(rf"{_H}+")


def whitespace(text: str, lang: str | None = None) -> Fix:
    """One space between words, none at line ends, no blank lines (line ends are `\\n` by then).

    A line holding only a form feed is a story separator (DESIGN.md, Conventions: Text output) and stays.
    """
    if not _WS_TROUBLE.search(text):
        return []
    n = len(text)
    first = n - len(text.lstrip(HSPACES + "\n"))
    last = len(text.rstrip(HSPACES + "\n"))
    if first >= last:
        return [(0, n, "")] if n else []
    edits: Fix = [(0, first, "")] if first else []
    pos = first
    while pos < last:
        end = text.find("\n", pos, last)
        if end < 0:
            end = last
        line = text[pos:end]
        stripped = line.strip(HSPACES)
        if not stripped:
            edits.append((pos, end + 1, ""))
        else:
            lead = len(line) - len(line.lstrip(HSPACES))
            inner_start = pos + lead
            inner_end = inner_start + len(stripped)
            if lead:
                edits.append((pos, inner_start, ""))
            for m in _HSPACE_RUN.finditer(text, inner_start, inner_end):
                if m.group() != " ":
                    edits.append((m.start(), m.end(), " "))
            if inner_end < end:
                edits.append((inner_end, end, ""))
        pos = end + 1
    if last < n:
        edits.append((last, n, ""))
    return merge_fixes(edits)


def merge_fixes(edits: Fix) -> Fix:
    """Sort and merge overlapping edits proposed independently (deletions that share a line break)."""
    edits.sort()
    out: Fix = []
    for s, e, new in edits:
        if out and s < out[-1][1]:
            ps, pe, pnew = out[-1]
            out[-1] = (ps, max(pe, e), pnew + new)
        else:
            out.append((s, e, new))
    return out


# A named, decimal or hex character reference; html.unescape decides whether it is a real one.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_entities(text: str, lang: str | None = None) -> Fix:
    """`&quot;`, `&#1575;`, `&nbsp;` ... as the characters they stand for; unknown names stay."""
    if "&" not in text:
        return []
    import html

    out: Fix = []
    for m in _ENTITY.finditer(text):
        new = html.unescape(m.group())
        if new != m.group():
            out.append((m.start(), m.end(), new))
    return out


FIXERS: dict[str, Fixer] = {
    "whitespace": whitespace,
    "html-entities": html_entities,
}
