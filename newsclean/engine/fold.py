"""Folding for matching only: prefixes and word lists compare letters, not spellings.

`إقرأ أيضاً:` and `اقرأ ايضا:` are the same marker; `سياسة` and `سياسه` the same menu word. Folding is never
applied to output text, only to the keys rules compare.
"""

from __future__ import annotations

from functools import lru_cache

from ..charmap import CharMap

_FOLD = CharMap(
    str.maketrans(
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
)

_EDGE_PUNCT = " \t.,;:!?،؛؟«»\"'()[]{}<>-–—_|/\\*#…•·"


def fold(text: str) -> str:
    """Lower-case, letter variants unified, marks dropped, spaces collapsed."""
    return " ".join(_FOLD(text).lower().split())  # split() knows the spaces `\s` knows, at twice a regex's speed


@lru_cache(maxsize=1 << 15)
def fold_word(word: str) -> str:
    """A single word folded and stripped of surrounding punctuation (cached: most words of a page are words of
    many pages)."""
    return _FOLD(word).lower().strip(_EDGE_PUNCT)


def words_of(text: str) -> list[str]:
    """The folded words of a line, punctuation-only tokens dropped."""
    out = []
    for w in text.split():
        f = fold_word(w)
        if f:
            out.append(f)
    return out
