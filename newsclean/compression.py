"""Compressed inputs and outputs, chosen by file suffix: `.gz`, `.bz2`, `.xz`, and `.zst` where `zstandard` is
installed. Streams are read and written incrementally, so a compressed corpus costs no more memory than a plain one.
"""

from __future__ import annotations

import lzma
import zlib
from typing import IO

SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
# What a damaged compressed file raises part-way through (gzip: OSError/EOFError/zlib.error; xz: LZMAError).
DECOMPRESSION_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


class CompressionError(Exception):
    """A suffix newsclean cannot handle here (`.zst` without the `zstandard` package)."""


def plain_name(name: str) -> str:
    """The name without its compression suffix: `pages.jsonl.gz` -> `pages.jsonl` (what decides the format)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_compressed(name: str) -> bool:
    return name.endswith(SUFFIXES)


def open_read(name: str) -> IO[bytes]:
    """The file's bytes, decompressed by suffix."""
    if name.endswith(".gz"):
        import gzip

        return gzip.open(name, "rb")
    if name.endswith(".bz2"):
        import bz2

        return bz2.open(name, "rb")
    if name.endswith(".xz"):
        return lzma.open(name, "rb")
    if name.endswith(".zst"):
        import io

        handle = open(name, "rb")
        return io.BufferedReader(_zstandard().ZstdDecompressor().stream_reader(handle, closefd=True))
    return open(name, "rb")


def wrap_write(name: str, raw: IO[bytes]) -> IO[bytes]:
    """A writer that compresses into `raw` by the suffix of `name` (or `raw` itself)."""
    if name.endswith(".gz"):
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if name.endswith(".bz2"):
        import bz2

        return bz2.BZ2File(raw, "wb")
    if name.endswith(".xz"):
        return lzma.LZMAFile(raw, "wb")
    if name.endswith(".zst"):
        return _zstandard().ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


def _zstandard():
    try:
        import zstandard
    except ImportError:
        raise CompressionError("reading or writing .zst needs the zstandard package (pip install zstandard)") from None
    return zstandard
