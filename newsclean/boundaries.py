"""The evidence that a new story starts at a headline, and its score.

A headline-like line followed by body text is where a new story may start; so is a read-also marker. Most such
places on real pages are not new stories: subheads, in-article links, Q&A heads, listicle items. What tells them
apart is what follows: a date line under the headline, a lede that opens an article rather than carrying one on
(`openers`), and words the story so far does not share (lexical cohesion). Each signal adds to a score; the page
is split where it reaches SPLIT_THRESHOLD. The weights were set by hand on the dev set and checked on ten thousand
unlabelled pages, where at 2.0 no single article is split (precision first). `Evidence` keeps every number, so a
split, or a split not made, can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache

from .lang import decided
from .openers import LEDE_DATELINE, opener_lr, table, words
from .storylines import continues

SPLIT_THRESHOLD = 2.0
_LANG_SAMPLE = 600  # characters on each side whose languages are compared

_BULLET_OR_NUMBER = re.compile(r"^\s*(?:[>»\-–—•*▪●·]|\d+[.)-]\s)")
_QUESTION = re.compile(r"[?؟]\W*$")
_UNFINISHED = re.compile(r"[:：?؟]\W{0,2}$")
_CONJUNCTION = re.compile(r"^\W*[وف]")
# A feature's subheading between its paragraphs is four words or fewer ("آبار أعمق وكلفة أعلى"); another story's
# headline says more.
FEATURE_SUBHEAD_WORDS = 4
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و")
_SUFFIXES = ("هاي", "ها", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
# Words that refer back to what came before: a paragraph that opens with them continues a text (corpus LR -1.3).
_DEMONSTRATIVES = frozenset(
    words(
        "هذا هذه ذلك تلك هؤلاء أيضا كذلك بدوره بدورها نفسه نفسها ذاته ذاتها المذكور الأخير الأخيرة نیز این آن همین همان"
    )
)
_PRONOUNS = frozenset(
    words(
        "هو هي هم هما هن عليها عليه عليهم لها له لهم منها منه منهم عنها عنه عنهم إنها إنه إنهم أنها أنه أنهم معها "
        "معه معهم فيها فيه فيهم بها به بهم إليها إليه إليهم لديها لديه لديهم نفسه نفسها وی او ایشان آنها"
    )
)


@dataclass(slots=True)
class Candidate:
    """One place a story may start: its headline (empty: a marker right over body text), the body under it, the
    text after that, and the end of the story so far."""

    title: str
    body: str
    after: str
    prev_tail: str  # the last lines of the story so far
    marker: str | None = None  # None; "line": a marker and one headline; "list": several; "link": both on one line
    date_between: bool = False  # a date line stands between the headline and its body


@dataclass(slots=True)
class Page:
    """What the whole page says about its headline-like lines."""

    titled: bool  # the page opens with a headline over body text
    sections: int  # unmarked "headline, then a paragraph that opens fresh" places: many = a listicle or Q&A
    subheads: int = 0  # lines of a few words between two paragraphs: three or more = a feature's subheadings


@dataclass(slots=True)
class Evidence:
    """Every number behind a decision (`as_dict` for explaining it). The costly signals (the language on either
    side, cohesion with the story so far) are left None where the score cannot reach the threshold even at their
    best; `score` is then that best case."""

    judged_as: str  # "line" (a marker), or "unmarked" (no marker, or a list or link judged as if none)
    score: float
    lede: float  # log-LR that the body opens an article
    title_in_lede: float  # share of the headline's content words the lede repeats
    date_between: bool
    continuation: bool  # the body opens with a conjunction that carries a text on
    anaphora: bool  # ... or with words that refer back
    question: bool
    prev_unfinished: bool  # the story so far ends on ":" or "؟": it announces what follows
    head_opener: float  # log-LR of the headline's own first words opening an article
    lang_change: bool | None = None
    cohesion: float | None = None  # share of the following text's content words the story so far has
    title_in_prev: float | None = None  # share of the headline's content words the story so far has

    @property
    def splits(self) -> bool:
        return self.score >= SPLIT_THRESHOLD

    def as_dict(self) -> dict:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


def lede_score(text: str) -> float:
    """Log-LR that this paragraph opens an article: its first words, a bullet (list content), an agency tag."""
    v = opener_lr(words(text[:80])[:2])
    if _BULLET_OR_NUMBER.match(text):
        v = min(v, 0.0) - 1.5
    if LEDE_DATELINE.search(text[:160]):
        v = max(v, 0.0) + 3.0
    return v


def stems(text: str) -> set[str]:
    """Content words, lightly stemmed (article, conjunction and common suffixes off), for cohesion."""
    out = set(map(_stem, words(text)))
    out.discard("")
    return out


@lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A word's stem, or "" for a word that carries no content (short, frequent, a number)."""
    if len(w) < 3 or w in table().stop or w.isdigit():
        return ""
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)]
    return w


