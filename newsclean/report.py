"""What a run did, and the one place its exit code is decided (DESIGN.md, Conventions: Exit codes).

As black's `report.py`: commands count what happened here and ask `exit_code` at the end; no other module picks
a number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from .model import Document


class Exit(IntEnum):
    OK = 0  # success, or nothing to change
    CHANGED = 1  # `check` found inputs that would change (also: `rules test`/`rules lint` found problems)
    USAGE = 2  # usage error or bad rule pack, reported before any input is touched
    FAILED = 3  # some inputs failed; the others were processed (wins over CHANGED)


@dataclass
class Report:
    """Counts over a run: documents, stories, files, failures, and what each rule removed or changed."""

    documents: int = 0
    stories: int = 0
    failed: int = 0
    changed: int = 0
    unchanged: int = 0
    bytes_read: int = 0
    removed: Counter = field(default_factory=Counter)
    removed_chars: Counter = field(default_factory=Counter)
    changes: Counter = field(default_factory=Counter)
    changed_chars: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)
    worker_peaks: dict[int, int] = field(default_factory=dict)  # pid -> peak resident memory (KiB), for -j N

    def fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)

    def add(self, doc: Document) -> None:
        """Count one cleaned document: its stories and every edit in its log, by rule."""
        self.documents += 1
        self.stories += len(doc.stories)
        for e in doc.log.edits:
            if e.removed:
                self.removed[e.rule] += 1
                self.removed_chars[e.rule] += e.end - e.start
            else:
                self.changes[e.rule] += 1
                self.changed_chars[e.rule] += max(e.end - e.start, len(e.new))

    def merge(self, other: Report) -> None:
        """Add the counts of another report (a worker's, for `-j N`)."""
        self.documents += other.documents
        self.stories += other.stories
        self.failed += other.failed
        self.errors.extend(other.errors)
        self.removed.update(other.removed)
        self.removed_chars.update(other.removed_chars)
        self.changes.update(other.changes)
        self.changed_chars.update(other.changed_chars)

    def worker_peak(self, pid: int, peak_kb: int) -> None:
        self.worker_peaks[pid] = max(peak_kb, self.worker_peaks.get(pid, 0))

    def file_changed(self, name: str) -> None:
        self.changed += 1
        self.changed_files.append(name)

    def exit_code(self, check: bool = False) -> Exit:
        if self.failed:
            return Exit.FAILED
        if check and self.changed:
            return Exit.CHANGED
        return Exit.OK

    def summary(self) -> dict[str, Any]:
        """The `--stats` figures as plain data (what `--stats-json` writes)."""
        rules = sorted(set(self.removed) | set(self.changes))
        return {
            "documents": self.documents,
            "stories": self.stories,
            "pieces_removed": sum(self.removed.values()),
            "characters_removed": sum(self.removed_chars.values()),
            "character_changes": sum(self.changes.values()),
            "characters_changed": sum(self.changed_chars.values()),
            "errors": self.failed,
            "files_changed": self.changed,
            "files_unchanged": self.unchanged,
            "bytes_read": self.bytes_read,
            "rules": {
                r: {
                    "removed": self.removed[r],
                    "removed_chars": self.removed_chars[r],
                    "changes": self.changes[r],
                    "changed_chars": self.changed_chars[r],
                }
                for r in rules
            },
            "error_messages": list(self.errors),
            "peak_rss_mb": _peak_mb(),
            "worker_peak_rss_mb": sorted(round(kb / 1024, 1) for kb in self.worker_peaks.values()),
        }


def lint_exit(errors: int, findings: int) -> Exit:
    """`rules lint`: a pack that does not load is a rule error (2); other findings fail like a check (1)."""
    if errors:
        return Exit.USAGE
    if findings:
        return Exit.CHANGED
    return Exit.OK


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MiB."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
