"""The `json` format both ways: a document as one JSON object, and that object back into a document.

Between subcommands the stream is this format (DESIGN.md, Conventions: Between subcommands): `source`, the
change log, the stories and the findings travel with the document, so offsets stay offsets into the original
input and the next subcommand continues the same document. `site` travels too, so a per-site pack chosen by
the first subcommand (`--site`, or the site field) is the one the next subcommands apply.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .edits import Edit, EditLog
from .emit import story_records
from .lines import reported_start
from .model import Document, Found, Story


def to_record(doc: Document, source: bool = True) -> dict[str, Any]:
    """The `json` format: one object per document (DESIGN.md, Conventions: Output)."""
    src = doc.source
    breaks = []
    pos = src.find("\n")
    while pos >= 0:
        breaks.append(pos)
        pos = src.find("\n", pos + 1)

    def line_of(pos: int) -> int:
        return bisect_right(breaks, pos - 1) + 1

    removed, changes = [], []
    for e in doc.log.edits:
        if e.removed:
            removed.append(
                {
                    "rule": e.rule,
                    "line": line_of(reported_start(src, e.start, e.end)),
                    "start": e.start,
                    "end": e.end,
                    "text": src[e.start : e.end],
                }
            )
        else:
            changes.append(
                {
                    "rule": e.rule,
                    "line": line_of(e.start),
                    "start": e.start,
                    "end": e.end,
                    "old": src[e.start : e.end],
                    "new": e.new,
                }
            )
    record: dict[str, Any] = {"id": doc.id, "lang": doc.lang, "site": doc.site}
    if source:
        record["source"] = src
    record["fields"] = doc.fields
    record["stories"] = story_records(doc)
    record["removed"] = removed
    record["changes"] = changes
    record["found"] = [
        {"rule": f.rule, "field": f.field, "value": f.value, "start": f.start, "end": f.end, "text": f.text}
        for f in doc.found
    ]
    record["steps"] = list(doc.steps)
    return record


def from_record(record: dict[str, Any], doc_id: str) -> Document:
    """A document continued from its `json` record (which must carry `source`)."""
    source = record["source"]
    edits = [Edit(r["start"], r["end"], "", r["rule"], True) for r in record.get("removed") or []]
    edits += [Edit(c["start"], c["end"], c["new"], c["rule"]) for c in record.get("changes") or []]
    lang = record.get("lang")
    doc = Document(id=doc_id, log=EditLog(source, edits), fields=record.get("fields") or {}, lang=lang, fixed_lang=lang)
    doc.stories = [
        Story(s["start"], s["end"], s.get("relation", "main"), s.get("title") is not None, s.get("lang"))
        for s in record.get("stories") or []
        if "start" in s and "end" in s
    ]
    doc.found = [
        Found(f["rule"], f["field"], f["value"], f["start"], f["end"], f["text"]) for f in record.get("found") or []
    ]
    doc.steps = [s for s in record.get("steps") or [] if isinstance(s, str)]
    site = record.get("site")
    doc.site = site if isinstance(site, str) else None
    return doc
