"""Folding for matching only: prefixes and word lists compare letters, not spellings.

`إقرأ أيضاً:` and `اقرأ ايضا:` are the same marker; `سياسة` and `سياسه` the same menu word. Folding is never
applied to output text, only to the keys rules compare.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        **{chr(c): None for c in range(0x064B, 0x0653)},  # harakat and tanween
        "\u0670": None,  # superscript alef
        "\u0640": None,  # tatweel
        "\u200c": " ",  # ZWNJ separates the parts of a Persian word
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ۀ": "ه",
        "ک": "ك",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:!?،؛؟«»\"'()[]{}<>-–—_|/\\*#…•·"


def fold(text: str) -> str:
    """Lower-case, letter variants unified, marks dropped, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_FOLD).lower()).strip()


def unfold_pattern(folded: str) -> str:
    """A regex for every raw spelling that `fold` turns into `folded` (to find a folded prefix in raw text).

    Each letter becomes the class of letters that fold to it, the marks `fold` drops may sit between letters,
    and a space stands for any run of spaces and ZWNJs.
    """
    out = []
    for ch in folded:
        if ch == " ":
            out.append(r"[\s\u200c]+")
            continue
        variants = {ch, ch.upper()} | _UNFOLD.get(ch, set())
        out.append("[" + "".join(re.escape(v) for v in sorted(variants)) + "]" + _IGNORABLE)
    return "".join(out)


def _unfold_table() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for code, target in _FOLD.items():
        if isinstance(target, str) and target.strip():
            table.setdefault(target, set()).add(chr(code))
    return table


_UNFOLD = _unfold_table()
_IGNORABLE = "[" + "".join(re.escape(chr(c)) for c, t in sorted(_FOLD.items()) if t is None) + "]*"


def fold_word(word: str) -> str:
    """A single word folded and stripped of surrounding punctuation."""
    return word.translate(_FOLD).lower().strip(_EDGE_PUNCT)


def words_of(text: str) -> list[str]:
    """The folded words of a line, punctuation-only tokens dropped."""
    out = []
    for w in text.split():
        f = fold_word(w)
        if f:
            out.append(f)
    return out