def _share(part: set[str], whole: set[str], least: int) -> float:
    return len(part & whole) / len(part) if len(part) >= least else 0.0


def title_in_lede(title: str, body: str) -> float:
    """The share of a headline's content words its body's first 40 words say again (0 for a headline of fewer
    than two): a lede restates its own headline, a related link's headline is another story's."""
    return _share(stems(title), stems(" ".join(body.split()[:40])), 2)


def evidence(c: Candidate, page: Page, prev: Callable[[], set[str]]) -> Evidence:
    """The evidence that `c.title` opens a new story after the story so far (`prev` gives its content words),
    scored (SPLIT_THRESHOLD splits). Cheap signals first: the language on either side and the story's words are
    looked at only where the score could still reach the threshold with them at their best."""
    first = words(c.body[:80])
    title = stems(c.title)
    ev = Evidence(
        judged_as=_judged(c, lang_change=False),
        score=0.0,
        lede=lede_score(c.body),
        title_in_lede=title_in_lede(c.title, c.body),
        date_between=c.date_between,
        continuation=continues(c.body),
        anaphora=any(w in _PRONOUNS for w in first[1:3]) or any(w in _DEMONSTRATIVES for w in first[:4]),
        question=bool(_QUESTION.search(c.title)),
        prev_unfinished=bool(_UNFINISHED.search(c.prev_tail.rstrip())),
        head_opener=opener_lr(words(c.title)[:2]),
    )
    # the best case: another language on the other side (whichever way that judges a list), no shared words
    ev.score = max(_score(ev, _judged(c, lang), c.title, page, True, 0.0, 0.0) for lang in (True, False))
    if ev.score < SPLIT_THRESHOLD:
        return ev
    following = f"{c.title}\n{c.body}\n{c.after}"
    before, after = decided(c.prev_tail[-_LANG_SAMPLE:]), decided(following[:_LANG_SAMPLE])
    ev.lang_change = bool(before and after and before != after)
    ev.judged_as = _judged(c, ev.lang_change)
    ev.score = _score(ev, ev.judged_as, c.title, page, ev.lang_change, 0.0, 0.0)
    if ev.score < SPLIT_THRESHOLD:
        return ev
    story = prev()
    ev.cohesion = _share(stems(following), story, 5) if len(story) >= 5 else 0.0
    ev.title_in_prev = _share(title, story, 2)
    ev.score = _score(ev, ev.judged_as, c.title, page, ev.lang_change, ev.cohesion, ev.title_in_prev)
    return ev


def _judged(c: Candidate, lang_change: bool) -> str:
    """A marker over several headlines, or a link line, is a list of links inside an article: what follows is
    judged as if there were no marker, unless a date line or another language says a story starts."""
    if c.marker is None or (c.marker in ("list", "link") and not (c.date_between or lang_change)):
        return "unmarked"
    return "line"


def _score(
    ev: Evidence, judged_as: str, title: str, page: Page, lang_change: bool, cohesion: float, title_in_prev: float
) -> float:
    strong = 3.0 * ev.date_between + 4.0 * lang_change
    if not title:
        return 4.0 * lang_change  # a marker right over body text: a new story where the language changes
    if judged_as == "line":
        # a read-also marker: a new story unless the text after the headline carries the article on
        # (a lede that restates the headline opens that headline's story: the story so far has not its words)
        s = strong + 5.0 + max(min(ev.lede, 3.0), -4.0) - 8.0 * cohesion - 2.0 * ev.continuation
        return s + 1.0 * max(ev.title_in_lede - title_in_prev, 0.0)
    # no marker: the headline needs a body that opens fresh and speaks of something else
    s = strong + 2.8 + max(min(ev.lede, 2.0), -4.0) - 12.0 * cohesion
    s += 1.5 * ev.title_in_lede - 3.0 * title_in_prev  # a lede restates its own headline, not the story's
    if len(title.split()) <= 3:
        s -= 1.5  # two- and three-word lines are subheads or captions far more often than titles
    if ev.question:
        s -= 1.5  # explainer subheads: "ما هي ...؟", "كيف ...؟"
    if ev.head_opener <= -2.0 and _CONJUNCTION.match(title):
        s -= 2.0  # the "headline" opens like a continuation: "وما هو ...", "فكيف ..."
    if ev.lede >= 4.0:
        s += 1.0  # an agency lede: "به گزارش ...", "(CNN)--", "سبق-"
    elif page.sections >= 3:
        s -= 2.0 * (page.sections - 2)  # many headline + fresh paragraph sections: a listicle or a Q&A
    if page.subheads >= 3 and len(title.split()) <= FEATURE_SUBHEAD_WORDS:
        s -= 1.5  # one of a feature's subheadings, the others further down between its paragraphs
    if ev.prev_unfinished:
        s -= 2.0
    if ev.anaphora:
        s -= 1.3
    if not page.titled:
        s -= 1.5  # a page that opens without a headline: its headline-like lines are subheads
    return s
