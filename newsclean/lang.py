"""Which language a text is in: Arabic, Persian or Urdu told apart from letter statistics first.

The language decides the direction of the character fixes, so it must be right on mixed text. A third of real
Persian pages are typed with Arabic ي and ك, and Arabic pages typed on a Persian keyboard carry ی, ک and ھ, so
those letters decide nothing: words are compared with them folded together. What decides is what one language
has and the other lacks: Persian پ چ ژ گ and its function words; Arabic ة, the article ال and its function
words; the letters of Urdu (ٹ ڈ ڑ ں ے), Pashto, Kurdish, Sindhi and Uyghur. Moroccan Darija writes گ for /g/ and
is Arabic all the same: one letter is outweighed by the article and the function words.

langdetect (seeded, so deterministic; imported on first use, its profiles built on demand by `ngram_profiles`) is
consulted only where the statistics do not decide: text in another script, or Arabic-script text with too little
evidence either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean import ngram_profiles
from newsclean.charmap import CharMap

# How much of a text is read: this many characters, spaces and invisible characters not counted. The character
# fixes add and drop those (Arabic drops ZWNJ, Persian puts it for a space, both drop tatweel, bidi controls and
# soft hyphens), so a cut counted in all characters would read a word more or less of a page fixed for one
# language than for the other, and a page that mixes the languages could swing from one to the other.
_SAMPLE = 6000
_UNCOUNTED = (
    " \n\t\u00ad\u061c\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067"
    "\u2068\u2069\ufeff"
)

# Letters are counted on the UTF-8 bytes, where counting is C-fast: the Arabic block (U+0600-U+06FF) is the lead
# bytes D8-DB (less what the block holds besides letters); other letters are ASCII letters and the lead bytes of
# accented Latin, Greek, Cyrillic, Hebrew, Indic, Thai, Georgian, CJK and Hangul.
_ARABIC_LEADS = bytes(range(0xD8, 0xDC))
_OTHER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_OTHER_BYTES += bytes([*range(0xC3, 0xCA), *range(0xCE, 0xD8), 0xE0, 0xE1, *range(0xE3, 0xEE)])
_DROP_ALL_BUT_ARABIC = bytes(b for b in range(256) if b not in _ARABIC_LEADS)
_DROP_ALL_BUT_OTHER = bytes(b for b in range(256) if b not in _OTHER_BYTES)
# What the Arabic block holds besides letters (signs, punctuation, tatweel, marks, digits): taken off the count
# where it is small enough for them to matter (a line of digits is not Arabic).
_FEW = 64
_NOT_LETTERS = re.compile("[\u0600-\u061f\u0640\u064b-\u065f\u0660-\u066d\u0670\u06d4\u06d6-\u06ed\u06f0-\u06f9]")
# What langdetect must not see: links, mail addresses, handles and hashtags say nothing about the language. A
# hashtag runs on through the invisible characters the chars rules drop or keep (a ZWNJ inside a Persian hashtag),
# so that it is taken out whole before and after them.
_INVISIBLE = "\u00ad\u061c\u200b-\u200f\u2060\ufeff"
_NOISE = re.compile(rf"(?:https?://|www\.)\S++|(?<!\S)[^\s@]++@\S++|[@#][\w{_INVISIBLE}]++")
# The same without the branch that needs an @: re tries that branch, which opens with a lookbehind, at every
# position (two thirds of the time the pattern takes on a page), and most pages with a link have no @.
_NOISE_NO_AT = re.compile(rf"(?:https?://|www\.)\S++|#[\w{_INVISIBLE}]++")
# Where sentences end: a sentence the scraper wrote twice is counted once, so taking the copy out (the strip step
# does) cannot change the language, and cleaning a cleaned text changes nothing. (A pattern that opens with a
# character class is scanned four times faster than one that opens with a lookbehind.)
_SENTENCES = re.compile(r"[.!?؟\n]\s*")

# Words are compared with what the chars rules change folded away, so that fixed text gets the answer its source got:
# the letters both languages type either way (ی ى -> ي, ک ڪ -> ك, ھ ہ ە -> ه, ۃ -> ة), and ZWNJ, ZWJ, LRM, RLM and
# tatweel (which the rules drop, keep or swap); punctuation becomes space.
_FOLDS = CharMap(
    str.maketrans(
        {"ی": "ي", "ى": "ي", "ک": "ك", "ڪ": "ك", "ھ": "ه", "ہ": "ه", "ە": "ه", "ۃ": "ة"}
        | dict.fromkeys(("\u200c", "\u200d", "\u200e", "\u200f", "\u0640"), "")
        | dict.fromkeys("،.:", " ")
    )
)
# Frequent words of one language that the other does not use (folded). Words both use are left out: من، ما،
# بعد، بين، حتى، عليه، هم، به، آن، and على (spelled علی it is the name Ali, frequent in Persian news).
_FA_WORDS = frozenset(
    "است را از در با اين كه مي هاي ها براي شده كرد كند كرده بود نيز يك شد بايد خود اند شود دارد وي تا نمي "
    "همچنين گفت كنند شوند اينكه آنها چه چند آنان".split()
)
_AR_WORDS = frozenset(
    "في إلي التي الذي الذين أن إن عن هذا هذه كان كانت مع قد لا كما ذلك تلك قال وقال حيث أو لم لن منذ "
    "عند أنه إنه وفي ومن فيه فيها ثم ليس يكون وأضاف وأكد أيضا".split()
)
_FA_LETTERS = "پچژگ"
# Letters that only one of the other languages written in the Arabic script has.
_OWN_LETTERS = (
    ("ur", "ٹڈڑںےۓ"),
    ("ps", "ټډړږښځڅګڼۍې"),
    ("ckb", "ڕڵێ"),
    ("sd", "ٻڄڃڇڊڌڍڎڏڙڦڪڳڻ"),
    ("ug", "ۇۈۋڭ"),
)
_ANY_OWN = re.compile("[" + "".join(letters for _, letters in _OWN_LETTERS) + "]")
# The same test on the UTF-8 bytes, where a byte is found at memchr speed (the class above scans at some 10 ns a
# character): a letter of U+0680-U+06FF by its lead byte (DA, DB: Persian's letters are there too), the three
# below it whole. A sample with none of these holds none of the letters.
_OWN_BYTES = tuple(
    sorted({b[:1] if b[0] in (0xDA, 0xDB) else b for b in (ch.encode() for _, own in _OWN_LETTERS for ch in own)})
)

# Below this much evidence, or without this lead of one language over the other, the statistics do not decide.
_MIN_EVIDENCE = 4
_LEAD = 2.0
# A language with letters of its own (Urdu, Pashto, ...) is recognised when they are this share of the letters.
_OWN_SHARE = 0.01
_MIN_OWN = 3
# Arabic-script text is judged by its letters when it has at least a quarter of the letters: scraped pages carry
# style sheets and scripts whose Latin letters outnumber a short article's.
_SCRIPT_SHARE = 3
# A line votes on the language of a text that mixes Arabic and Persian from this many words on.
_VOTE_WORDS = 7


def detect(text: str, prior: str | None = None) -> str | None:
    """`ar`, `fa`, `ur` (or `ps`, `ckb`, `sd`, `ug`), another langdetect code, or None for text without letters.

    Where the letter statistics do not decide, `prior` (the document's language, when a story is looked at) is
    kept; without a prior langdetect decides. Never raises.
    """
    verdict, value, sample = _read(text)
    if verdict == "empty":
        return None
    if verdict == "other":
        return prior if prior is not None and value else _langdetect(sample)
    if verdict == "decided":
        return value
    if prior is not None:
        return prior
    if verdict == "mixed":
        vote = _sentence_vote(sample)
        if vote:
            return vote
    guess = _langdetect(sample)
    return guess if guess in ("ar", "fa") else value  # Urdu shows in its own letters: the statistics saw none


def _sentence_vote(sample: str) -> str | None:
    """Arabic and Persian side by side: the language of most of the text that decides for itself, sentence by
    sentence (by length). Short lines (tags, datelines, captions) seldom decide, so the answer does not change when
    the strip step takes them out."""
    weight = {"ar": 0, "fa": 0}
    for sentence in sample.split("\n"):
        words = len(sentence.split())  # words, not characters: the character fixes add and drop invisible ones
        lang = decided(sentence) if words >= _VOTE_WORDS else None
        if lang in weight:
            weight[lang] += words
    if weight["ar"] == weight["fa"]:
        return None
    return "ar" if weight["ar"] > weight["fa"] else "fa"


def decided(text: str) -> str | None:
    """The language the letter statistics alone give the text (a line, a paragraph), or None where they do not."""
    verdict, value, _ = _read(text)
    return value if verdict == "decided" else None


@lru_cache(maxsize=8)
def _read(text: str) -> tuple[str, str | None, str]:
    """What the statistics say: (verdict, value, sample). Verdicts: `empty` (no letters), `other` (another script;
    value: whether there is Arabic script at all), `decided` (value: the language), `mixed` or `unsure` (Arabic
    script the statistics cannot give one language: both have evidence, or too little; value: the one they lean
    to). Cached: a text is often asked about twice."""
    sample = _sample(text)
    if any(mark in sample for mark in ("http", "www.", "@", "#")):
        sample = _denoise(sample)
    raw = sample.encode("utf-8", "surrogatepass")
    arabic = len(raw.translate(None, _DROP_ALL_BUT_ARABIC))
    if 0 < arabic < _FEW:
        arabic -= len(_NOT_LETTERS.findall(sample))
    other = len(raw.translate(None, _DROP_ALL_BUT_OTHER))
    if arabic <= 0 and other == 0:
        return "empty", None, sample
    if arabic * _SCRIPT_SHARE < other:
        return "other", "ar" if arabic > 0 else None, sample
    own = _own_language(sample, arabic) if any(b in raw for b in _OWN_BYTES) else None
    if own:
        return "decided", own, sample
    fa, ar = _evidence(sample)
    lean = "fa" if fa > ar else "ar"
    if max(fa, ar) < _MIN_EVIDENCE:
        return "unsure", lean, sample
    if fa >= _LEAD * ar:
        return "decided", "fa", sample
    if ar >= _LEAD * fa:
        return "decided", "ar", sample
    return "mixed", lean, sample


def _sample(text: str) -> str:
    """What of `text` is read (see _SAMPLE): each round counts only the stretch the last one added."""
    end, counted, skipped = _SAMPLE, 0, 0
    while end < len(text):
        skipped += sum(text.count(ch, counted, end) for ch in _UNCOUNTED)
        counted, wider = end, _SAMPLE + skipped
        if wider == end:
            return text[:end]
        end = wider
    return text


def arabic_script(sample: str) -> tuple[str | None, str]:
    """(the language the statistics decide, or None; the language they lean to) for Arabic-script text."""
    verdict, value, _ = _read(sample)
    if verdict == "decided":
        return value, value
    return None, value or "ar"


def _denoise(text: str) -> str:
    """Links, mail addresses, handles and hashtags made spaces."""
    return (_NOISE if "@" in text else _NOISE_NO_AT).sub(" ", text)


def _own_language(sample: str, letters: int) -> str | None:
    """Urdu, Pashto, Kurdish, Sindhi or Uyghur, where the letters only that language has are frequent enough."""
    if not _ANY_OWN.search(sample):
        return None
    hits, code = max((sum(sample.count(ch) for ch in own), code) for code, own in _OWN_LETTERS)
    return code if hits >= _MIN_OWN and hits >= _OWN_SHARE * letters else None


def _evidence(sample: str) -> tuple[int, int]:
    """(Persian, Arabic) evidence: function words and words with پ چ ژ گ; function words, words with the article
    and words with ة.

    Every count is of distinct words, so a sentence or a line the page repeats counts once: taking the copy out
    (the strip step does) cannot change the language, and cleaning a cleaned text changes nothing. ZWNJ is not
    counted: the Arabic rules delete it, and evidence the fix step changes would give fixed text another language
    than its source had.
    """
    words = set(_FOLDS(sample).split())
    vocabulary = " " + " ".join(words)
    fa = 2 * len(words & _FA_WORDS) + sum(vocabulary.count(ch) for ch in _FA_LETTERS)
    ar = 2 * len(words & _AR_WORDS) + vocabulary.count(" ال") + vocabulary.count("ة")
    return fa, ar


# What the chars rules change is taken out of what langdetect sees (letter variants folded, marks, tatweel,
# invisible characters and digits dropped, spaces collapsed): fixed text must get the answer its source got.
_CANONICAL = str.maketrans(
    {"ی": "ي", "ى": "ي", "ک": "ك", "ڪ": "ك", "ھ": "ه", "ہ": "ه", "ە": "ه", "ۃ": "ة", "ۀ": "ه", "\ufdfc": "ريال"}
    | {chr(c): None for c in (*range(0x064B, 0x0660), 0x0670, 0x0640, 0x00AD, 0x061C, 0xFEFF)}
    | {chr(c): None for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070))}
    | {chr(c): " " for c in (*range(0x0660, 0x066A), *range(0x06F0, 0x06FA), *range(0x30, 0x3A))}
)


def _canonical(text: str) -> str:
    return " ".join(text.translate(_CANONICAL).split())


_SEEDED = False


def _langdetect(sample: str) -> str | None:
    """langdetect, seeded so the answer is the same on every run; None where it has nothing to go on."""
    global _SEEDED
    pieces = dict.fromkeys(_canonical(p) for p in _SENTENCES.split(_denoise(sample)))
    cleaned = " ".join(p for p in pieces if p)
    if not any(ch.isalpha() for ch in cleaned):
        return None
    from langdetect import DetectorFactory
    from langdetect import detect as ld_detect
    from langdetect.lang_detect_exception import LangDetectException

    if not _SEEDED:
        ngram_profiles.install()
        DetectorFactory.seed = 0
        _SEEDED = True
    try:
        return ld_detect(cleaned)
    except LangDetectException:
        return None
