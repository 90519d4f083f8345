"""Which language an Arabic-script text is in: Arabic, Persian or Urdu, from letter statistics first.

The language decides the direction of the character fixes, so it must be right on mixed text: a third of real
Persian pages are typed with Arabic ي and ك, so those letters decide nothing alone. Persian-only letters
(پ چ ژ گ), ZWNJ, ة and frequent function words do. langdetect (seeded, loaded lazily) is consulted only where
the statistics do not decide.
"""

from __future__ import annotations

import re

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
_FA_LETTERS = re.compile(r"[پچژگ\u200c]")
_UR_LETTERS = re.compile(r"[ٹڈڑںےۓ]")
_TEH_MARBUTA = re.compile(r"ة")
_WORD = re.compile(r"[\u0600-\u06FF\u200c]+")

_FA_WORDS = frozenset(
    [
        "است",
        "این",
        "را",
        "که",
        "می",
        "های",
        "برای",
        "شده",
        "کرد",
        "کند",
        "بود",
        "نیز",
        "آن",
        "یک",
        "ها",
        "شد",
        "باید",
        "خود",
        "اند",
        "هم",
        "کرده",
        "شود",
        "بر",
        "تا",
        "دارد",
    ]
    + ["اين", "يك", "كه", "مي", "كرد", "كند", "كرده", "شود", "دارد"]
)
_AR_WORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "التي",
        "الذي",
        "أن",
        "عن",
        "هذا",
        "هذه",
        "كان",
        "مع",
        "بعد",
        "قد",
        "لا",
        "ما",
        "كما",
        "ذلك",
        "وقال",
        "حيث",
        "أو",
        "بين",
        "عام",
        "إن",
    ]
)
_UR_WORDS = frozenset(["ہے", "کے", "کی", "میں", "اور", "سے", "کو", "نے", "ہیں", "تھا"])


def detect(text: str) -> str | None:
    """`ar`, `fa`, `ur`, another langdetect code, or None for text with no letters."""
    sample = text[:4000]
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return None
    if arabic >= latin:
        return _arabic_script(sample)
    return _langdetect(sample)


def _arabic_script(sample: str) -> str:
    words = _WORD.findall(sample)
    fa = sum(1 for w in words if w in _FA_WORDS)
    ar = sum(1 for w in words if w in _AR_WORDS)
    ur = sum(1 for w in words if w in _UR_WORDS) + len(_UR_LETTERS.findall(sample))
    fa += len(_FA_LETTERS.findall(sample)) // 2
    ar += len(_TEH_MARBUTA.findall(sample)) // 2
    if ur > max(fa, ar) and ur >= 3:
        return "ur"
    return "fa" if fa > ar else "ar"


_DETECTOR_SEEDED = False


def _langdetect(sample: str) -> str | None:
    """langdetect, seeded so the answer is the same on every run; None where it has nothing to go on."""
    global _DETECTOR_SEEDED
    from langdetect import DetectorFactory
    from langdetect import detect as ld_detect
    from langdetect.lang_detect_exception import LangDetectException

    if not _DETECTOR_SEEDED:
        DetectorFactory.seed = 0
        _DETECTOR_SEEDED = True
    try:
        return ld_detect(sample)
    except LangDetectException:
        return None
