"""HTML character references (`&quot;`, `&#8221;`, `&#1575;`): found, and read as the characters they stand for.

newsclean keeps them in the text by default: the project's labelled pages count them as part of the article, so
decoding is the opt-in pack `chars/html`. The shape tests (does a line end like a sentence, is it a headline) read
through them all the same, so that `... &#8220;like&#8221;` is a headline whose last character is a quote, not a
semicolon.
"""

from __future__ import annotations

import html
import re

# A run of references and the name characters between them, from an `&` to the last `;` of the run: `&quot;`,
# `&amp;quot;` and `&AMP;&#113;uot;` (escaped twice, any way) are each one run. A run is decoded until nothing in it
# changes, so decoding it leaves nothing to decode the next time. Written so that no `&` is scanned twice: linear
# on any text (`&a&a&a...` with no `;`).
REFERENCES = re.compile(r"&(?:&?[#A-Za-z0-9]*;)+")


def decoded(run: str) -> str:
    """The characters a run of references stands for, however often it was escaped (itself where it names
    nothing: `AT&T;`, `&unknownentity;`)."""
    text = run
    while "&" in text:
        once = html.unescape(text)
        if once == text:
            break
        text = once
    return text


def read_through(text: str) -> str:
    """`text` with every character reference read as its characters: a view for shape tests, never output."""
    if "&" not in text:
        return text
    return REFERENCES.sub(lambda m: decoded(m.group()), text)
