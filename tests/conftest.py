"""Shared fixtures: the default rule set (loaded once) and paths to the shipped example and test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean import load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "examples" / "arabi21-wagner.txt"


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
