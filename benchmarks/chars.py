"""Throughput of the character layer (the `fix` step: repair -> lang -> chars -> layout) next to ftfy.fix_text.

Both run in the same process on the same pages, so the figures compare directly. Throughput is megabytes of UTF-8
input per second of CPU on one core.

Usage: python benchmarks/chars.py [CORPUS_DIR_OR_JSONL ...] [--repeat N]
(default: ../shared/data/corpus, relative to the repository root; every *.jsonl there, the `text` field)
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from newsclean import load_rules
from newsclean.chars import fix_chars
from newsclean.lang import detect
from newsclean.model import Document
from newsclean.pipeline import fix
from newsclean.repair import repair

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "data" / "corpus"


def load_texts(paths: list[Path]) -> list[str]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    texts = []
    for file in files:
        with file.open(encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f if line.strip())
    return texts


def timed(label: str, texts: list[str], step: Callable[[str], object], megabytes: float, repeat: int) -> float:
    """Best of `repeat` passes over all texts; prints and returns MB/s."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            step(text)
        best = min(best, time.process_time() - start)
    rate = megabytes / best
    print(f"{label:<44} {rate:8.2f} MB/s  {best / len(texts) * 1e3:7.3f} ms/page")
    return rate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--repeat", type=int, default=3, help="passes per measurement; the best is reported")
    args = ap.parse_args()

    texts = load_texts(args.paths)
    megabytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    print(f"{len(texts)} pages, {megabytes:.1f} MB of UTF-8 text")

    import ftfy
    from ftfy.badness import is_bad

    rules = load_rules()
    detect("warm-up: langdetect is loaded on first use, not measured")
    ftfy.fix_text("warm-up")

    def step_fix(text: str) -> None:
        fix(Document.from_text("b", text), rules)

    def step_repair(text: str) -> None:
        repair(Document.from_text("b", text), rules)

    def step_chars(text: str, lang: str) -> None:
        doc = Document.from_text("b", text)
        doc.lang = lang
        fix_chars(doc, rules)

    repaired = [repair(Document.from_text("b", t), rules).text for t in texts]
    langs = [detect(t) for t in repaired]
    pairs = list(zip(repaired, langs, strict=True))

    ours = timed("newsclean fix step (repair+lang+chars+layout)", texts, step_fix, megabytes, args.repeat)
    timed("  repair (mojibake, controls, NFC, forms)", texts, step_repair, megabytes, args.repeat)
    timed("  lang (letter statistics)", repaired, detect, megabytes, args.repeat)
    timed("  chars + layout", pairs, lambda p: step_chars(*p), megabytes, args.repeat)
    theirs = timed("ftfy.fix_text (defaults)", texts, ftfy.fix_text, megabytes, args.repeat)
    timed("ftfy.badness.is_bad alone", texts, is_bad, megabytes, args.repeat)
    print(f"fix step / ftfy.fix_text: {ours / theirs:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
