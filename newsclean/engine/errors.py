"""Rule-pack errors: they name the file, the line in the YAML and the rule, and stop the run (exit 2)."""

from __future__ import annotations


class PackError(Exception):
    """A rule pack that cannot be used: `FILE:LINE: rule ID: what is wrong`."""

    def __init__(self, file: str, line: int, message: str, rule: str | None = None) -> None:
        self.file = file
        self.line = line
        self.rule = rule
        self.message = message
        where = (f"{file}:{line}: " if line else f"{file}: ") + (f"rule {rule}: " if rule else "")
        super().__init__(where + message)
