"""The real pre-commit runs this checkout's hooks (`pre-commit try-repo`) in a temporary git repository.

Slow (pre-commit installs newsclean from the checkout, with its dependencies from PyPI, into a fresh
environment: about a minute); marked `slow`, and part of the default `pytest` run. pre-commit itself comes from
the test environment when it has it, else it is installed once into a virtual environment kept in pytest's cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, SEED

pytestmark = pytest.mark.slow

IGNORED = (".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "build", "dist")


def _pre_commit(cache_dir: Path) -> list[str]:
    try:
        import pre_commit  # noqa: F401

        return [sys.executable, "-m", "pre_commit"]
    except ImportError:
        pass
    env = cache_dir / "venv"
    exe = env / ("Scripts" if os.name == "nt" else "bin") / "pre-commit"
    if not exe.exists():
        venv.create(env, with_pip=True)
        pip = env / ("Scripts" if os.name == "nt" else "bin") / "pip"
        subprocess.run([str(pip), "install", "-q", "pre-commit>=3"], check=True, capture_output=True, timeout=300)
    return [str(exe)]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(dst: Path) -> Path:
    """This checkout as it is on disk (committed or not) as a clean repository, so try-repo installs exactly it."""
    shutil.copytree(ROOT, dst, ignore=shutil.ignore_patterns(*IGNORED, "*.egg-info", "*.pyc"))
    _git(dst, "init", "-q")
    _git(dst, "add", "-A")
    _git(dst, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "snapshot")
    return dst


@pytest.fixture(scope="module")
def pre_commit(request) -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return _pre_commit(request.config.cache.mkdir("newsclean-pre-commit"))


def test_fixing_hook_rewrites_a_dirty_file_and_the_second_run_passes(tmp_path, pre_commit):
    hooks = _snapshot(tmp_path / "newsclean")
    repo = tmp_path / "corpus"
    repo.mkdir()
    _git(repo, "init", "-q")
    dirty = repo / "page.txt"
    shutil.copy(SEED, dirty)
    records = repo / "pages.jsonl"
    shutil.copy(DATA / "cli" / "records.jsonl", records)
    (repo / "notes.md").write_text("not a page\n", encoding="utf-8")
    _git(repo, "add", "-A")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run(
            [*pre_commit, "try-repo", str(hooks), "--all-files", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    first = try_repo()
    log = first.stdout + first.stderr
    assert first.returncode == 1, log
    assert "newsclean check" in log and "newsclean fix" in log
    assert "page.txt" in log and "pages.jsonl" in log  # the check hook lists them
    assert "files were modified by this hook" in log
    from click.testing import CliRunner

    from newsclean.cli import main

    expected = CliRunner().invoke(main, ["clean", str(SEED)]).stdout_bytes
    assert dirty.read_bytes() == expected
    expected_records = tmp_path / "expected.jsonl"
    shutil.copy(DATA / "cli" / "records.jsonl", expected_records)
    assert CliRunner().invoke(main, ["clean", "--in-place", str(expected_records)]).exit_code == 0
    assert records.read_bytes() == expected_records.read_bytes()
    assert (repo / "notes.md").read_text(encoding="utf-8") == "not a page\n"

    _git(repo, "add", "-A")
    second = try_repo()
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2, second.stdout
    assert dirty.read_bytes() == expected
