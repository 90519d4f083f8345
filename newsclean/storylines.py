"""What a line (or a piece of a line) of a news page is, to the split step: a headline, body text, a date line, an
agency dateline or byline, or something minor.

Shape tells headlines from body text (measured on the dev set: titles have a median of 8 words, never end with a
full stop and hold at most one comma; body lines end with one and are longer). Shape cannot tell a title from a
subhead: that is left to the evidence of what follows (`boundaries`).
"""

from __future__ import annotations

import re

from .dates import read_date_line
from .entities import read_through
from .openers import LEDE_DATELINE, opener_lr, words

BLANK, DATE, DATELINE, MINOR, HEAD, BODY, OTHER, MARKER = "blank date dateline minor head body other marker".split()
# Lines that may sit between a headline and its body (and between stories) without deciding anything.
SKIP = frozenset({BLANK, DATE, DATELINE, MINOR})

HEAD_MAX_WORDS = 25
HEAD_MAX_CHARS = 220
# Right after a marker or a date line, or opening a page, a headline may be longer and have several clauses
# (Darija titles: "جيل قيمش. مراهق مغربي ...", "قهرتونا و الله ! واش ...؟!").
LICENSED_MAX_WORDS = 30
# A paragraph this long is a full body even when the scraper dropped its final full stop.
FULL_BODY_WORDS = 25

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_FINAL_PERIOD = re.compile(r"\.[\"»”’'\)\]]*\s*$")
_FINAL_ANY = re.compile(r"[.!؟?…][\"»”’'\)\]]*\s*$")
# The end of a first sentence (not a ".." inside a headline).
_SENTENCE_END = re.compile(r"(?<!\.)[.!؟?](?![.!؟?])[\"»”’'\)\]]*(?=\s|$)")
_BULLET = re.compile(r"^(?:[-–—▪●·]\s|[•*]\s?)")
_HANDLE_OR_LINK = re.compile(r"@\w|https?://|www\.")
# Agency datelines of the Saudi Press Agency kind: "نيويورك 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس".
_AGENCY_DATELINE = re.compile(
    r"^\S+(?:\s+\S+)?\s+\d{1,2}\s+\S+\s+\d{4}\s*(?:هـ|م)\b.*(?:واس|\(واس\))\s*$|^\S+(?:\s+\S+)?\s+\d{1,2}\s+\S+\s+\d{4}\s*هـ"
)
# Short byline-like lines: "Next Previous عين اليوم – جدة", "عمـر المزيـن – كود//", a dash between two names.
_BYLINE = re.compile(r"^(?:next\s+previous\b.*|.{0,40}\s[–—-]\s?.{0,30}|.*//.*|\W*)$", re.I)
# A line broken in mid-sentence ends on a particle or a preposition; a headline never does.
_DANGLING = frozenset(
    words(
        "في من على إلى الى عن مع أن ان إن قد لا لم لن ثم أو او و ف ب ل ك التي الذي الذين اللذين حتى بين عند منذ بعد "
        "قبل حول ضد دون عبر لدى كما بل لكن هذا هذه ذلك تلك أي اي كل بعض غير سوى إذا اذا لأن لان از به در با که را "
        "تا برای این آن یک هم نیز the of to and in for a an with on at by"
    )
)
_LEDE_VERB_LR = 2.0


def kind(text: str, lang: str | None = None) -> str:
    """The kind of one line or piece of a line: blank, date, dateline, minor, head, body or other (character
    references read as their characters: `&#8221;` closes a quote, it is no semicolon)."""
    t = read_through(text).strip()
    if not t:
        return BLANK
    n_tokens = t.count(" ") + 1
    if n_tokens >= 16 and (len(t) > HEAD_MAX_CHARS or (n_tokens >= 20 and _FINAL_PERIOD.search(t))):
        return BODY  # the common case: long, or ending with a full stop; decided without looking at words
    if n_tokens <= 16 and _DIGIT.search(t) and read_date_line(t, lang) is not None:
        return DATE
    if not _LETTER.search(t):
        return MINOR
    ws = words(t)
    n = len(ws)
    any_end = bool(_FINAL_ANY.search(t))
    if n <= 16 and _AGENCY_DATELINE.search(t):
        return DATELINE
    if n <= 7 and not any_end and _BYLINE.match(t):
        return DATELINE if LEDE_DATELINE.search(t) else MINOR
    long_enough = BODY if n >= 12 else OTHER
    if t.endswith((":", "：", "،", ",", "؛", ";")) or _BULLET.match(t):
        return long_enough
    if n <= 12 and _HANDLE_OR_LINK.search(t):
        return MINOR  # handles and links: what an embed leaves behind
    if n and ws[-1] in _DANGLING and not any_end:
        return long_enough  # a sentence broken across lines
    first_sentence = _first_sentence_words(t)
    full_sentence = (first_sentence is not None and first_sentence >= 5) or n >= 16
    if not _FINAL_PERIOD.search(t) and n <= HEAD_MAX_WORDS and len(t) <= HEAD_MAX_CHARS:
        if n >= 16 and first_sentence is not None and first_sentence < n - 3:
            return BODY  # several sentences
        if t.count("،") + t.count(",") >= 2 or (n >= 10 and opener_lr(ws[:1]) >= _LEDE_VERB_LR):
            return long_enough  # a chain of clauses, or a line opened like a lede
        # a single word (numbers aside) is a caption or a label, never a headline
        return HEAD if sum(not w.isdigit() for w in ws) >= 2 else MINOR
    return BODY if full_sentence else OTHER


def _first_sentence_words(t: str) -> int | None:
    m = _SENTENCE_END.search(t)
    return None if m is None else len(t[: m.start()].split())


def full_body(text: str, kind_: str) -> bool:
    """At least one full sentence: body text that ends like a sentence, or is long (scraped text often loses the
    final full stop)."""
    if kind_ != BODY:
        return False
    t = read_through(text).strip()
    return bool(_FINAL_ANY.search(t)) or t.count(" ") + 1 >= FULL_BODY_WORDS


def licensed_head(text: str, kind_: str) -> bool:
    """Whether a line that failed the headline test is still a headline where the page says one must stand:
    after a marker, before a date line, opening the page."""
    if kind_ not in (BODY, OTHER):
        return False
    t = read_through(text).strip()
    n = t.count(" ") + 1
    if n > LICENSED_MAX_WORDS or _FINAL_PERIOD.search(t) or t.endswith((":", "،", ",")) or continues(t):
        return False
    return n <= HEAD_MAX_WORDS or bool(re.search(r"[!؟?]|\.\.|\.\s", t))


def continues(text: str) -> bool:
    """Opens with a conjunction glued to a word (و..., ف...) that the statistics say carries a text on: "وأضاف",
    "فقد" (not "واصل" or "فريق", whose و and ف are their own letters)."""
    first = words(text[:60])[:2]
    return bool(first) and first[0][0] in "وف" and len(first[0]) >= 4 and opener_lr(first) < 0
