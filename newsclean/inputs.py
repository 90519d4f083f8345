"""Reading inputs: files, directories, stdin; plain text or JSONL; every failure an `InputError` in the stream.

A `.txt` file is one document whose id is its path; a `.jsonl` (or `.ndjson`) file holds one document a line, in
any letter case; a file of another name is read as stdin is, by its first line. Errors are yielded, not raised, so
one bad file or line never stops the others (DESIGN.md, Conventions: Input, Bad files).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import jsonio
from .compression import DECOMPRESSION_ERRORS, CompressionError, open_read, plain_name
from .decode import InputError, binary_error, decode

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
STDIN = "-"


def suffix_format(name: str) -> str | None:
    """`text` or `jsonl` as the file's name says (letter case aside, under a compression suffix), or None."""
    plain = plain_name(name).lower()
    if plain.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if plain.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def display_name(name: str) -> str:
    """A file name as text: the bytes of a name that is not UTF-8 (a cp1256 name from a Windows zip) escaped
    (`\\xc7`), so that ids and JSON output stay Unicode; the file itself is still opened by its own name."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(slots=True)
class InputOptions:
    text_field: str = "text"
    id_field: str = "id"
    site_field: str = "site"
    encoding: str | None = None
    input_format: str = "auto"  # auto | text | jsonl


@dataclass(slots=True)
class RawDocument:
    """One document as read: its id, decoded text, other fields, and where it came from."""

    id: str
    text: str
    file: str
    line: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    site: str | None = None
    state: dict[str, Any] | None = None  # a newsclean JSON record continuing from an earlier subcommand
    record: dict[str, Any] | None = None  # the JSONL record as read, for rewriting it in place
    size: int = 0  # bytes it took in its file (for the progress bar's MB/s)


@dataclass(slots=True)
class Unit:
    """A piece of an input file as it is on disk (a whole text file, one JSONL line) and what it holds.

    Rewriting a file (`--in-place`, `check`, `diff`) needs the bytes as well as the document: a line that does not
    change is written back byte for byte, and a blank line stays a blank line (`item` None).
    """

    raw: bytes
    item: RawDocument | InputError | None
    line: int | None = None


def expand(paths: list[str]) -> Iterator[str | InputError]:
    """Input names in order: files as given, directories walked (sorted) for `*.txt`, `*.jsonl` and `*.ndjson`."""
    if not paths:
        yield STDIN
        return
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and suffix_format(f.name) is not None)
            yield from found
        elif path.exists():
            yield p  # a file, or a pipe or device to read (`<(zcat pages.gz)`, /dev/stdin, /dev/null)
        else:
            yield InputError(p, "no such file or directory")


def read_inputs(
    paths: list[str], options: InputOptions, lazy: bool = False
) -> Iterator[RawDocument | InputError | RawLine]:
    """Every document of every input, or the error that kept it from being read. With `lazy`, JSONL lines come
    unparsed (`RawLine`, for `resolve` where the document is cleaned: a worker process, with `-j N`)."""
    for name in expand(paths):
        if isinstance(name, InputError):
            yield name
        elif name == STDIN:
            yield from _read_stream(sys.stdin.buffer, "-", options, lazy)
        else:
            yield from read_file(name, options, lazy)


def read_file(name: str, options: InputOptions, lazy: bool = False) -> Iterator[RawDocument | InputError | RawLine]:
    try:
        handle = open_read(name)
    except (OSError, CompressionError) as exc:
        yield InputError(name, getattr(exc, "strerror", None) or str(exc))
        return
    with handle:
        fmt = options.input_format
        if fmt == "auto":
            fmt = suffix_format(name)
        try:
            if fmt is None:
                yield from _read_stream(handle, name, options, lazy)
            elif fmt == "jsonl":
                yield from _read_jsonl(handle, name, options, lazy)
            else:
                yield from _read_text(handle.read(), name, options)
        except DECOMPRESSION_ERRORS as exc:
            yield InputError(name, f"cannot read further ({type(exc).__name__}: {exc})")


def read_units(name: str, options: InputOptions) -> tuple[str, Iterator[Unit]]:
    """A file (or `-`, read whole) as units, and its format: `text` (one unit) or `jsonl` (one unit a line).
    A compressed file is read decompressed, and written back compressed the same way (`outputs.LazyRewrite`)."""
    if name == STDIN or not os.path.isfile(name):  # a stream is read once: sniffed in memory
        try:
            data = sys.stdin.buffer.read() if name == STDIN else _read_all(name)
        except (CompressionError, *DECOMPRESSION_ERRORS) as exc:
            return "text", iter([Unit(b"", InputError(name, getattr(exc, "strerror", None) or str(exc)))])
        fmt = options.input_format
        if fmt == "auto":
            fmt = suffix_format(name) or _format_of(data.splitlines())
        if fmt == "jsonl":
            return fmt, _jsonl_units(data.splitlines(keepends=True), name, options)
        return fmt, iter([Unit(data, next(_read_text(data, name, options)))])
    fmt = options.input_format
    if fmt == "auto":
        fmt = suffix_format(name) or _sniff(name)
    return fmt, _file_units(name, fmt, options)


def _read_all(name: str) -> bytes:
    with open_read(name) as handle:
        return handle.read()


def _sniff(name: str) -> str:
    """The format of a file its name does not tell, by its first non-blank line as on stdin (`text` where the
    file cannot be read: reading it again reports why)."""
    try:
        with open_read(name) as handle:
            return _format_of(handle)
    except (CompressionError, *DECOMPRESSION_ERRORS):
        return "text"


def _format_of(lines) -> str:
    """`jsonl` where the first non-blank line opens JSONL (`_is_json_object`), else `text`."""
    first = next((line for line in lines if line.strip()), b"")
    return "jsonl" if _is_json_object(first) else "text"


def _file_units(name: str, fmt: str, options: InputOptions) -> Iterator[Unit]:
    try:
        handle = open_read(name)
    except (OSError, CompressionError) as exc:
        yield Unit(b"", InputError(name, getattr(exc, "strerror", None) or str(exc)))
        return
    with handle:
        try:
            if fmt == "jsonl":
                yield from _jsonl_units(handle, name, options)
            else:
                data = handle.read()
                yield Unit(data, next(_read_text(data, name, options)))
        except DECOMPRESSION_ERRORS as exc:
            yield Unit(b"", InputError(name, f"cannot read further ({type(exc).__name__}: {exc})"))


def _read_stream(
    stream: IO[bytes], name: str, options: InputOptions, lazy: bool = False
) -> Iterator[RawDocument | InputError | RawLine]:
    """stdin: JSONL when its first line is a JSON object or opens as one (`{"`), else text."""
    if options.input_format == "text":
        yield from _read_text(stream.read(), name, options)
        return
    head: list[bytes] = []
    line = stream.readline()
    while line and not line.strip():
        head.append(line)
        line = stream.readline()
    if line:
        head.append(line)
    if options.input_format == "jsonl" or (line and _is_json_object(line)):
        yield from _read_jsonl(_chain(head, stream), name, options, lazy)
    else:
        yield from _read_text(b"".join(head) + stream.read(), name, options)


def _is_json_object(line: bytes) -> bool:
    """Whether a stream's first line opens JSONL: a JSON object, or a line that opens as a record does (`{"`) and
    is a record broken (it is reported as invalid JSON, not read as the first line of a text page)."""
    stripped = line.removeprefix(BOM).strip()
    if not stripped.startswith(b"{"):
        return False
    if stripped[1:].lstrip().startswith(b'"'):
        return True
    try:
        return isinstance(jsonio.loads(stripped), dict)
    except (ValueError, RecursionError):
        return False


def _chain(head: list[bytes], rest: IO[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest


def _read_text(data: bytes, name: str, options: InputOptions) -> Iterator[RawDocument | InputError]:
    skipped = binary_error(data, name, options.encoding)
    if skipped is not None:
        yield skipped
        return
    try:
        text = decode(data, name, options.encoding)
    except InputError as exc:
        yield exc
        return
    yield RawDocument(id=display_name(name), text=text, file=name, size=len(data))


def _read_jsonl(
    lines, name: str, options: InputOptions, lazy: bool = False
) -> Iterator[RawDocument | InputError | RawLine]:
    unsplittable = _unsplittable(name, options)
    if unsplittable is not None:
        yield unsplittable
        return
    if lazy:
        offset = 0
        for lineno, raw in enumerate(lines, 1):
            skipped = binary_error(raw, name, options.encoding, jsonl=True) if lineno == 1 else None
            if skipped is not None:
                yield skipped
                return
            if raw.strip():
                yield RawLine(raw, name, lineno, offset)
            offset += len(raw)
        return
    for unit in _jsonl_units(lines, name, options):
        if unit.item is not None:
            yield unit.item


@dataclass(slots=True)
class RawLine:
    """A JSONL line read but not parsed yet: parsing happens where the document is cleaned."""

    raw: bytes
    name: str
    lineno: int
    start: int

    @property
    def size(self) -> int:
        return len(self.raw)


def resolve(item: RawDocument | InputError | RawLine, options: InputOptions) -> RawDocument | InputError | None:
    """An item of `read_inputs(..., lazy=True)` as `read_inputs` would have given it (None: a blank line)."""
    if isinstance(item, RawLine):
        return _parse_line(item.raw, item.name, item.lineno, item.start, options)
    return item


def _jsonl_units(lines, name: str, options: InputOptions) -> Iterator[Unit]:
    """Each line of a JSONL stream with what it holds; a binary stream is one error and nothing else."""
    unsplittable = _unsplittable(name, options)
    if unsplittable is not None:
        yield Unit(b"", unsplittable, None)
        return
    offset = 0
    for lineno, raw in enumerate(lines, 1):
        start = offset
        offset += len(raw)
        skipped = binary_error(raw, name, options.encoding, jsonl=True) if lineno == 1 else None
        if skipped is not None:
            yield Unit(raw, skipped, None)
            return
        yield Unit(raw, _parse_line(raw, name, lineno, start, options), lineno)


def _unsplittable(name: str, options: InputOptions) -> InputError | None:
    """JSONL is split into lines before each is decoded: an encoding whose line break is not the byte `\\n`
    (UTF-16, UTF-32) cannot be read so, and says that once instead of an error on every line."""
    if options.encoding and "\n".encode(options.encoding) != b"\n":
        return InputError(name, f"JSONL is read line by line, which {options.encoding} cannot be; convert it to UTF-8")
    return None


def _parse_line(
    raw: bytes, name: str, lineno: int, start: int, options: InputOptions
) -> RawDocument | InputError | None:
    """One JSONL line: a document, the error that keeps it from being one, or None for a blank line."""
    if not raw.strip():
        return None
    if lineno == 1 and raw.startswith(BOM):  # Windows tools open a file with one
        raw, start = raw[len(BOM) :], start + len(BOM)
    try:
        line = decode(raw, name, options.encoding, lineno, start)
    except InputError as exc:
        return exc
    try:
        record = jsonio.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(name, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})", lineno)
    except RecursionError:
        return InputError(name, "invalid JSON (nested too deeply to read)", lineno)
    except ValueError as exc:  # valid JSON that Python will not read: an integer of thousands of digits
        return InputError(name, f"unreadable JSON ({str(exc).split(';')[0]})", lineno)
    if not isinstance(record, dict):
        return InputError(name, "invalid JSON record (expected an object)", lineno)
    if "\\ud" in line or "\\uD" in line:  # JSON lets an escape name half a surrogate pair: no Unicode text
        field = _lone_surrogate(record)
        if field is not None:
            return InputError(name, f"lone surrogate escape in field {field!r} (not Unicode text)", lineno)
    doc = _record(record, name, lineno, options)
    if isinstance(doc, RawDocument):
        doc.size = len(raw)
    return doc


BOM = b"\xef\xbb\xbf"


def _lone_surrogate(value, field: str = "") -> str | None:
    """The field (dotted path) of the first string, key or value, that holds half a surrogate pair, or None."""
    if isinstance(value, str):
        return field if any("\ud800" <= ch <= "\udfff" for ch in value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        path = f"{field}.{key}" if field else str(key)
        if isinstance(key, str) and _lone_surrogate(key) is not None:
            return path
        found = _lone_surrogate(item, path)
        if found is not None:
            return found
    return None


def is_state(record: dict) -> bool:
    """Whether a JSON object is a newsclean `json` record (from an earlier subcommand) rather than a page."""
    return "source" in record and "steps" in record and isinstance(record.get("stories"), list)


def _record(record: dict, name: str, lineno: int, options: InputOptions) -> RawDocument | InputError:
    """A JSONL record as a document; a newsclean `json` record continues with its state."""
    if is_state(record):
        doc_id = record.get("id")
        site = record.get("site")
        return RawDocument(
            id=str(doc_id) if doc_id is not None else f"{display_name(name)}:{lineno}",
            text=record["source"] if isinstance(record["source"], str) else "",
            file=name,
            line=lineno,
            fields=record.get("fields") or {},
            site=site if isinstance(site, str) else None,
            state=record,
        )
    if options.text_field not in record:
        hint = " (a newsclean record written with --no-source cannot be read again)" if "stories" in record else ""
        return InputError(name, f"no {options.text_field!r} field{hint}", lineno)
    text = record[options.text_field]
    if not isinstance(text, str):
        return InputError(name, f"field {options.text_field!r} is not a string ({jsonio.dumps(text)[:20]})", lineno)
    doc_id = record.get(options.id_field)
    fields = {k: v for k, v in record.items() if k not in (options.text_field, options.id_field)}
    site = record.get(options.site_field)
    return RawDocument(
        id=str(doc_id) if doc_id is not None else f"{display_name(name)}:{lineno}",
        text=text,
        file=name,
        line=lineno,
        fields=fields,
        site=site if isinstance(site, str) else None,
        record=record,
    )
