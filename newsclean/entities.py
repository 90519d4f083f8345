"""HTML character references (`&quot;`, `&#8221;`, `&#1575;`): found, and read as the characters they stand for.

newsclean keeps them in the text by default: the project's labelled pages count them as part of the article, so
decoding is the opt-in pack `chars/html`. The shape tests (does a line end like a sentence, is it a headline) read
through them all the same, so that `... &#8220;like&#8221;` is a headline whose last character is a quote, not a
semicolon.
"""

from __future__ import annotations

import html
import re

# A named, decimal or hex character reference, escaped any number of times over (`&amp;quot;`, `&#38;#39;`): all
# of it is one reference, so decoding it once leaves nothing to decode the next time. html.unescape decides whether
# it is a real one.
REFERENCE = re.compile(
    r"&(?:(?:amp|#0*38|#[xX]0*26);)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def decoded(reference: str) -> str:
    """The characters one reference stands for, however often it was escaped (itself where it names nothing)."""
    text = reference
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
    return REFERENCE.sub(lambda m: decoded(m.group()), text)
