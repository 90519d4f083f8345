"""How cleaning and diffing one document grow with its size: time per story as the story count doubles.

A text file may hold thousands of stories apart by form-feed lines (the text format's own output, concatenated).
Each row doubles the count; the last column is the time's growth against the row before: about 2 means linear,
4 quadratic. The stories are the paragraphs of the example page that ships with the repository, each followed by
a repeated follow line for the cleaner to remove, so the diff meets as many repeated lines as stories.

Usage: python benchmarks/scaling.py [--stories N ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsclean import load_rules
from newsclean.emit import to_text
from newsclean.hunks import hunks
from newsclean.model import Document
from newsclean.pipeline import clean

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "arabi21-wagner.txt"


def page(stories: int) -> str:
    """`stories` stories, each one paragraph of the example and a follow line, apart by form-feed lines."""
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 12]
    parts = [f"{paragraphs[k % len(paragraphs)]}\nتابعونا على تويتر" for k in range(stories)]
    return "\n\f\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[500, 1000, 2000, 4000, 8000])
    args = parser.parse_args()
    rules = load_rules()
    print(f"{'stories':>8} {'chars':>9} {'clean s':>8} {'ms/story':>9} {'growth':>7} {'diff s':>7} {'growth':>7}")
    before: tuple[float, float] | None = None
    for n in args.stories:
        text = page(n)
        doc = Document.from_text("page", text)
        start = time.perf_counter()
        clean(doc, rules)
        clean_s = time.perf_counter() - start
        new = to_text(doc)
        start = time.perf_counter()
        hunks(text, new, doc.log.edits)
        diff_s = time.perf_counter() - start
        growth = (f"{clean_s / before[0]:.2f}", f"{diff_s / before[1]:.2f}") if before else ("", "")
        per_story = clean_s / n * 1e3
        print(f"{n:8d} {len(text):9d} {clean_s:8.2f} {per_story:9.3f} {growth[0]:>7} {diff_s:7.2f} {growth[1]:>7}")
        before = (clean_s, diff_s)


if __name__ == "__main__":
    main()
