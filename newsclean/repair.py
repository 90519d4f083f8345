"""The repair step: mojibake, stray controls, NFC and presentation forms (and HTML entities, with the opt-in pack
`chars/html`), before anything reads the text.

These are the `chars` rules of stages `unescape` and `repair`; they run before language detection because damaged
text cannot be told apart (mojibake of Arabic reads as Latin, PDF presentation forms match no word), and they do not
depend on the language.
"""

from __future__ import annotations

from .chars import apply_chars
from .engine import RuleSet
from .model import Document


def repair(doc: Document, rules: RuleSet) -> Document:
    """Run the unescape-stage rules (references hide the characters the repairs read), then the repair stage, over
    the whole document."""
    apply_chars(doc, rules.select("chars", None, "unescape"), None)
    apply_chars(doc, rules.select("chars", None, "repair"), None)
    return doc
