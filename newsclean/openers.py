"""Word statistics mined from unlabelled news pages: which words open an article, and where a headline glued to
its body ends.

A headline-like line is a title only when the paragraph after it opens an article ("أعلنت الوزارة", "به گزارش
...") rather than carrying one on ("وأضاف", "كما", "وی"). Shape cannot tell the two apart; the first words of a
paragraph can, and how often each word opens a page's first paragraph versus a later one is counted once, over
real pages, into `data/openers.json` (rebuilt by `tools/mine_openers.py`, which names its sources and licences in
the file). The same file holds the weights of `glued_cut`, which finds where a title glued to the start of its
body ends ("اقرأ أيضاً: عنوان القصة أعلن الوزير ...").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

from .charmap import CharMap
from .entities import read_through

# Words are compared folded: letter variants unified (Persian and Arabic yeh/kaf, alef forms, teh marbuta), marks,
# tatweel and joiners dropped, digits in ASCII. The miner folds with the same table, so the keys match.
_FOLD = CharMap(
    str.maketrans(
        {
            **dict.fromkeys("یىېۍےئ", "ي"),
            **dict.fromkeys("کڪ", "ك"),
            **dict.fromkeys("ەہھۀۃة", "ه"),
            **dict.fromkeys("أإآٱ", "ا"),
            "ؤ": "و",
            **{chr(0x0660 + i): str(i) for i in range(10)},
            **{chr(0x06F0 + i): str(i) for i in range(10)},
            **dict.fromkeys(
                [*map(chr, range(0x064B, 0x0660)), "\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f"]
            ),
        }
    )
)
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\S+")

# An agency or desk tag that opens a lede: "(CNN)--", "سبق- ", "به گزارش", "واس".
LEDE_DATELINE = re.compile(
    r"\((?:CNN|رويترز|أ\s*ف\s*ب|ا\s*ف\s*ب|واس|د\s*ب\s*أ|الأناضول|يو\s*بي\s*آي|إرنا|ايرنا|فارس|AFP|Reuters|AP)\)"
    r"|^[^.،,]{0,40}\s?[-–—]{1,2}\s*(?:سبق|واس|كود|متابعات)\b|^(?:سبق|واس)\s*[-–—]|[-–—]\s*كود\s*//"
    r"|^\S+\s+\d+\s+\S+\s+\d{4}\s*هـ|\bواس\s*$|^به\s+گزارش|^\W*(?:عين\s+اليوم|next\s+previous)",
    re.I,
)
# How ledes start: a place and a date ("الرياض 25 شوال 1436 هـ"), a reporter and an agency ("مهنا التميمي- سبق-"),
# "به گزارش", the "Next Previous" a slider leaves before a byline.
_LEDE_START = re.compile(
    r"^\S+\s+\d{1,2}\s+\S+\s+\d{4}|^[^.،,]{0,40}\s?[-–—]{1,2}\s*(?:سبق|واس|كود|متابعات)\b|^(?:سبق|واس)\s*[-–—]"
    r"|^به\s+گزارش|^\W*(?:عين\s+اليوم|next\s+previous)",
    re.I,
)
# Title punctuation before a cut: "!!", "؟", a closing quote; a cut right after ",", ":" or "." is unlikely.
_TITLE_END = re.compile(r"(?:[!?؟\"”»)’']|\.\.)$")
# Agency tags open the lede: "(CNN)", "سبق-", "كود//".
_AGENCY_TAG = re.compile(
    r"\((?:CNN|رويترز|أ\s*ف\s*ب|واس|د\s*ب\s*أ|الأناضول|AFP|Reuters)\)|^(?:سبق|واس|كود|متابعات)\b|//$", re.I
)
_GLUED_MIN_TOKENS = 6
_GLUED_MAX_TITLE = 36


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits only)."""
    return _WORD.findall(_FOLD(text).lower())


@dataclass(frozen=True, slots=True)
class Openers:
    """The mined tables (see `tools/mine_openers.py` for how each is counted)."""

    opener: dict[str, float]  # first word: log-LR of opening an article's first paragraph vs a later one
    opener2: dict[str, float]  # first two words, where they say more than the first alone
    backoff: dict[str, float]  # first two letters, for words too rare to be listed
    stop: frozenset[str]  # the most frequent words (both languages): no content for cohesion
    start: dict[str, float]  # of those: log-LR of opening a paragraph vs standing inside one
    title_len: dict[int, float]  # share of titles with n words
    title_last: dict[str, float]  # log-LR of a word ending a title vs standing in body text
    title_vs_lede: dict[str, float]  # log-LR of a word in titles vs in ledes
    glued: dict[str, float]  # weights of the glued-title cut

    @classmethod
    def from_json(cls, raw: dict) -> Openers:
        return cls(
            opener=raw["opener"],
            opener2=raw["opener2"],
            backoff=raw["backoff"],
            stop=frozenset(w for ws in raw["stop"].values() for w in ws),
            start=raw["start"],
            title_len={int(k): v for k, v in raw["title_len"].items()},
            title_last=raw["title_last"],
            title_vs_lede=raw["title_vs_lede"],
            glued=raw.get("glued_weights", {}),
        )


@lru_cache(maxsize=1)
def table() -> Openers:
    """The shipped tables, loaded once (most pages never need them)."""
    return Openers.from_json(json.loads(resources.files("newsclean").joinpath("data/openers.json").read_text("utf-8")))


