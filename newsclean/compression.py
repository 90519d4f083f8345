"""Compressed inputs and outputs, chosen by file suffix: `.gz`, `.bz2`, `.xz`, and `.zst` where `zstandard` is
installed. Streams are read and written incrementally, so a compressed corpus costs no more memory than a plain one.
"""

from __future__ import annotations

import io
import lzma
import zlib
from typing import IO

SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
# What a damaged compressed file raises part-way through (gzip: OSError/EOFError/zlib.error; xz: LZMAError).
DECOMPRESSION_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


class CompressionError(Exception):
    """A suffix newsclean cannot handle here (`.zst` without the `zstandard` package)."""


def compression(name: str) -> str | None:
    """The compression suffix `name` ends with, in any letter case (`.gz` for `PAGES.JSONL.GZ`), or None."""
    lower = name[-4:].lower()
    return next((suffix for suffix in SUFFIXES if lower.endswith(suffix)), None)


def plain_name(name: str) -> str:
    """The name without its compression suffix: `pages.jsonl.gz` -> `pages.jsonl` (what decides the format)."""
    suffix = compression(name)
    return name[: -len(suffix)] if suffix else name


def is_compressed(name: str) -> bool:
    return compression(name) is not None


def open_read(name: str) -> IO[bytes]:
    """The file's bytes, decompressed by suffix."""
    suffix = compression(name)
    if suffix == ".gz":
        import gzip

        return gzip.open(name, "rb")
    if suffix == ".bz2":
        import bz2

        return bz2.open(name, "rb")
    if suffix == ".xz":
        return lzma.open(name, "rb")
    if suffix == ".zst":
        return io.BufferedReader(_ZstdReader(name))
    return open(name, "rb")


def wrap_write(name: str, raw: IO[bytes]) -> IO[bytes]:
    """A writer that compresses into `raw` by the suffix of `name` (or `raw` itself)."""
    suffix = compression(name)
    if suffix == ".gz":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if suffix == ".bz2":
        import bz2

        return bz2.BZ2File(raw, "wb")
    if suffix == ".xz":
        return lzma.LZMAFile(raw, "wb")
    if suffix == ".zst":
        return _zstandard().ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


def check_writable(name: str) -> None:
    """Raise CompressionError where `name`'s suffix asks for a compressor this installation lacks (checked before
    any input is read, so the run stops as a usage error instead of after the work)."""
    if compression(name) == ".zst":
        _zstandard()


class _ZstdReader(io.RawIOBase):
    """The frames of a .zst file, decompressed, as a raw stream. Errors are OSError, as gzip's are: a damaged
    frame, or a file that ends inside one (a truncated download, which zstandard's own stream reader takes for
    the end of the data)."""

    _CHUNK = 1 << 17

    def __init__(self, name: str) -> None:
        super().__init__()
        self._zstd = _zstandard()
        self._file = open(name, "rb")
        self._frame = self._zstd.ZstdDecompressor().decompressobj()
        self._pending = b""
        self._started = False  # whether the current frame has taken any bytes yet

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            data = self._file.read(self._CHUNK)
            if not data:
                if self._started and not self._frame.eof:
                    raise OSError("zstd: the file ends inside a frame (truncated?)")
                return 0
            self._feed(data)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _feed(self, data: bytes) -> None:
        while data:
            if self._frame.eof:  # the next frame of a file of several
                self._frame = self._zstd.ZstdDecompressor().decompressobj()
            self._started = True
            try:
                self._pending += self._frame.decompress(data)
            except self._zstd.ZstdError as exc:
                raise OSError(f"zstd: {exc}") from None
            data = self._frame.unused_data if self._frame.eof else b""

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


def _zstandard():
    try:
        import zstandard
    except ImportError:
        raise CompressionError("reading or writing .zst needs the zstandard package (pip install zstandard)") from None
    return zstandard
