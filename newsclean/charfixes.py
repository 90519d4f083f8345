"""Character fixers that need more than a table or a regex; chars rules name them (`action: {fix: NAME}`).

Each fixer is a pure function `(text, lang) -> [(start, end, new), ...]`: the edits it proposes, sorted and
non-overlapping, in offsets of `text`. The chars step applies them and logs each under the rule's id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from . import arabic_script, entities, mojibake
from .match_starts import finditer_from

Fix = list[tuple[int, int, str]]
Fixer = Callable[[str, "str | None"], Fix]

# Horizontal spaces that become one ASCII space: tab, NBSP and the typographic spaces.
HSPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_SPACES = HSPACES[1:]
_HSPACE_RUN = re.compile(f"[{HSPACES}]+")


def _untidy(text: str) -> bool:
    """Whether the whitespace needs work: `in` tests, far cheaper than a regex scan of Arabic text."""
    return (
        "  " in text
        or " \n" in text
        or "\n " in text
        or "\n\n" in text
        or text[:1].isspace()
        or text[-1:].isspace()
        or any(ch in text for ch in _ODD_SPACES)
    )


def whitespace(text: str, lang: str | None = None) -> Fix:
    """One space between words, none at line ends, no blank lines (line ends are `\\n` by then).

    A line holding only a form feed is a story separator (DESIGN.md, Conventions: Text output) and stays.
    """
    if not _untidy(text):
        return []
    n = len(text)
    first = n - len(text.lstrip(HSPACES + "\n"))
    last = len(text.rstrip(HSPACES + "\n"))
    if first >= last:
        return [(0, n, "")] if n else []
    odd = [ch for ch in _ODD_SPACES if ch in text]
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
            if "  " in stripped or any(ch in stripped for ch in odd):
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


# What a decoded reference may not bring in: controls and the replacement character (a reference to nothing).
_NOT_FROM_REFERENCES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


def html_entities(text: str, lang: str | None = None) -> Fix:
    """`&quot;`, `&#1575;`, `&nbsp;`, `&amp;quot;` ... as the characters they stand for; unknown names stay, and so
    do references to controls or to nothing at all."""
    if "&" not in text:
        return []
    out: Fix = []
    for m in entities.REFERENCES.finditer(text):
        new = entities.decoded(m.group())
        if new and new != m.group() and not _NOT_FROM_REFERENCES.search(new):
            out.append((m.start(), m.end(), new))
    return out


_NON_SPACE = re.compile(r"\S+")


def nfc(text: str, lang: str | None = None) -> Fix:
    """Canonical composition (ا + U+0654 -> أ) and mark order, word by word where a word is not composed already.

    NFC only: compatibility folding (NFKC) would rewrite ™, ½ or ﬁ. ه + U+0654 has no composed form and stays.
    """
    if unicodedata.is_normalized("NFC", text):
        return []
    out: Fix = []
    for m in _NON_SPACE.finditer(text):
        word = m.group()
        if not unicodedata.is_normalized("NFC", word):
            out.append(mojibake.trimmed_edit(m.start(), word, unicodedata.normalize("NFC", word)))
    return out


# Characters of emoji sequences: pictographs, symbols, VS16 and the skin tones that ZWJ joins into one emoji.
_EMOJI = "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935"
_EMOJI += "\u2b05-\u2b55\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff"
_ZWJ_IN_EMOJI = re.compile(f"(?<=[{_EMOJI}])\u200d(?=[{_EMOJI}])")
_ZWJ = re.compile("\u200d+")


def zwj(text: str, lang: str | None = None) -> Fix:
    """ZWJ goes, except where it joins emoji into one (👨‍👩‍👧); in Arabic script it only forces a letter shape."""
    if "\u200d" not in text:
        return []
    keep = {m.start() for m in _ZWJ_IN_EMOJI.finditer(text)}
    out: Fix = []
    for m in _ZWJ.finditer(text):
        if m.end() - m.start() == 1 and m.start() in keep:
            continue
        out.append((m.start(), m.end(), ""))
    return out


# Right-to-left text copied in visual order puts a sentence's full stop in front of its last number:
# `في عام .2013` for `في عام 2013.`, `الدقيقة .78`, `بالتعادل .1/1`. Where the number ends the line, or a year is
# followed by the next sentence, the stop goes back after the number.
_BIDI_STOP = re.compile(
    f"(?<=[{arabic_script.LETTERS}0-9/-]) \\.([0-9]+(?:/[0-9]+)*)(?=[ \\t]*(?:\\n|$))"
    f"|(?<=[{arabic_script.LETTERS}]) \\.([0-9]{{4}})(?= [{arabic_script.LETTERS}])"
)


def bidi_full_stop(text: str, lang: str | None = None) -> Fix:
    """`عام .2013` -> `عام 2013.`: a full stop displaced in front of the number that ends the sentence."""
    return [
        (m.start(), m.end(), " " + (m.group(1) or m.group(2)) + ".")
        for m in finditer_from(_BIDI_STOP, text, (" .",))  # every match opens with " ."
    ]


FIXERS: dict[str, Fixer] = {
    "whitespace": whitespace,
    "html-entities": html_entities,
    "nfc": nfc,
    "zwj": zwj,
    "bidi-full-stop": bidi_full_stop,
    "utf8-as-latin1": mojibake.utf8_as_latin1,
    "utf8-as-cp1256": mojibake.utf8_as_cp1256,
    "cp1256-as-latin1": mojibake.cp1256_as_latin1,
    "presentation-forms": arabic_script.presentation_forms,
    "arabic-yeh": arabic_script.arabic_yeh,
    "arabic-zwnj": arabic_script.arabic_zwnj,
    "persian-digits": arabic_script.persian_digits,
    "persian-zwnj": arabic_script.persian_zwnj,
}
