"""Output formats: `jsonl` one story a line and plain `text` (the `json` record lives in `record.py`).

Story texts are slices of the document's current text, which is the change log replayed on the source; so the
JSON `removed` and `changes` lists replayed on `source` give exactly the stories' titles and texts.
"""

from __future__ import annotations

from typing import Any

from .lines import SEPARATOR
from .meta import story_metadata
from .model import Document

STORY_SEPARATOR = "\n\n" + SEPARATOR + "\n"


def story_records(doc: Document) -> list[dict[str, Any]]:
    """Each story's title, text, language, how it was found, its source range and its metadata."""
    out = []
    text = doc.text
    for story in doc.stories:
        body = text[doc.log.to_current(story.start) : doc.log.to_current(story.end)].strip("\n")
        title = None
        if story.titled:
            title, _, body = body.partition("\n")
        out.append(
            {
                "title": title,
                "text": body,
                "lang": story.lang or doc.lang,
                "relation": story.relation,
                "start": story.start,
                "end": story.end,
                "metadata": story_metadata(doc, story),
            }
        )
    return [s for s in out if s["title"] or s["text"]]


def to_jsonl(doc: Document) -> list[dict[str, Any]]:
    """The `jsonl` format: one `{"id", "text", "metadata"}` record a story, the shape datatrove and dolma read."""
    out = []
    for n, story in enumerate(story_records(doc), 1):
        text = story["text"] if story["title"] is None else story["title"] + "\n" + story["text"]
        metadata = {
            "document_id": doc.id,
            "story": n,
            "title": story["title"],
            "lang": story["lang"],
            "relation": story["relation"],
            **story["metadata"],
        }
        if doc.fields:
            metadata["fields"] = doc.fields
        out.append({"id": f"{doc.id}#{n}", "text": text, "metadata": metadata})
    return out


def to_text(doc: Document) -> str:
    """The `text` format: each story as its title line then its body, stories apart by a form-feed line."""
    parts = []
    for story in story_records(doc):
        parts.append(story["text"] if story["title"] is None else story["title"] + "\n" + story["text"])
    return STORY_SEPARATOR.join(p.strip("\n") for p in parts if p)
