"""`newsclean rules lint`: problems in rule packs beyond what stops a pack from loading.

Loading already rejects a bad schema, a pattern that does not compile and an id used twice in one pack; lint
reports those for every pack at once (instead of stopping at the first) and adds what loading allows:
- a rule without `examples` (a pack documents and tests itself, DESIGN.md: Rules are data);
- an id defined by two shipped packs of the default set (one silently replaces the other: an error);
- an id a user or site pack redefines (it shadows the earlier rule: meant, usually, so a warning).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import PackError
from .packs import Pack, load_rules, rules_dir, shipped_packs
from .patterns import DEFAULT_TIMEOUT

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, printed as `FILE:LINE: rule ID: message` (as pack errors are)."""

    file: str
    line: int
    rule: str | None
    message: str
    severity: str = ERROR
    loads: bool = True  # False: the pack does not load at all

    def __str__(self) -> str:
        where = (f"{self.file}:{self.line}: " if self.line else f"{self.file}: ") + (
            f"rule {self.rule}: " if self.rule else ""
        )
        return where + self.message + (" (warning)" if self.severity == WARNING else "")


def lint(targets: Iterable[str] = (), timeout: float = DEFAULT_TIMEOUT) -> list[Problem]:
    """Problems in the `targets` packs (names or paths; default: every shipped pack), in file and line order."""
    targets = list(targets) or shipped_packs()
    problems: set[Problem] = set()
    target_files: set[str] = set()
    packs: dict[str, Pack] = {}
    for name in shipped_packs() + [t for t in targets if t not in shipped_packs()]:
        try:
            loaded = load_rules([name], defaults=False, timeout=timeout).packs
        except PackError as exc:
            if name in targets:
                problems.add(Problem(exc.file, exc.line, exc.rule, exc.message, ERROR, loads=False))
            continue
        for pack in loaded:
            packs.setdefault(_key(pack.file), pack)
        if name in targets:
            target_files.add(_key(loaded[-1].file))
    for key in target_files:
        for rule in packs[key].rules:
            if not rule.examples:
                problems.add(Problem(rule.file, rule.line, rule.id, "no examples (add `examples:` for `rules test`)"))
    problems |= _duplicates(packs, target_files)
    return sorted(problems, key=lambda p: (p.file, p.line, p.rule or "", p.message))


def _key(file: str) -> str:
    return str(Path(file).resolve())


def _default_set() -> set[str]:
    """Files of the shipped packs that are not per-site packs: those all load together by default."""
    root = rules_dir()
    return {_key(str(p)) for p in root.rglob("*.yaml") if p.parent.name != "sites"}


def _duplicates(packs: dict[str, Pack], target_files: set[str]) -> set[Problem]:
    """Ids defined in more than one pack: an error among the default packs, a shadowing warning otherwise."""
    defaults = _default_set()
    order = sorted(packs, key=lambda k: (k not in defaults, k))
    first: dict[str, tuple[str, object]] = {}
    out: set[Problem] = set()
    for key in order:
        for rule in packs[key].rules:
            if rule.id not in first:
                first[rule.id] = (key, rule)
                continue
            other_key, other = first[rule.id]
            if key not in target_files and other_key not in target_files:
                continue
            if key in defaults and other_key in defaults:
                message = f"duplicate id: also defined at {other.file}:{other.line} (pack {other.pack})"
                out.add(Problem(rule.file, rule.line, rule.id, message))
            else:
                message = f"shadows the rule defined at {other.file}:{other.line} (pack {other.pack})"
                out.add(Problem(rule.file, rule.line, rule.id, message, WARNING))
    return out
