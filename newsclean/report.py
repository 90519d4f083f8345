"""What a run did, and the one place its exit code is decided (DESIGN.md, Conventions: Exit codes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum


class Exit(IntEnum):
    OK = 0  # success, or nothing to change
    CHANGED = 1  # `check` found inputs that would change
    USAGE = 2  # usage error or bad rule pack, reported before any input is touched
    FAILED = 3  # some inputs failed; the others were processed (wins over CHANGED)


@dataclass
class Report:
    """Counts over a run: documents, stories, failures, and what each rule removed or changed."""

    documents: int = 0
    stories: int = 0
    failed: int = 0
    changed: int = 0
    removed: Counter = field(default_factory=Counter)
    removed_chars: Counter = field(default_factory=Counter)
    changes: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)

    def exit_code(self, check: bool = False) -> Exit:
        if self.failed:
            return Exit.FAILED
        if check and self.changed:
            return Exit.CHANGED
        return Exit.OK
