#!/usr/bin/env python3
"""How the split step behaves on a corpus: pages split per site, every split with its context and evidence, and
what each step costs.

    python tools/split_report.py ../shared/data/corpus/*.jsonl

Corpus pages are single articles almost always, so every split listed is one to look at (a true multi-story page,
or a false split). The evidence is `boundaries.Evidence`: every number behind the decision.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsclean import pipeline, segment  # noqa: E402
from newsclean.engine import load_rules  # noqa: E402
from newsclean.model import Document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+", type=Path, help="JSONL files with id, site and text")
    ap.add_argument("--context", type=int, default=2, help="units shown before and after a split")
    args = ap.parse_args(argv)
    rules = load_rules()
    pages, split_pages = collections.Counter(), collections.Counter()
    cost = collections.Counter()
    for path in args.corpus:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            doc = Document.from_text(record["id"], record["text"], site=record.get("site"))
            site_rules = rules.for_site(doc.site)
            for step in ("fix", "strip"):
                t = time.perf_counter()
                pipeline.run(doc, site_rules, [step])
                cost[step] += time.perf_counter() - t
            units = segment.page_units(doc, segment.split_lines(doc.text), site_rules)
            plan = segment.plan_stories(units)
            t = time.perf_counter()
            segment.split(doc, site_rules)
            cost["split"] += time.perf_counter() - t
            pages[record.get("site")] += 1
            if len(plan.openings) == 1:
                continue
            split_pages[record.get("site")] += 1
            print(f"== {doc.id} ({record.get('site')})")
            for opening in plan.openings[1:]:
                lo, hi = max(0, opening.first - args.context), min(len(units), opening.first + args.context + 1)
                for k in range(lo, hi):
                    mark = ">>" if k == opening.first else "  "
                    print(f"  {mark} {units[k].kind:8s} {units[k].text[:120]}")
                if opening.evidence is not None:
                    print(f"     {opening.relation}: {opening.evidence.as_dict()}")
    total = sum(pages.values())
    print(f"\n{sum(split_pages.values())} of {total} pages split")
    for site in sorted(pages, key=str):
        print(f"  {site}: {split_pages[site]}/{pages[site]}")
    print("ms/page: " + ", ".join(f"{step} {1000 * s / total:.3f}" for step, s in cost.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
