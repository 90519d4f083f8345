"""Writing files so that a crash never leaves a mix: a temporary file in the same folder, fsync, rename.

`--in-place`, `-o FILE` and `--stats-json FILE` all write through `AtomicWriter` (DESIGN.md, Conventions: In
place). A reader of the target sees the old file or the new one, whole, at every moment: the new bytes go to a
temporary file next to it, reach the disk (fsync), take over the old file's permissions and only then replace it
(`os.replace` is atomic within one file system). A process killed before the rename leaves the old file and a
stray `.NAME.*.newsclean.tmp` beside it, never a truncated target. A file no one may write (mode 0444) is not
replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from typing import IO

from .compression import open_read, wrap_write

TEMP_SUFFIX = ".newsclean.tmp"


class AtomicWriter:
    """Write `path` atomically: `with AtomicWriter(p) as w: w.write(b"..."); w.commit()`.

    Leaving the block without `commit()` (an error, or nothing worth writing) discards the temporary file and
    leaves the target as it was. A symlink is followed, so the link stays a link to the rewritten file.
    """

    def __init__(self, path: str) -> None:
        self.given = path
        self.path = os.path.realpath(path)
        self._tmp: str | None = None
        self._handle: IO[bytes] | None = None
        self.committed = False

    def __enter__(self) -> AtomicWriter:
        if _special(self.given):
            # a device or a pipe (`-o /dev/null`, `/dev/stdout`): written straight, never replaced by a file
            self._handle = open(self.given, "wb")  # noqa: SIM115 - closed by commit or __exit__
            return self
        if read_only(self.path):  # the rename would go through; the owner's "do not change" would not
            raise PermissionError(errno.EACCES, "read-only file", self.given)
        folder, name = os.path.split(self.path)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
        self._handle = os.fdopen(fd, "wb")
        return self

    @property
    def file(self) -> IO[bytes]:
        """The temporary file, for writers that wrap a binary stream (text output)."""
        return self._handle

    def write(self, data: bytes) -> None:
        self._handle.write(data)

    def commit(self) -> None:
        """Make the new content the file: flush, fsync, copy the old permissions, rename, fsync the folder."""
        handle = self._handle
        handle.flush()
        if self._tmp is None:  # a device or a pipe, written straight
            handle.close()
            self.committed = True
            return
        os.fsync(handle.fileno())
        _copy_permissions(self.path, handle.fileno())
        handle.close()
        os.replace(self._tmp, self.path)
        self._tmp = None
        _fsync_folder(os.path.dirname(self.path))
        self.committed = True

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self._handle is not None and not self._handle.closed:
                self._handle.close()  # may flush what a full disk cannot take: the temporary file goes all the same
        finally:
            if self._tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self._tmp)
                self._tmp = None


def read_only(path: str) -> bool:
    """Whether `path` is a file that no one may write (mode 0444), which a rename would replace all the same."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o222 == 0
    except OSError:
        return False


def _special(path: str) -> bool:
    """Whether `path` exists and is not a regular file (a device, a pipe, a socket)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _copy_permissions(target: str, fd: int) -> None:
    """The old file's mode (and owner, where we may set it) on the new one; a new file gets the umask's mode."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, st.st_uid, st.st_gid)


def _fsync_folder(folder: str) -> None:
    """The rename itself reaches the disk (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` in one step."""
    with AtomicWriter(path) as writer:
        writer.write(data)
        writer.commit()


class LazyRewrite:
    """A file's new content, piece by piece (`add(old, new)` for each piece, in order), written atomically.

    Nothing is opened while the pieces equal the old ones: a file that does not change is never rewritten (its
    inode and times stay). At the first piece that differs, a temporary file starts with the unchanged bytes
    copied from the original; `commit()` puts it in place, leaving without `commit()` discards it. A compressed
    file (`.gz`, `.bz2`, `.xz`, `.zst`) is rewritten compressed the same way: the pieces are its decompressed bytes.
    """

    _CHUNK = 1 << 20

    def __init__(self, path: str) -> None:
        self.path = path
        self._writer: AtomicWriter | None = None
        self._out: IO[bytes] | None = None  # the temporary file, or a compressor writing into it
        self._same = 0

    @property
    def changed(self) -> bool:
        return self._writer is not None

    def add(self, old: bytes, new: bytes) -> None:
        if self._writer is None:
            if new == old:
                self._same += len(old)
                return
            self._writer = AtomicWriter(self.path).__enter__()
            self._out = wrap_write(self.path, self._writer.file)
            with open_read(self.path) as original:
                left = self._same
                while left:
                    chunk = original.read(min(left, self._CHUNK))
                    if not chunk:
                        raise OSError(f"{self.path} changed while it was being cleaned")
                    self._out.write(chunk)
                    left -= len(chunk)
        self._out.write(new)

    def commit(self) -> None:
        if self._writer is not None:
            if self._out is not self._writer.file:
                self._out.close()  # the compressed stream's trailer; the temporary file stays open for commit
            self._writer.commit()

    def __enter__(self) -> LazyRewrite:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._writer is not None:
            self._writer.__exit__(exc_type, exc, tb)
