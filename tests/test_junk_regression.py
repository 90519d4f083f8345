"""Real pages: each kind of junk comes out, the article around it stays, and prose that looks like junk stays.

The excerpts and their sources and licences: tests/data/junk/ (README.md)."""

from __future__ import annotations

import json

import pytest

from newsclean.emit import to_text
from newsclean.model import Document
from newsclean.pipeline import clean

from .conftest import DATA

CASES = [json.loads(line) for line in (DATA / "junk" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]


def _folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_real_page_excerpt(rules, case):
    doc = clean(Document.from_text(case["source"], case["text"], site=case["site"]), rules)
    out = _folded(to_text(doc))
    for piece in case["gone"]:
        assert _folded(piece) not in out, f"{case['source']}: left junk {piece!r}"
    for piece in case["kept"]:
        assert _folded(piece) in out, f"{case['source']}: lost content {piece!r}"
    for piece in case.get("once", []):
        assert out.count(_folded(piece)) == 1, f"{case['source']}: {piece!r} should stay exactly once"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_nothing_is_lost_but_junk(rules, case):
    """Every removed piece is logged with a rule id, and the letters that stay are the page's, in order."""
    doc = clean(Document.from_text(case["source"], case["text"], site=case["site"]), rules)
    removed = [e for e in doc.log.edits if e.removed]
    assert all(e.rule for e in removed)
    kept = iter(doc.source)
    assert all(ch in kept for ch in doc.text if ch.isalpha() and ch in doc.source)
