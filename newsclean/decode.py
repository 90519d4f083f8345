"""Bytes to text: strict UTF-8 (or the encoding the user names), with errors that say where and what to try."""

from __future__ import annotations

import codecs

BINARY_PROBE = 8192


class InputError(Exception):
    """One input (a file, or a line of a JSONL file) that cannot be read; the run goes on without it."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")

    def __reduce__(self):
        """Pickled with its own arguments: a worker process of `-j N` gets the error whole (Exception would
        pickle the formatted message alone)."""
        return (type(self), (self.file, self.message, self.line))


def looks_binary(data: bytes, encoding: str | None = None) -> bool:
    """NUL bytes together with undecodable bytes early in a file mean binary (DESIGN.md, Conventions: Bad files).

    NUL bytes alone are stray controls the character step removes: a whole real corpus ends each file with one.
    The encoding a user names decides what is undecodable: UTF-16 text is full of NUL bytes.
    """
    head = data[:BINARY_PROBE]
    if b"\x00" not in head:
        return False
    try:
        head.decode(encoding if _wide(encoding) else "utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 4  # a character cut by the probe's edge is not a decoding error
    return False


def _wide(encoding: str | None) -> bool:
    """UTF-16 or UTF-32: encodings whose text holds NUL bytes (a one-byte codec such as cp1256 decodes any bytes,
    so it cannot tell text from binary)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:  # an unknown encoding: decode() names it
        return False


def binary_error(data: bytes, file: str, encoding: str | None = None, jsonl: bool = False) -> InputError | None:
    """The error that skips a file whose head looks binary, or None: UTF-16 or UTF-32 text (told by its
    byte-order mark) is text in another encoding, so the message says which to name (a JSONL file, read line by
    line at its newline bytes, must be converted instead)."""
    if not looks_binary(data, encoding):
        return None
    for bom, name in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            if jsonl:
                return InputError(
                    file, f"{name.upper()} text, not UTF-8: JSONL must be UTF-8 (iconv -f {name} -t utf-8), skipped"
                )
            return InputError(file, f"{name.upper()} text, not UTF-8 (try --encoding {name}), skipped")
    return InputError(file, "binary file (NUL and undecodable bytes), skipped")


def decode(data: bytes, name: str, encoding: str | None = None, line: int | None = None, offset: int = 0) -> str:
    """Decode `data`; `offset` is where it starts in its file, so errors give file byte positions."""
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"not {encoding} at byte {offset + exc.start}", _line(data, exc, line)) from None
        except LookupError:
            raise InputError(name, f"unknown encoding {encoding!r}", line) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 at byte {offset + exc.start} (try --encoding cp1256)"
        raise InputError(name, message, _line(data, exc, line)) from None


def _line(data: bytes, exc: UnicodeDecodeError, line: int | None) -> int:
    """The line the undecodable byte stands on: the given one (a JSONL record's), else counted in `data`."""
    return line if line is not None else data.count(b"\n", 0, exc.start) + 1