def opener_lr(first: list[str]) -> float:
    """Log-LR that a paragraph starting with these folded words opens an article (> 0) or carries one on (< 0)."""
    if not first:
        return 0.0
    t = table()
    w = first[0]
    if len(first) > 1:
        v = t.opener2.get(f"{w} {first[1]}")
        if v is not None:
            return v
    v = t.opener.get(w)
    if v is not None:
        return v
    if w[0] in "وف" and len(w) >= 4 and t.opener.get(w[1:], 0.0) > 0.5:
        return -3.0  # a conjunction glued to a lede verb carries on: وأعلنت, فقال
    return 0.7 * t.backoff.get(w[:2], 0.0)


GLUED_FEATURES = (
    "lr1",
    "backoff",
    "lr2",
    "length",
    "title_end",
    "comma",
    "colon",
    "period",
    "title_last",
    "tag_here",
    "tag_near",
    "tag_before",
    "repeat",
    "conj",
    "short",
    "digit",
    "title_vocab",
    "next_comma",
    "dateline",
    "start",
    "time",
    # the shape of the words on either side: a lede seldom opens on a word with the article and often on a feminine
    # past verb the tables do not list (`عقدت`; a plural in -ات is a noun); a headline ends on a word of content
    # (or of time), seldom on a frequent one. The article's test reads letters only: folded, إلى and الذي start so
    # too (leaving the frequent words out of it was tried: fewer exact cuts on every set)
    "article",
    "past_t",
    "prev_article",
    "prev_content",
)
# A token a dash ends: the cut after it falls inside a byline ("فايز الحسيكي – عين اليوم ..."), whose place or
# desk reads like a dateline of its own.
_DASH_END = re.compile(r"[-–—ـ]$")
# Words of time a headline often ends with ("... تشهدها المحافظة اليوم") and a body seldom opens with: the cut
# before one of them leaves the title a word short.
_TIME_WORDS = frozenset({"اليوم", "غدا", "امس", "الليله", "الان", "حاليا"})


def glued_features(toks: list[str], first: list[str], tags: list[int], j: int, t: Openers) -> tuple[float, ...]:
    """What a cut before token `j` looks like, in the order of GLUED_FEATURES (`first`: each token's first
    folded word; `tags`: indices of tokens that are agency tags)."""
    prev, tok, w = read_through(toks[j - 1]), read_through(toks[j]), first[j]  # `&#8221;` is a quote
    last = first[j - 1]
    lr1 = t.opener.get(w)
    lr2 = t.opener2.get(f"{w} {first[j + 1]}", 0.0) if j + 1 < len(first) else 0.0
    title = {x for x in first[:j] if len(x) >= 3 and x not in t.stop}
    after = set(first[j : j + 20])
    return (
        lr1 or 0.0,
        0.0 if lr1 is not None else t.backoff.get(w[:2], 0.0),
        lr2,
        math.log(t.title_len.get(j, 0.0003) + 1e-4),
        float(bool(_TITLE_END.search(prev))),
        float(prev.endswith(("،", ",", "؛", ";"))),
        float(prev.endswith((":", "："))),
        float(prev.endswith(".") and not prev.endswith("..")),
        t.title_last.get(first[j - 1], 0.0),
        float(j in tags),
        float(any(j < k <= j + 5 for k in tags)),
        float(any(k < j for k in tags)),
        len(title & after) / len(title) if title else 0.0,
        float(w[:1] == "و" and len(w) >= 4 and lr1 is None),
        float(j <= 2),
        float(w.isdigit()),
        sum(t.title_vs_lede.get(x, 0.0) for x in first[:j]) / 4.0,
        float(tok.endswith(("،", ","))),
        float(bool(_LEDE_START.match(" ".join(toks[j : j + 8]))) and not _DASH_END.search(prev)),
        t.start.get(w, 0.0),
        float(w in _TIME_WORDS),
        float(w.startswith("ال")),
        float(lr1 is None and len(w) >= 3 and w.endswith("ت") and not w.endswith("ات") and not w.startswith("ال")),
        float(last.startswith("ال")),
        float(len(last) >= 3 and not last.isdigit() and (last not in t.stop or last in _TIME_WORDS)),
    )


# How many tokens of a text the cut reads: the title's longest and the 20 words after its last cut (a page that
# is one long line would otherwise have every word of it folded).
_GLUED_READ = _GLUED_MAX_TITLE + 24


def glued_tokens(text: str) -> tuple[list[re.Match], list[str], list[int]]:
    """The whitespace tokens of a text's start (all that the cut reads), each token's first folded word, and which
    tokens are agency tags."""
    toks = list(islice(_TOKEN.finditer(text), _GLUED_READ))
    first = [(words(m.group(0)) or [""])[0] for m in toks]
    tags = [k for k, m in enumerate(toks) if _AGENCY_TAG.search(m.group(0))]
    return toks, first, tags


def glued_cut(text: str) -> int | None:
    """Where a headline glued to the start of its body ends (an offset into `text`, at the first body word), or
    None when the text is too short to hold both. Every word position is scored; the best one wins."""
    toks, first, tags = glued_tokens(text)
    if len(toks) < _GLUED_MIN_TOKENS:
        return None
    t = table()
    weights = [t.glued.get(name, 0.0) for name in GLUED_FEATURES]
    strings = [m.group(0) for m in toks]
    best, best_score = None, -math.inf
    for j in range(1, min(len(toks) - 3, _GLUED_MAX_TITLE)):
        if not first[j]:
            continue
        score = sum(w * f for w, f in zip(weights, glued_features(strings, first, tags, j, t)))
        if score > best_score:
            best, best_score = j, score
    return toks[best].start() if best is not None else None
