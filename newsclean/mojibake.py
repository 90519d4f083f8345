"""Mojibake: text whose bytes were decoded with the wrong code page somewhere before it reached us.

Three kinds are repaired, each only where the text shows it and each as its own rule:
- UTF-8 read as latin-1 or cp1252 (`Ø§Ù„`): ftfy's job. ftfy costs about 0.4 ms a page even on clean text, so a
  regex for the characters such damage leaves runs first, then ftfy's own badness check, then ftfy, line by line.
- UTF-8 read as cp1256 (`ط£ط¹ظ„ظ†طھ`), which ftfy does not know: runs of cp1256 images of UTF-8 sequences.
- cp1256 bytes read as latin-1 or cp1252 (`ÇáÚÑÈíÉ`), which ftfy does not know either: runs of Latin-1 letters
  with no ASCII letter among them.
The two cp1256 repairs re-encode a run and decode it again; they keep the result only where it decodes strictly
and is more Arabic than the run was, so text that merely looks alike is left alone.
"""

from __future__ import annotations

import re

Fix = list[tuple[int, int, str]]

# --- UTF-8 read as latin-1 / cp1252 (ftfy) ------------------------------------------------------------------------
# A lead byte of a UTF-8 sequence (Â..ô) followed by a continuation byte as latin-1 shows it (C1 controls,
# NBSP..¿) or as cp1252 shows it (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ): the telltale of
# UTF-8 read as a Western code page. Clean Arabic, Persian and Latin text almost never has it, so ftfy's badness
# check (and ftfy) run only on the few lines that do.
_FTFY_TELLTALE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_FTFY_CONFIG = None


def _ftfy_config():
    """ftfy limited to encoding repair; our own rules do entities, controls, line ends, quotes and NFC."""
    global _FTFY_CONFIG
    if _FTFY_CONFIG is None:
        import ftfy

        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False,  # entities stay, or the opt-in base.repair.html-entities decodes them, logged
            remove_terminal_escapes=False,
            fix_encoding=True,
            restore_byte_a0=True,
            replace_lossy_sequences=True,
            decode_inconsistent_utf8=True,
            fix_c1_controls=True,
            fix_latin_ligatures=False,  # Latin text is not ours to change
            fix_character_width=False,
            uncurl_quotes=False,  # curly quotes are real text, and uncurling makes cp1256 mojibake irreversible
            fix_line_breaks=False,  # base.repair.line-ends
            fix_surrogates=True,
            remove_control_chars=False,  # base.repair.controls
            normalization=None,  # base.repair.nfc
            explain=False,
        )
    return _FTFY_CONFIG


# The lead bytes' images: text with none of them cannot show the telltale (testing each is cheaper than the regex).
_LEADS = "".join(chr(c) for c in range(0xC2, 0xF5))


def utf8_as_latin1(text: str, lang: str | None = None) -> Fix:
    """ftfy on the lines that show UTF-8 read as latin-1/cp1252 and that ftfy's badness check calls bad."""
    if not any(ch in text for ch in _LEADS) or not _FTFY_TELLTALE.search(text):
        return []
    import ftfy
    from ftfy.badness import is_bad

    out: Fix = []
    pos = 0
    for line in text.split("\n"):
        if _FTFY_TELLTALE.search(line) and is_bad(line):
            fixed = ftfy.fix_text(line, _ftfy_config())
            if fixed != line:
                out.append(trimmed_edit(pos, line, fixed))
        pos += len(line) + 1
    return out


