"""Instructions executed by `newsclean clean --format json`, counted by valgrind: start-up, and per page.

Wall time on a shared machine swings by a third between identical runs; the number of instructions a process
executes does not (two runs differ by under 0.1%). This counts them with `valgrind --tool=cachegrind
--cache-sim=no` for whole processes on an empty input and on the first `--small` and `--large` pages of the
sample (every 5th page of the corpus, as in `throughput.py`), and prints:

- start-up: the empty input (interpreter, imports, the rule packs);
- fixed cost: the small run less its pages (start-up plus what the first pages pay once: the date tables,
  langdetect's profiles);
- per page: (large run - small run) / (large - small), the steady state.

`--tree DIR` counts another checkout of newsclean (put first on PYTHONPATH), to compare two versions like with
like. Needs valgrind on PATH; about a minute per 100 pages.

Usage: python benchmarks/instructions.py [--corpus DIR] [--small N] [--large N] [--tree DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import DEFAULT_CORPUS, build_inputs, corpus_files

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(path: Path, tree: Path | None) -> int:
    """Instructions one whole `newsclean clean --format json PATH` process executes."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    argv = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    argv += [sys.executable, "-m", "newsclean", "clean", "--format", "json", str(path)]
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tempfile.gettempdir())
    found = _REFS.search(proc.stderr.decode("utf-8", "replace"))
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run on {path} failed ({proc.returncode}): {proc.stderr.decode()[-1000:]}")
    return int(found.group(1).replace(",", ""))


def head(source: Path, target: Path, pages: int) -> Path:
    with source.open("rb") as src, target.open("wb") as out:
        for _, line in zip(range(pages), src):
            out.write(line)
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--small", type=int, default=20, help="pages in the small run")
    ap.add_argument("--large", type=int, default=400, help="pages in the large run")
    ap.add_argument("--tree", type=Path, help="a checkout of newsclean to count instead of the installed one")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not on PATH")
    if not 0 < args.small < args.large:
        raise SystemExit("--small must be above 0 and below --large")

    work = Path(tempfile.mkdtemp(prefix="newsclean-instr-"))
    try:
        _, sample = build_inputs(corpus_files(args.corpus), work)
        empty = work / "empty.jsonl"
        empty.touch()
        small = head(sample, work / "small.jsonl", args.small)
        large = head(sample, work / "large.jsonl", args.large)
        start = instructions(empty, args.tree)
        a, b = instructions(small, args.tree), instructions(large, args.tree)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    per_page = (b - a) / (args.large - args.small)
    print(f"newsclean from {args.tree or 'the installed package'}; python {sys.version.split()[0]}")
    print(f"start-up (empty input)                 {start / 1e9:8.3f} G instructions")
    print(f"fixed cost (start-up, once-only work)  {(a - args.small * per_page) / 1e9:8.3f} G instructions")
    print(f"per page (steady state)                {per_page / 1e6:8.3f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
