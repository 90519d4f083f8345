"""Mojibake made by encoding real text the ways it happens, repaired back exactly by the repair step.

The texts are the real excerpts of tests/data/chars/excerpts.jsonl (sources and licences named there), cut to
what the code page in question can encode.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsclean import mojibake
from newsclean.model import Document
from newsclean.repair import repair

from .conftest import DATA
from .test_chars import RULES

EXCERPTS = [json.loads(line) for line in (DATA / "chars" / "excerpts.jsonl").read_text(encoding="utf-8").splitlines()]
CLEAN = [e["out"] for e in EXCERPTS]
ARABIC = [e["out"] for e in EXCERPTS if e["lang"] == "ar"]


def repaired(text: str) -> str:
    return repair(Document.from_text("t", text), RULES).text


def sloppy(raw: bytes, codec: str) -> str:
    """Bytes as a sloppy decoder shows them: the codec, with the bytes it leaves undefined passed through."""
    return "".join(bytes([b]).decode(codec, errors="replace").replace("\ufffd", chr(b)) for b in raw)


def cp1256_encodable(text: str) -> str:
    """The text less the characters cp1256 cannot encode (so the legacy bytes exist)."""
    return "".join(ch for ch in text if ch.encode("cp1256", errors="ignore"))


@pytest.mark.parametrize("text", CLEAN, ids=[e["id"] for e in EXCERPTS])
def test_utf8_read_as_cp1256(text):
    assert repaired(text.encode("utf-8").decode("cp1256")) == text


@pytest.mark.parametrize("text", ARABIC, ids=[e["id"] for e in EXCERPTS if e["lang"] == "ar"])
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_cp1256_read_as_latin1_or_cp1252(text, codec):
    text = cp1256_encodable(text)
    assert repaired(sloppy(text.encode("cp1256"), codec)) == text


@pytest.mark.parametrize("text", CLEAN, ids=[e["id"] for e in EXCERPTS])
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_utf8_read_as_latin1_or_cp1252(text, codec):
    assert repaired(sloppy(text.encode("utf-8"), codec)) == text


@pytest.mark.parametrize("text", CLEAN, ids=[e["id"] for e in EXCERPTS])
def test_clean_text_is_left_alone(text):
    for fixer in (mojibake.utf8_as_latin1, mojibake.utf8_as_cp1256, mojibake.cp1256_as_latin1):
        assert fixer(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le président est arrivé à Paris où il a été reçu à l'Élysée.",
        "Ça coûte 10 € — «très cher», dit-il… Straße, Ærø, Œuvre",
        "ضبط، وربط» ثم ا، ب« ج؛",
        "café Ã la carte",
    ],
)
def test_text_that_only_looks_alike_is_left_alone(text):
    assert repaired(text) == text


def test_ftfy_is_imported_lazily_and_only_where_the_telltale_is():
    code = (
        "import sys; from newsclean import mojibake as m; "
        "m.utf8_as_latin1('نص عربي نظيف «نعم» café'); print('ftfy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_curly_quotes_survive_ftfy():
    text = "قال “نعم” و‘لا’"
    assert repaired(sloppy(text.encode("utf-8"), "cp1252")) == text
