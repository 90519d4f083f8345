"""newsclean: scraped Arabic and Persian news text in, clean corpus text out, every removal explained.

The library is a pure function of one document: `clean_text(text)` returns the cleaned `Document`, whose
stories, metadata and change log the `emit` and `record` modules turn into text or JSON.
"""

from __future__ import annotations

from .engine import PackError, RuleSet, load_rules
from .model import Document
from .pipeline import STEPS, clean, run

__version__ = "0.1.0"

__all__ = ["STEPS", "Document", "PackError", "RuleSet", "clean", "clean_text", "load_rules", "run", "__version__"]


def clean_text(text: str, rules: RuleSet | None = None, doc_id: str = "-") -> Document:
    """Clean one text with the default packs (or `rules`): the whole pipeline."""
    return clean(Document.from_text(doc_id, text), rules or load_rules())
