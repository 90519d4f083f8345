"""JSON for the data path: orjson where it is installed (twice as fast as the standard library both ways),
with the standard library's answers wherever orjson refuses or fails (its error messages are the ones users see)."""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # orjson is a dependency; a bare environment still works, more slowly
    orjson = None


def dumps(value: Any) -> str:
    """Compact JSON text, non-ASCII characters as they are."""
    if orjson is not None:
        try:
            return orjson.dumps(value).decode("utf-8")
        except TypeError:  # a value orjson will not take (e.g. an int beyond 64 bits): let json decide
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(data: str | bytes) -> Any:
    """A JSON value; invalid JSON raises json.JSONDecodeError with the standard library's message."""
    if orjson is not None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # re-read below: json's message and position are the ones documented for users
    return json.loads(data)
