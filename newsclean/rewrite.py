"""What a file becomes when it is cleaned in place: the bytes `--in-place` writes and `check`/`diff` compare.

A `.txt` file becomes the text format of its document (stories apart by a form-feed line, so no story is ever
lost and cleaning it again changes nothing). In a `.jsonl` file each line keeps its record, every other field in
its place; only the text field is replaced, by the same text format. A line whose text does not change is kept
byte for byte; a newsclean `json` record (a stream from an earlier subcommand) is written back continued.
"""

from __future__ import annotations

import json

from .emit import to_text
from .inputs import RawDocument
from .model import Document
from .record import to_record


def text_file(doc: Document) -> str:
    """A text file's new content: the text format, ending with a newline (empty for a document left empty)."""
    text = to_text(doc)
    return text + "\n" if text else ""


def line_ending(raw: bytes) -> bytes:
    if raw.endswith(b"\r\n"):
        return b"\r\n"
    return b"\n" if raw.endswith(b"\n") else b""


def jsonl_line(raw: bytes, item: RawDocument, doc: Document, text_field: str, reencode: bool = False) -> bytes:
    """A JSONL line's new bytes: its record with the text field cleaned, or `raw` itself when nothing changed.

    `reencode` (an input read with `--encoding`) writes every line anew, so the file comes out in UTF-8 throughout.
    """
    end = line_ending(raw)
    if item.state is not None:
        return _dump(to_record(doc)) + end
    text = to_text(doc)
    if text == item.text and not reencode:
        return raw
    record = dict(item.record) if item.record is not None else {}
    record[text_field] = text
    return _dump(record) + end


def _dump(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")
