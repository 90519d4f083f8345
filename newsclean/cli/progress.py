"""The progress bar of long runs: documents done, MB/s, errors, on stderr when stderr is a terminal.

Nothing is drawn when stderr is piped or redirected, so logs and CI output stay clean; and nothing while the data
itself streams to the same terminal on stdout, where the bar would tear through it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..inputs import suffix_format
from . import messages


class Progress:
    """`with Progress(enabled, total_bytes) as p: p.advance(nbytes); p.error()` — a no-op when disabled."""

    def __init__(self, enabled: bool, total_bytes: int | None = None, console=None) -> None:
        self.enabled = enabled
        self.total = total_bytes
        self.console = console
        self._bar = None
        self._task = None
        self.documents = 0
        self.errors = 0

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn

        console = self.console or Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]newsclean[/]"),
            BarColumn(),
            TextColumn("{task.fields[documents]} documents"),
            TransferSpeedColumn(),
            TextColumn("{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("clean", total=self.total or None, documents=0, errors=0)
        messages.set_live_console(console)
        return self

    def advance(self, nbytes: int) -> None:
        self.documents += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=nbytes, documents=self.documents)

    def error(self) -> None:
        self.errors += 1
        if self._bar is not None:
            self._bar.update(self._task, errors=self.errors)

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._bar is not None:
            messages.set_live_console(None)
            self._bar.stop()


def wanted(writes_stdout: bool) -> bool:
    """A bar on stderr when it is a terminal, unless stdout (carrying data) is the same terminal."""
    if not messages.stderr_is_terminal():
        return False
    return not (writes_stdout and messages.stdout_is_terminal())


def input_bytes(names: Iterable[str]) -> int | None:
    """The size of the inputs, for the bar's length; None when one of them is stdin (of unknown length)."""
    total = 0
    for name in names:
        if name == "-":
            return None
        try:
            if os.path.isdir(name):
                for folder, _, files in os.walk(name):
                    total += sum(
                        os.path.getsize(os.path.join(folder, f)) for f in files if suffix_format(f) is not None
                    )
            else:
                total += os.path.getsize(name)
        except OSError:
            continue
    return total
