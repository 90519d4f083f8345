"""Lines of the current text, with their offsets, and the edits that take whole lines out cleanly.

Steps decide per line; this module turns "remove these lines" into edits that leave no blank line behind and no
newline at the end, so the output stays in its normal form whatever is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "\f"


@dataclass(slots=True)
class Line:
    """One line of the current text: `text` is `doc.text[start:end]` (no newline)."""

    start: int
    end: int
    text: str

    @property
    def is_separator(self) -> bool:
        """A story separator of the text format: a line holding only a form feed."""
        return self.text == SEPARATOR


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets (no lines for empty text)."""
    if not text:
        return []
    out = []
    pos = 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def removal_ranges(lines: list[Line], removed: list[bool]) -> list[tuple[int, int, int]]:
    """`(start, end, line_index)` for each removed line, so that the lines left are joined by single newlines.

    A removed line takes its own newline, except at the end of the text, where it takes the newline before it.
    """
    out = []
    n = len(lines)
    i = 0
    while i < n:
        if not removed[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and removed[j + 1]:
            j += 1
        reaches_end = j == n - 1
        for k in range(i, j + 1):
            ln = lines[k]
            if not reaches_end:
                out.append((ln.start, lines[k + 1].start, k))
            elif i > 0:
                out.append((ln.start - 1, ln.end, k))
            else:
                out.append((ln.start, lines[k + 1].start if k < j else ln.end, k))
        i = j + 1
    return out


def reported_start(source: str, start: int, end: int) -> int:
    """Where a piece is said to start, for the line number it is reported on: a piece that takes a line together
    with the line break before it (`"\\nJUNK"`, `"\\r\\nJUNK"`: the last line of a text) is on the line after that
    break."""
    while start < end - 1 and source[start] in "\r\n":
        start += 1
    return start