def trimmed_edit(pos: int, old: str, new: str) -> tuple[int, int, str]:
    """The edit that turns `old` (at `pos`) into `new`, without their common beginning and end."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return pos + head, pos + len(old) - tail, new[head : len(new) - tail]


# --- UTF-8 read as cp1256 -----------------------------------------------------------------------------------------
_CP1256 = bytes(range(256)).decode("cp1256")
_LEAD2 = re.escape(_CP1256[0xC2:0xE0])
_LEAD3 = re.escape(_CP1256[0xE0:0xF0])
_TRAIL = re.escape(_CP1256[0x80:0xC0])
# A run of whole UTF-8 sequences as cp1256 shows their bytes (2-byte: Arabic is ط/ظ/ع/غ + a symbol; 3-byte: ZWNJ
# is â€Œ), with ASCII between them. A run starts and ends with a sequence.
_SEQ = f"(?:[{_LEAD2}][{_TRAIL}]|[{_LEAD3}][{_TRAIL}]{{2}})"
_CP1256_RUN = re.compile(f"{_SEQ}(?:{_SEQ}|[ -~])*{_SEQ}")
_SEQ_ONE = re.compile(_SEQ)
_MIN_SEQUENCES = 3

# The letters of the Arabic alphabet proper (not the Persian and Urdu letters cp1256 puts among its symbols).
_ARABIC_CORE = re.compile(r"[\u0621-\u063a\u0641-\u064a]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def arabic_share(text: str) -> float:
    """Share of the non-space characters that are letters of the Arabic alphabet: how Arabic a piece reads."""
    chars = len(text) - text.count(" ") - text.count("\n")
    return len(_ARABIC_CORE.findall(text)) / chars if chars else 0.0


# What no page of UTF-8 Arabic or Persian read as cp1256 lacks: ا (ط§), ل (ظ„), م (ظ…), ی (غŒ), ZWNJ (â€Œ).
_CP1256_TELLTALES = ("ط§", "ظ„", "ظ…", "غŒ", "â€")


def utf8_as_cp1256(text: str, lang: str | None = None) -> Fix:
    """`ط£ط¹ظ„ظ†طھ` -> `أعلنت`: runs of cp1256 images of UTF-8 sequences, decoded again where that is valid."""
    if not any(t in text for t in _CP1256_TELLTALES):
        return []
    out: Fix = []
    for m in _CP1256_RUN.finditer(text):
        run = m.group()
        if len(_SEQ_ONE.findall(run)) < _MIN_SEQUENCES:
            continue
        try:
            fixed = run.encode("cp1256").decode("utf-8")
        except UnicodeError:
            continue
        if _CONTROL.search(fixed) or arabic_share(fixed) <= arabic_share(run):
            continue
        out.append(trimmed_edit(m.start(), run, fixed))
    return out


# --- cp1256 read as latin-1 / cp1252 ------------------------------------------------------------------------------
# What each byte looks like when read as latin-1 and as cp1252 (the five bytes cp1252 leaves undefined are passed
# through as latin-1 by the decoders that produce such text).
_BYTE_OF: dict[str, int] = {chr(b): b for b in range(256)}
for _b in range(0x80, 0xA0):
    try:
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
_HIGH = "".join(sorted(ch for ch, b in _BYTE_OF.items() if b >= 0x80 and ch not in "\u00a0\u00ab\u00bb"))
# Letters of cp1256 Arabic as latin-1 shows them (C1 bytes, cp1252 symbols, À-ÿ): a run opens with a word of two
# or more (a lone à or é is French), then goes on over one-letter words (و) and the punctuation between words
# (ASCII punctuation, digits, spaces, and ¡ º ¿ « », the images of ، ؛ ؟ « »).
_LATIN1_WORD = f"[{re.escape(_HIGH)}]{{2,}}"
_LATIN1_LETTERS = f"[{re.escape(_HIGH)}]+"
_BETWEEN = "[ \\t!-/0-9:-@\\[-`{-~\u00a0\u00a1\u00ab\u00ba\u00bb\u00bf]+"
_LATIN1_RUN = re.compile(f"{_LATIN1_WORD}(?:{_BETWEEN}{_LATIN1_LETTERS})*")
_HIGH_SET = frozenset(_HIGH)
# ا ل م ي as latin-1 shows their cp1256 bytes: no Arabic paragraph misread so lacks all four.
_LATIN1_TELLTALES = "Çáãí"
_MIN_LATIN1_LETTERS = 4
_MIN_ARABIC = 0.6
# UTF-8 read as latin-1 is pairs of a lead and a continuation byte throughout; cp1256 Arabic read so has few (ة، is
# one). A run where pairs make up half the letters is left to ftfy.
_PAIR_SHARE = 4
# A result where one character in this many starts a cp1256 image of a UTF-8 sequence is UTF-8 mojibake itself.
_SEQ_SHARE = 8


def cp1256_as_latin1(text: str, lang: str | None = None) -> Fix:
    """`ÇáÚÑÈíÉ` -> `العربية`: runs of Latin-1 letters without ASCII letters, read again as cp1256.

    A run whose bytes are valid UTF-8, or made of UTF-8 byte pairs for the most part, is UTF-8 misread
    (utf8-as-latin1's case) and is left alone. This runs before
    ftfy, which would otherwise decode the stretches of such text that happen to be valid UTF-8 (بور -> 龄).
    """
    if not any(ch in text for ch in _LATIN1_TELLTALES):
        return []
    out: Fix = []
    for m in _LATIN1_RUN.finditer(text):
        run = m.group()
        letters = sum(1 for ch in run if ch in _HIGH_SET)
        if letters < _MIN_LATIN1_LETTERS or len(_FTFY_TELLTALE.findall(run)) * _PAIR_SHARE >= letters:
            continue
        raw = bytes(_BYTE_OF[ch] for ch in run)
        try:
            raw.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        fixed = raw.decode("cp1256")
        share = arabic_share(fixed)
        if share < _MIN_ARABIC or share <= arabic_share(run) or _CONTROL.search(fixed):
            continue
        seqs = len(_SEQ_ONE.findall(fixed))
        if seqs >= _MIN_SEQUENCES and seqs * _SEQ_SHARE > len(fixed):
            continue  # UTF-8 read twice over (latin-1, then cp1256): not ours to guess
        out.append(trimmed_edit(m.start(), run, fixed))
    return out
