"""What a file becomes when it is cleaned in place: the bytes `--in-place` writes and `check`/`diff` compare.

A `.txt` file becomes the text format of its document (stories apart by a form-feed line, so no story is ever
lost and cleaning it again changes nothing). In a `.jsonl` file each line keeps its record, every other field in
its place; only the text field's value is replaced, by the same text format, and every other byte of the line
stays as it was (numbers, escapes, spacing, key order: a corpus repository's diff shows the text and nothing else).
A line whose text does not change is kept byte for byte; a newsclean `json` record (a stream from an earlier
subcommand) is written back continued.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

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
    if not reencode:
        replaced = _replace_value(raw[: len(raw) - len(end)], text_field, text)
        if replaced is not None:
            return replaced + end
    record = dict(item.record) if item.record is not None else {}
    record[text_field] = text
    return _dump(record) + end


_SPACE = re.compile(r"[ \t\n\r]*")
_BOM = "\ufeff"


def _replace_value(line: bytes, key: str, value: str) -> bytes | None:
    """The JSON object `line` with the value of its top-level `key` replaced and every other byte kept, or None
    where the line cannot be walked so (the caller then writes the record anew)."""
    try:
        text = line.decode("utf-8")
        bom = _BOM if text.startswith(_BOM) else ""
        text = text[len(bom) :]
        decoder = json.JSONDecoder()
        i = _SPACE.match(text).end()
        if text[i : i + 1] != "{":
            return None
        i = _SPACE.match(text, i + 1).end()
        span = None
        while text[i : i + 1] == '"':
            name, i = scanstring(text, i + 1)
            i = _SPACE.match(text, i).end()
            if text[i : i + 1] != ":":
                return None
            i = _SPACE.match(text, i + 1).end()
            _, end = decoder.raw_decode(text, i)
            if name == key:
                span = (i, end)  # the last of duplicate keys, as json.loads reads it
            i = _SPACE.match(text, end).end()
            if text[i : i + 1] != ",":
                break
            i = _SPACE.match(text, i + 1).end()
    except (UnicodeDecodeError, ValueError):
        return None
    if span is None:
        return None
    start, end = span
    return (bom + text[:start] + json.dumps(value, ensure_ascii=False) + text[end:]).encode("utf-8")


def _dump(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")
