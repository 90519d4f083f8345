"""Throughput of `newsclean clean --format json` against the obvious script and a floor, whole processes timed.

Every figure is the median wall time of `--runs` runs of a whole process (start-up included), on this machine,
in one run of this script, so the ratios compare like with like:

1. sample (every 5th page of the corpus files, about 2,000 pages): newsclean against the naive script a user
   would write with the same libraries (JSON in and out, `ftfy.fix_text` and a seeded `langdetect.detect` on
   every page);
2. whole corpus: newsclean at -j 1 against a floor (JSON in and out, one `str.translate` and one regex search a
   page), and -j 2 against -j 1 beside the machine's own ceiling (one CPU-bound loop run twice in one process
   against once in each of two processes);
3. a file of about 1 GB (the corpus repeated): peak resident memory at -j 1, and each worker's at -j 2.

The commands a ratio compares take turns, one run of each per round, so that a machine that slows down or
speeds up during the script (a shared host does) moves all of them alike. Every command runs once untimed before
its timed runs, with bytecode written to a cache in the temporary directory
(`PYTHONPYCACHEPREFIX`, whatever `PYTHONDONTWRITEBYTECODE` says): the timed runs then start as a pip install does,
from compiled modules, the naive script's libraries and newsclean alike, and read their input from the page cache.

Usage: python benchmarks/throughput.py [--corpus DIR] [--runs N] [--big-mb MB] [--skip-big | --only-big]
(default corpus: ../shared/data/corpus, relative to the repository root)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "data" / "corpus"

NAIVE = """
import json, sys
import ftfy
from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException
DetectorFactory.seed = 0
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    text = ftfy.fix_text(record["text"])
    try:
        lang = detect(text)
    except LangDetectException:
        lang = None
    out.write(json.dumps({"id": record.get("id"), "lang": lang, "text": text}, ensure_ascii=False) + "\\n")
"""

FLOOR = """
import json, re, sys
TABLE = str.maketrans({"\\u06cc": "\\u064a", "\\u06a9": "\\u0643"})
MARKER = re.compile("\\u0627\\u0642\\u0631\\u0623 \\u0623\\u064a\\u0636\\u0627")
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    text = record["text"].translate(TABLE)
    hit = MARKER.search(text) is not None
    out.write(json.dumps({"id": record.get("id"), "text": text, "marker": hit}, ensure_ascii=False) + "\\n")
"""

CEILING = """
import sys, multiprocessing as mp
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    n = 30_000_000
    if sys.argv[1] == "1":
        work(n); work(n)
    else:
        with mp.get_context("fork").Pool(2) as pool:
            pool.map(work, [n, n])
"""


def newsclean_command() -> list[str]:
    """The installed command beside this interpreter, else the module."""
    exe = Path(sys.executable).parent / "newsclean"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "newsclean"]


def bytecode_env() -> dict[str, str]:
    """The environment of every timed process: modules compiled once into a cache of their own, then loaded
    compiled (a checkout installed in editable mode has no bytecode where `PYTHONDONTWRITEBYTECODE` is set)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "newsclean-bench-pycache")
    return env


ENV = bytecode_env()


