"""The wheel carries the rule packs: built, installed into a fresh virtual environment outside the source tree,
it cleans the seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next(dist.glob("newsclean-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    pip = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return env_dir


def test_wheel_ships_the_rule_packs(installed):
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import newsclean.engine.packs as p; print(p.rules_dir())"],
        capture_output=True,
        text=True,
        cwd=installed,
    )
    assert out.returncode == 0, out.stderr
    rules_dir = Path(out.stdout.strip())
    assert installed in rules_dir.parents
    assert (rules_dir / "base.yaml").is_file() and (rules_dir / "ar.yaml").is_file()


def test_installed_command_cleans_the_seed(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    out = subprocess.run(
        [str(installed / "bin" / "newsclean"), "clean", "--format", "json", str(seed)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["lang"] == "ar"
    assert [s["metadata"]["date"] for s in record["stories"]] == ["2023-08-23", None]
