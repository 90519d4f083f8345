"""Fixers for the letters of the Arabic script: what a table cannot say (see rules/chars/*.yaml for the tables).

Each is a pure function `(text, lang) -> [(start, end, new), ...]` that chars rules name with `action: {fix: NAME}`
(registered in `charfixes.FIXERS`). They follow the default mapping of `reference/arabic-script.md`: the language
decides the direction, a letter that is right stays, and nothing unknown is deleted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

from . import lang as lang_step

Fix = list[tuple[int, int, str]]

# Letters of the Arabic script (Arabic, Persian, Urdu and the other languages' letters), and the marks over them.
LETTERS = "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f"
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"

# --- presentation forms -------------------------------------------------------------------------------------------
# PDF copy-paste and old web fonts leave contextual forms (ﻣ ﺤ ﻤ ﺪ) and ligatures (ﻻ ﷲ ﷺ). They are folded one
# character at a time, never by NFKC over the whole text, which would also rewrite ™, ½ or ﬁ. ﷼ is left to the
# language packs (ريال or ریال).
_PRESENTATION = re.compile("[\ufb50-\ufdfb\ufdfd-\ufdff\ufe70-\ufefe]+")
# Ligatures with no decomposition in Unicode (or a newer one than Python may know), spelled out.
_SPELLED = {
    "\ufdfd": "بسم الله الرحمن الرحيم",
    "\ufdfe": "سبحانه وتعالى",
    "\ufdff": "عز وجل",
    "\ufdcf": "سلامه علينا",
    "\ufd40": "رحمه الله",
    "\ufd41": "رضي الله عنه",
    "\ufd42": "رضي الله عنها",
    "\ufd43": "رضي الله عنهم",
    "\ufd44": "رضي الله عنهما",
    "\ufd45": "رضي الله عنهن",
    "\ufd46": "صلى الله عليه وآله",
    "\ufd47": "عليه السلام",
    "\ufd48": "عليهم السلام",
    "\ufd49": "عليهما السلام",
    "\ufd4a": "عليه الصلاة والسلام",
    "\ufd4b": "قدس سره",
    "\ufd4c": "صلى الله عليه وآله وسلم",
    "\ufd4d": "عليها السلام",
    "\ufd4e": "تبارك وتعالى",
    "\ufd4f": "رحمهم الله",
}


@cache
def fold_presentation_char(ch: str) -> str:
    """One presentation form as the plain letters it shows; an isolated mark loses the space NFKC puts before it."""
    if ch in _SPELLED:
        return _SPELLED[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if folded.startswith(" ") and len(folded) > 1 and all(unicodedata.combining(c) for c in folded[1:]):
        folded = folded[1:]
    return folded


def presentation_forms(text: str, lang: str | None = None) -> Fix:
    """`ﻣﺤﻤﺪ` -> `محمد`, `ﻻ` -> `لا`, `ﷺ` -> `صلى الله عليه وسلم` (a phrase gets spaces where it touches a letter)."""
    if b"\xef" not in text.encode("utf-8", "surrogatepass"):
        return []  # U+F000-U+FFFF, presentation forms among them, all start with byte EF: cheaper than the regex
    out: Fix = []
    for m in _PRESENTATION.finditer(text):
        run = m.group()
        new = "".join(fold_presentation_char(ch) for ch in run)
        if new == run:
            continue
        if " " in new.strip():
            if m.start() > 0 and text[m.start() - 1].isalpha() and not new.startswith(" "):
                new = " " + new
            if m.end() < len(text) and text[m.end()].isalpha() and not new.endswith(" "):
                new += " "
        out.append((m.start(), m.end(), new))
    return out


# --- yeh in Arabic text -------------------------------------------------------------------------------------------
# A word holding Farsi yeh, with its marks and tatweel.
_YEH_WORD = re.compile(f"[{LETTERS}{MARKS}\u0640]*\u06cc[{LETTERS}{MARKS}\u0640]*")
_NOT_LETTER = re.compile(f"[{MARKS}\u0640]")
# Words that end in ى or ي, for what the same document says about a word's spelling.
_FINAL_YEH_WORD = re.compile(f"(?<![{LETTERS}])[{LETTERS}]+[\u0649\u064a](?![{LETTERS}])")
# Proclitics a word may carry before its stem: a word list or the document may know the stem alone.
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_MIN_STEM = 3


@cache
def alef_maksura_words() -> frozenset[str]:
    """The shipped list of words spelled with final ى (newsclean/data/alef-maksura.txt: source and licence there)."""
    text = resources.files("newsclean").joinpath("data/alef-maksura.txt").read_text(encoding="utf-8")
    return frozenset(w for w in (ln.split("#", 1)[0].strip() for ln in text.splitlines()) if w)


def _stems(word: str) -> list[str]:
    """The word and the stems left after taking one proclitic off (longest first), for looking it up."""
    out = [word]
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= _MIN_STEM:
            out.append(word[len(p) :])
    return out


def _spellings(text: str) -> tuple[Counter, Counter]:
    """How often the document spells each word (and its stems) with final ى, and with final ي."""
    alef: Counter = Counter()
    yeh: Counter = Counter()
    for m in _FINAL_YEH_WORD.finditer(_NOT_LETTER.sub("", text)):
        word = m.group()
        target = alef if word[-1] == "\u0649" else yeh
        for stem in _stems(word):
            target[stem[:-1]] += 1
    return alef, yeh


def final_is_alef_maksura(stem: str, alef: Counter, yeh: Counter, known: frozenset[str]) -> bool:
    """Whether a word ending in ی (given without that letter) is the one spelled with ى.

    The document decides first (the spelling it uses more often; ى on a tie), then the shipped word list; a word
    known from neither gets ي.
    """
    keys = [s[:-1] for s in _stems(stem + "\u064a")]
    for key in keys:
        a, y = alef[key], yeh[key]
        if a or y:
            return a >= y
    return any(key + "\u0649" in known for key in keys)


def arabic_yeh(text: str, lang: str | None = None, page: bool = True) -> Fix:
    """Farsi yeh in Arabic text: ي inside a word; at the end ى where the word is known with ى, else ي.

    `إلی` -> `إلى`, `المولی` -> `المولى`, `كیعیشوه` -> `كيعيشوه`, `فی` -> `في`. With `page` false, only the
    shipped list knows words: the spelling the rules are written in, not the page's (`فی` stays `في` on a page
    that writes `فى`).
    """
    if "\u06cc" not in text:
        return []
    alef, yeh = _spellings(text) if page else (Counter(), Counter())
    known = alef_maksura_words()
    out: Fix = []
    for m in _YEH_WORD.finditer(text):
        word = m.group()
        letters = _NOT_LETTER.sub("", word)
        new = word.replace("\u06cc", "\u064a")
        if letters.endswith("\u06cc") and len(letters) > 1:
            stem = letters[:-1].replace("\u06cc", "\u064a")
            if final_is_alef_maksura(stem, alef, yeh, known):
                k = word.rindex("\u06cc")
                new = new[:k] + "\u0649" + new[k + 1 :]
        out.append((m.start(), m.end(), new))
    return out


# Words that are spelled with final ي in standard spelling: a text that writes them with ى (Egyptian style) writes
# every final ي so, and would teach the list nisba adjectives (المصرى) as ى words.
_YEH_AS_ALEF = re.compile(f"(?<![{LETTERS}])(?:[وف]?فى|و?التى|و?الذى|و?هى|أى)(?![{LETTERS}])")


def build_alef_maksura_list(texts: Iterable[str], min_count: int = 1) -> list[str]:
    """Words spelled with final ى at least `min_count` times and more often than with final ي, most frequent first.

    Texts that write final ي as ى (فى, التى) are left out. This is how newsclean/data/alef-maksura.txt was made,
    from corpora whose licence allows it (see that file).
    """
    counts: Counter = Counter()
    for text in texts:
        text = _NOT_LETTER.sub("", text)
        if not _YEH_AS_ALEF.search(text):
            counts.update(_FINAL_YEH_WORD.findall(text))
    words = [w for w, n in counts.items() if w[-1] == "\u0649" and n >= min_count and n > counts[w[:-1] + "\u064a"]]
    return sorted(words, key=lambda w: (-counts[w], w))


# --- digits -------------------------------------------------------------------------------------------------------
_PERSIAN_DIGITS = re.compile("[\u06f0-\u06f9]+")
_ARABIC_INDIC = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
_TO_ARABIC_INDIC = str.maketrans("۰۱۲۳۴۵۶۷۸۹", _ARABIC_INDIC)
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
_ASCII_DIGITS = re.compile("[0-9]")
_ARABIC_INDIC_DIGITS = re.compile(f"[{_ARABIC_INDIC}]")


def persian_digits(text: str, lang: str | None = None) -> Fix:
    """Persian digits in Arabic text become the digits the text mostly uses: ٠-٩ where those outnumber 0-9."""
    if not any(d in text for d in "۰۱۲۳۴۵۶۷۸۹"):
        return []
    native = len(_ARABIC_INDIC_DIGITS.findall(text)) > len(_ASCII_DIGITS.findall(text))
    table = _TO_ARABIC_INDIC if native else _TO_ASCII
    return [(m.start(), m.end(), m.group().translate(table)) for m in _PERSIAN_DIGITS.finditer(text)]


# --- ZWNJ in Persian text -----------------------------------------------------------------------------------------
# Letters that do not join the letter after them: a ZWNJ after one of them (or after anything but a letter) has
# nothing to keep apart.
_NON_JOINING = frozenset("ءآأؤإاٱدذرزژوۆۇۈۉۋؤةۀەڈډڑڕړےۓ")
_LETTER = re.compile(f"[{LETTERS}]")
_MARK = re.compile(f"[{MARKS}]")
_ZWNJ_RUN = re.compile("\u200c+")


def persian_zwnj(text: str, lang: str | None = None) -> Fix:
    """ZWNJ kept between a joining letter and a letter, once; dropped next to spaces, after ا د ذ ر ز ژ و and the
    other letters that do not join, and beside digits or punctuation.

    A ZWNJ between two letters of another script (Indic scripts use it too) is left alone.
    """
    if "\u200c" not in text:
        return []
    out: Fix = []
    for m in _ZWNJ_RUN.finditer(text):
        i = m.start() - 1
        while i >= 0 and _MARK.match(text, i):
            i -= 1
        prev = text[i] if i >= 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        prev_arabic = bool(prev) and bool(_LETTER.match(prev))
        next_arabic = bool(after) and bool(_LETTER.match(after) or _MARK.match(after))
        if prev_arabic and next_arabic and prev not in _NON_JOINING:
            if len(m.group()) > 1:
                out.append((m.start(), m.end(), "\u200c"))
        elif prev_arabic or next_arabic or not prev.strip() or not after.strip() or not (prev + after).isalpha():
            out.append((m.start(), m.end(), ""))
    return out


# --- ZWNJ in Arabic text ------------------------------------------------------------------------------------------
_ZWNJ_RUN_ANY = re.compile("\u200c+")


def arabic_zwnj(text: str, lang: str | None = None) -> Fix:
    """ZWNJ has no use in Arabic and goes, except in the lines whose own letters say they are Persian.

    A Persian story on a page taken for Arabic keeps its ZWNJ (which nothing could put back) until the split step
    redoes it in Persian; a line is judged alone, so taking other lines out cannot change the verdict.
    """
    if "\u200c" not in text:
        return []
    out: Fix = []
    pos = 0
    for line in text.split("\n"):
        if "\u200c" in line and lang_step.decided(line) != "fa":
            out.extend((pos + m.start(), pos + m.end(), "") for m in _ZWNJ_RUN_ANY.finditer(line))
        pos += len(line) + 1
    return out


def _arabic_yeh_as_rules_spell(text: str, lang: str | None = None) -> Fix:
    return arabic_yeh(text, lang, page=False)


# How the Arabic junk rules read Persian letters (`chars.read_as`): as the rules spell words, whatever the page
# does. The Persian letters of a page fixed for Persian hide how its Arabic lines spelled a final ى or ي, so the
# page's own spelling would read `اشترک فی` as `اشترك فى` on a page that writes `فى` elsewhere, where the line
# fixed for Arabic read `اشترك في`: the junk rules would find different junk in the two letters.
arabic_yeh.reading = _arabic_yeh_as_rules_spell

# The characters whose fate the fixer decides from their whole line: where a later step cuts such a line, what is
# left of it is judged again (`chars.judged_by_line`).
arabic_zwnj.by_line = "\u200c"