def run_once(argv: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, usage.ru_maxrss


def median_times(*commands: list[str], runs: int) -> list[float]:
    """Each command's median of `runs` timed runs, after one untimed run of each (bytecode written, input in the
    page cache); the commands take turns, one run of each per round."""
    for argv in commands:
        run_once(argv)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, seconds in zip(commands, times):
            seconds.append(run_once(argv)[0])
    return [statistics.median(seconds) for seconds in times]


def describe(label: str, seconds: float, megabytes: float, pages: int) -> str:
    return f"{label:<44} {seconds:8.2f} s  {megabytes / seconds:7.2f} MB/s  {pages / seconds:9.0f} pages/s"


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(corpus.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no *.jsonl files in {corpus}")
    return files


def build_inputs(files: list[Path], work: Path) -> tuple[Path, Path]:
    """The whole corpus concatenated, and the sample of every 5th page."""
    whole, sample = work / "corpus.jsonl", work / "sample.jsonl"
    with whole.open("w", encoding="utf-8") as w, sample.open("w", encoding="utf-8") as s:
        n = 0
        for file in files:
            for line in file.open(encoding="utf-8"):
                if not line.strip():
                    continue
                w.write(line if line.endswith("\n") else line + "\n")
                if n % 5 == 0:
                    s.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return whole, sample


def stats(path: Path) -> tuple[float, int]:
    """Megabytes and lines, read a block at a time: this process stays small (see `repeat`)."""
    size = lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            size += len(block)
            lines += block.count(b"\n")
    return size / 1e6, lines


def repeat(source: Path, target: Path, megabytes: int) -> None:
    """`source` copied into `target` until it holds `megabytes`, a block at a time.

    The peak memory a process reports includes what its parent held when it started it (Linux starts a child
    with vfork, and exec passes the parent's high-water mark on), so the benchmark itself never holds a big file:
    a 1 GB `read_bytes()` here once made every child report 1,050 MB.
    """
    with target.open("wb") as out:
        while out.tell() < megabytes * 1e6:
            with source.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--big-mb", type=int, default=1024, help="size of the big file for the memory test")
    parts = ap.add_mutually_exclusive_group()
    parts.add_argument("--skip-big", action="store_true", help="leave out the big-file memory test")
    parts.add_argument("--only-big", action="store_true", help="only the big-file memory test")
    args = ap.parse_args()

    newsclean = newsclean_command()
    work = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    try:
        whole, sample = build_inputs(corpus_files(args.corpus), work)
        sample_mb, sample_pages = stats(sample)
        whole_mb, whole_pages = stats(whole)
        print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; median of {args.runs} runs")
        print(f"sample: {sample_pages} pages, {sample_mb:.1f} MB; whole corpus: {whole_pages} pages, {whole_mb:.1f} MB")
        if not args.only_big:
            speed(args.runs, newsclean, work, (sample, sample_mb, sample_pages), (whole, whole_mb, whole_pages))
        if not args.skip_big:
            memory(args.big_mb, newsclean, work, whole)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def speed(runs: int, newsclean: list[str], work: Path, sample_stats: tuple, whole_stats: tuple) -> None:
    """Parts 1 and 2: the sample against the naive script; the whole corpus against the floor, and at -j 2.
    Each input comes as (path, megabytes, pages)."""
    sample, sample_mb, sample_pages = sample_stats
    whole, whole_mb, whole_pages = whole_stats
    (work / "naive.py").write_text(NAIVE, encoding="utf-8")
    (work / "floor.py").write_text(FLOOR, encoding="utf-8")
    (work / "ceiling.py").write_text(CEILING, encoding="utf-8")

    print("\n1. sample: newsclean against the naive script (ftfy + seeded langdetect)")
    naive, ours = median_times(
        [sys.executable, str(work / "naive.py"), str(sample)],
        [*newsclean, "clean", "--format", "json", str(sample)],
        runs=runs,
    )
    print(describe("naive script", naive, sample_mb, sample_pages))
    print(describe("newsclean clean --format json (-j 1)", ours, sample_mb, sample_pages))
    print(f"   ratio: newsclean is {naive / ours:.1f}x the naive script (target >= 15x)")

    print("\n2. whole corpus: newsclean against the floor; -j 2 against -j 1")
    floor, j1, j2 = median_times(
        [sys.executable, str(work / "floor.py"), str(whole)],
        [*newsclean, "clean", "--format", "json", str(whole)],
        [*newsclean, "clean", "--format", "json", "-j", "2", str(whole)],
        runs=runs,
    )
    seq, par = median_times(
        [sys.executable, str(work / "ceiling.py"), "1"], [sys.executable, str(work / "ceiling.py"), "2"], runs=runs
    )
    print(describe("floor (json, translate, one regex)", floor, whole_mb, whole_pages))
    print(describe("newsclean clean --format json -j 1", j1, whole_mb, whole_pages))
    print(describe("newsclean clean --format json -j 2", j2, whole_mb, whole_pages))
    print(f"   ratio: newsclean -j 1 takes {j1 / floor:.2f}x the floor's time (target <= 3x, stretch 2x)")
    print(f"   scaling: -j 2 is {j1 / j2:.2f}x -j 1 (target >= 1.5x); machine ceiling {seq / par:.2f}x")


def memory(big_mb: int, newsclean: list[str], work: Path, whole: Path) -> None:
    """Part 3: peak resident memory on a file of about `big_mb` MB, at -j 1 and at -j 2 (each worker's)."""
    print(f"\n3. about {big_mb} MB of JSONL (the corpus repeated): peak memory")
    big = work / "big.jsonl"
    repeat(whole, big, big_mb)
    size_mb, pages = stats(big)
    report = work / "stats.json"
    elapsed, peak_kb = run_once([*newsclean, "clean", "--format", "json", "-o", os.devnull, str(big)])
    print(describe(f"-j 1 on {size_mb:.0f} MB", elapsed, size_mb, pages))
    print(f"   peak resident memory at -j 1: {peak_kb / 1024:.0f} MB (target < 250 MB)")
    argv = [*newsclean, "clean", "--format", "json", "-j", "2", "-o", os.devnull, "--stats-json", str(report)]
    elapsed, peak_kb = run_once([*argv, str(big)])
    summary = json.loads(report.read_text(encoding="utf-8"))
    print(describe(f"-j 2 on {size_mb:.0f} MB", elapsed, size_mb, pages))
    print(
        f"   peak resident memory at -j 2: main {summary['peak_rss_mb']:.0f} MB, "
        f"workers {', '.join(f'{m:.0f} MB' for m in summary['worker_peak_rss_mb'])}"
    )


if __name__ == "__main__":
    sys.exit(main())
