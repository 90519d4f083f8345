"""The document model: one input document, its change log, its stories and what was found in it.

Every step is a function `Document -> Document` (it mutates and returns the same object, the way a pipeline
step passes a document on). All offsets are into `source`, the decoded input, so a document can leave one
subcommand as JSON and continue in the next one unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .edits import EditLog


@dataclass(slots=True)
class Found:
    """A piece of metadata a rule found (a date line, a source line, a tag cloud), in source offsets."""

    rule: str
    field: str
    value: Any
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Story:
    """One article of a document: a range of the source, and whether its first kept line is its title."""

    start: int
    end: int
    relation: str = "main"
    titled: bool = False
    lang: str | None = None


@dataclass(slots=True)
class Document:
    """A document on its way through the pipeline."""

    id: str
    log: EditLog
    fields: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None
    stories: list[Story] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    site: str | None = None
    fixed_lang: str | None = None  # the language the characters were fixed for
    lang_hint: str | None = None  # a language to fix the characters for instead of detecting one
    junk_langs: tuple[str, ...] | None = None  # the languages whose junk rules strip applies (default: `lang`)
    lang_ranges: list[tuple[int, int, str]] | None = None  # source ranges whose characters are fixed for another
    # language than the document's (the stories of a page that mixes languages, found by an earlier pass)
    prior_stories: list[Story] | None = None  # stories an earlier pass found: they stay stories (as separators do)

    @classmethod
    def from_text(cls, doc_id: str, text: str, fields: dict[str, Any] | None = None, site: str | None = None):
        """A fresh document whose source is `text`."""
        return cls(id=doc_id, log=EditLog(text), fields=fields or {}, site=site)

    @property
    def source(self) -> str:
        return self.log.source

    @property
    def text(self) -> str:
        """The current text: the source with every edit so far applied."""
        return self.log.text
