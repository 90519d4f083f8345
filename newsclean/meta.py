"""Metadata: values read from the lines rules found (date, source, tags, author) and each story's record.

A rule with a `meta` action hands its line here; what comes back is kept as a `Found` in source offsets, so a
story collects exactly the metadata inside its own range and inherits nothing from another story.
"""

from __future__ import annotations

import re
from typing import Any

from .engine import Rule
from .engine.fold import fold_word
from .model import Document, Found, Story

_AFTER_LABEL = re.compile(r"^[^:：]{1,40}[:：]\s*")
_TAG_SEPARATORS = re.compile(r"\s*[،,|؛;/•·#]\s*")
_EDGES = " \t.,;:!?،؛؟«»\"'()[]{}<>-–—_|*…•·"


def extract(rule: Rule, text: str, lang: str | None, spelled: str | None = None) -> tuple[Any, str]:
    """The value a meta rule reads from `text`, and the piece of text it was read from. `spelled`: the same text as
    the rule's language spells it (one character for one), where the rule matched that: the rule finds its value
    there, and the value is cut from `text` at the same place."""
    probe = text if spelled is None else spelled
    a, b = 0, len(text)
    if rule.value_pattern is not None:
        m = rule.value_pattern.search(probe)
        if m:
            a, b = m.span("value" if "value" in m.re.groupindex else 1 if m.re.groups else 0)
        elif rule.meta_field in ("source", "author", "tags"):
            # the rule says where its value is: a line without one (a tag label alone) names nobody, no tag
            return ([] if rule.meta_field == "tags" else None), text.strip()
    else:
        m = _AFTER_LABEL.match(probe)
        if m and rule.meta_field != "date":
            a = m.end()
    piece = text[a:b]
    piece = piece.strip()
    if rule.meta_field == "date":
        from .dates import find_date

        found = find_date(piece, lang)
        return (found.date, found.text) if found else (None, piece.strip(_EDGES))
    if rule.meta_field == "tags":
        return tags_of(piece, rule.drop_words, rule.one_tag), piece
    return piece.strip(_EDGES) or None, piece


def tags_of(text: str, drop: frozenset[str], one: bool = False) -> list[str]:
    """Tags from a tag line: split on list separators (or, when there are none, on spaces; with `one` the line
    is one tag then), menu words out, repeats out (compared folded), order kept."""
    if _TAG_SEPARATORS.search(text):
        parts = _TAG_SEPARATORS.split(text)
    else:
        parts = [text] if one else text.split()
    out: list[str] = []
    seen: set[str] = set()
    for part in parts:
        tag = part.strip(_EDGES)
        if not tag:
            continue
        key = " ".join(fold_word(w) for w in tag.split())
        if key in seen or key in drop or all(fold_word(w) in drop for w in tag.split()):
            continue
        seen.add(key)
        out.append(tag)
    return out


def add_found(doc: Document, found: Found) -> None:
    """Record a finding once (a document may pass through `meta` and then `strip`)."""
    if not any(f.rule == found.rule and f.field == found.field and f.start == found.start for f in doc.found):
        doc.found.append(found)


def story_metadata(doc: Document, story: Story) -> dict[str, Any]:
    """A story's metadata from the findings inside its range: first date, source and author; all tags."""
    meta: dict[str, Any] = {"date": None, "date_text": None, "source": None, "tags": [], "author": None}
    seen_tags: set[str] = set()
    for f in sorted(doc.found, key=lambda f: f.start):
        if not (story.start <= f.start < story.end):
            continue
        if f.field == "tags":
            for tag in f.value or []:
                key = " ".join(fold_word(w) for w in tag.split())
                if key not in seen_tags:
                    seen_tags.add(key)
                    meta["tags"].append(tag)
        elif f.field == "date":
            if meta["date"] is None and f.value:
                meta["date"], meta["date_text"] = f.value, f.text
            elif meta["date_text"] is None:
                meta["date_text"] = f.text
        elif meta.get(f.field) is None:
            meta[f.field] = f.value
    return meta
