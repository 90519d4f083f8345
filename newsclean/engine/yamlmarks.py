"""YAML loading that remembers where each mapping and list started, so pack errors can say `FILE:LINE`.

`yaml.safe_load` drops positions; a SafeLoader subclass whose containers carry their start line keeps them
(DESIGN.md, Conventions: Rule-pack errors).
"""

from __future__ import annotations

from typing import Any

import yaml


class MarkedDict(dict):
    """A mapping that knows the line it started on and the line of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list):
    """A sequence that knows the line it started on and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser (when PyYAML was built with it) reads the shipped packs ten times faster; the constructors,
# and so the line numbers, are the same Python code either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkedLoader(_Base):
    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        out = MarkedDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in out:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            out[key] = self.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    def construct_sequence(self, node, deep=False):
        out = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out


_MarkedLoader.add_constructor("tag:yaml.org,2002:map", _MarkedLoader.construct_mapping)
_MarkedLoader.add_constructor("tag:yaml.org,2002:seq", _MarkedLoader.construct_sequence)


def load_marked(text: str) -> Any:
    """Parse YAML safely (no arbitrary objects), keeping line numbers on mappings and lists."""
    return yaml.load(text, Loader=_MarkedLoader)  # noqa: S506 - a SafeLoader (or CSafeLoader) subclass
