#!/usr/bin/env python3
"""Rebuild newsclean/data/openers.json from unlabelled news pages.

    python tools/mine_openers.py ../shared/data/corpus --exclude ../shared/data/dev-gold.jsonl

Reads only the corpus files whose licence lets their statistics ship with newsclean (SOURCES below; the
SaudiNewsNet file, CC BY-NC-SA, is never read for them) and leaves out every page a labelled evaluation set was
built from (`--exclude`: the ids of its real pages, and the source ids its merged pages name in `notes`), so no
answer of the dev set leaks into the numbers. Counts:

- `opener`, `opener2`, `backoff`: log-likelihood ratio of a paragraph's first word (first two words; first two
  letters of rare words) opening a page's first paragraph rather than a later one;
- `stop`: the most document-frequent words of each language;
- `start`: for the most frequent words only, log-likelihood ratio of a word opening a paragraph rather than standing
  inside one (a body seldom starts with `عن` or `الذي`; rarer words, such as the place names of datelines, say more
  about one site than about news text);
- `title_len`, `title_last`, `title_vs_lede`: from pages with a title, how long titles are, which words end them,
  which words titles use more than ledes do;
- `glued_weights`: the weights of `newsclean.openers.glued_cut`, learnt (averaged perceptron over cut positions)
  on each titled page's title glued to its first paragraph. `about` keeps each site's exact cuts when the
  weights are learnt without it; `--evaluate FILE` scores the cut on the pages of other outlets, which neither
  the tables nor the weights are counted from, and prints the figures only.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsclean.openers import GLUED_FEATURES, Openers, glued_features, glued_tokens, words  # noqa: E402

SOURCES = {
    "ant_multisource.jsonl": "ANT corpus (Al Arabiya, BBC Arabic, CNN Arabic, France 24, Sky News Arabia), Apache-2.0",
    "goud_darija_marsum.jsonl": "MArSum (goud.ma, Moroccan Darija), CC BY 4.0",
    "persian_farsnews_varzesh3.jsonl": "Persian news (Fars News, Varzesh3), Apache-2.0",
}
MIN_WORD, MIN_BIGRAM, MIN_LETTERS, MIN_START = 3, 3, 30, 20
PRIOR = 8.0
STOP_WORDS = 400
OUT = Path(__file__).resolve().parent.parent / "newsclean" / "data" / "openers.json"


def excluded_ids(path: Path) -> set[str]:
    """Ids of the pages a labelled set holds or was built from (merged pages name theirs: "... of ID, ID")."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        out.add(doc["id"])
        m = re.search(r" of (.*)$", doc.get("notes") or "")
        if m:
            out.update(x.strip() for x in m.group(1).split(","))
    return out


def pages(corpus: Path, exclude: set[str]):
    for name in SOURCES:
        with open(corpus / name, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if doc["id"] not in exclude:
                    yield doc


def log_lr(a: float, b: float, na: float, nb: float, prior: float = PRIOR) -> float:
    """Log-likelihood ratio of a word seen `a` times in one class (of `na`) and `b` times in the other (of `nb`),
    shrunk towards 0 by `prior` pseudo-counts shared in the classes' proportion: a rare word says little."""
    share = na / (na + nb)
    return math.log(((a + prior * share) / na) / ((b + prior * (1 - share)) / nb))


def mine(docs: list[dict]) -> dict:
    first, later, first2, later2 = (collections.Counter() for _ in range(4))
    title_last, title_words, body_words, lede_words = (collections.Counter() for _ in range(4))
    df: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    title_len = collections.Counter()
    opens, inside = collections.Counter(), collections.Counter()
    for doc in docs:
        df[doc["lang"]].update(set(words(doc["text"])))
        paras = [ws for ws in (words(p) for p in doc["text"].split("\n")) if len(ws) >= 6]
        for i, ws in enumerate(paras):
            opens[ws[0]] += 1
            inside.update(ws[1:])
            (first if i == 0 else later)[ws[0]] += 1
            (first2 if i == 0 else later2)[f"{ws[0]} {ws[1]}"] += 1
        body_words.update(words(doc["text"][:3000]))
        tw = words(doc.get("title") or "")
        if tw:
            title_len[min(len(tw), 40)] += 1
            title_last[tw[-1]] += 1
            title_words.update(tw)
            lede = next((ws for ws in (words(p) for p in doc["text"].split("\n")) if len(ws) >= 8), None)
            if lede:
                lede_words.update(lede[:40])
    na, nb = sum(first.values()), sum(later.values())
    opener = {}
    for w in first.keys() | later.keys():
        if first[w] + later[w] >= MIN_WORD:
            v = log_lr(first[w], later[w], na, nb)
            if abs(v) >= 0.7:
                opener[w] = round(v, 2)
    opener2 = {}
    for w in first2.keys() | later2.keys():
        if first2[w] + later2[w] >= MIN_BIGRAM:
            v = log_lr(first2[w], later2[w], na, nb)
            if abs(v) >= 1.0 and abs(v - opener.get(w.split()[0], 0.0)) >= 0.7:
                opener2[w] = round(v, 2)
    fb, lb = collections.Counter(), collections.Counter()
    for w in first.keys() | later.keys():
        if first[w] + later[w] < MIN_WORD and len(w) >= 2:
            fb[w[:2]] += first[w]
            lb[w[:2]] += later[w]
    nfb, nlb = sum(fb.values()), sum(lb.values())
    backoff = {
        k: round(log_lr(fb[k], lb[k], nfb, nlb, 1.0), 2) for k in fb.keys() | lb.keys() if fb[k] + lb[k] >= MIN_LETTERS
    }
    nt, nw = sum(title_last.values()), sum(body_words.values())
    ends = {}
    for w, c in title_last.items():
        if c >= 8:
            v = math.log((c / nt) / ((body_words[w] + 1) / nw))
            if abs(v) >= 1.0:
                ends[w] = round(v, 2)
    nt2, nl2 = sum(title_words.values()), sum(lede_words.values())
    vocab = {}
    for w in title_words.keys() | lede_words.keys():
        if title_words[w] + lede_words[w] >= 25:
            v = log_lr(title_words[w], lede_words[w], nt2, nl2)
            if abs(v) >= 0.6:
                vocab[w] = round(max(-3.0, min(3.0, v)), 1)
    stop = {lang: sorted(sorted(c, key=lambda w: (-c[w], w))[:STOP_WORDS]) for lang, c in sorted(df.items())}
    no, ni = sum(opens.values()), sum(inside.values())
    start = {}
    for w in {w for ws in stop.values() for w in ws}:
        if opens[w] + inside[w] >= MIN_START:
            v = log_lr(opens[w], inside[w], no, ni)
            if abs(v) >= 0.7:
                start[w] = round(max(-6.0, min(6.0, v)), 2)
    total = sum(title_len.values())
    return {
        "opener": dict(sorted(opener.items())),
        "opener2": dict(sorted(opener2.items())),
        "backoff": dict(sorted(backoff.items())),
        "stop": stop,
        "start": dict(sorted(start.items())),
        "title_len": {str(k): round(v / total, 4) for k, v in sorted(title_len.items())},
        "title_last": dict(sorted(ends.items())),
        "title_vs_lede": dict(sorted(vocab.items())),
    }


def glued_examples(docs: list[dict], table: Openers) -> list[tuple[str, int, dict[int, tuple[float, ...]]]]:
    """(site, true cut, features of every candidate cut) for each titled page: its title glued to its lede."""
    out = []
    for doc in docs:
        title = " ".join((doc.get("title") or "").split())
        body = doc["text"].split()[:60]
        if len(body) < 8 or len(title.split()) < 2:
            continue
        text = title + " " + " ".join(body)
        toks, first, tags = glued_tokens(text)
        strings = [m.group(0) for m in toks]
        gold = len(title.split())
        limit = min(len(toks) - 3, 36)
        if gold >= limit or not first[gold]:
            continue
        feats = {j: glued_features(strings, first, tags, j, table) for j in range(1, limit) if first[j]}
        out.append((doc["site"], gold, feats))
    return out


def train(data, epochs: int = 8, seed: int = 0) -> list[float]:
    """Averaged perceptron: the true cut must outscore every other cut of its example."""
    n = len(GLUED_FEATURES)
    w, acc = [0.0] * n, [0.0] * n
    c = 1
    data = list(data)
    random.Random(seed).shuffle(data)
    for _ in range(epochs):
        for _, gold, feats in data:
            pred = max(feats, key=lambda j: sum(a * b for a, b in zip(w, feats[j])))
            if pred != gold:
                for k in range(n):
                    d = feats[gold][k] - feats[pred][k]
                    w[k] += d
                    acc[k] += c * d
            c += 1
    return [round(w[k] - acc[k] / c, 4) for k in range(n)]


def accuracy(weights: list[float], data) -> float:
    hits = sum(max(f, key=lambda j: sum(a * b for a, b in zip(weights, f[j]))) == gold for _, gold, f in data)
    return hits / len(data) if data else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder holding " + ", ".join(SOURCES))
    ap.add_argument("--exclude", type=Path, action="append", default=[], help="JSONL of labelled pages to leave out")
    ap.add_argument(
        "--evaluate",
        type=Path,
        action="append",
        default=[],
        help="JSONL of pages to score the glued cut on, not counted into the tables or the weights (the SaudiNewsNet "
        "file: other outlets and layouts); the figures are printed, not shipped",
    )
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    exclude = set().union(*(excluded_ids(p) for p in args.exclude)) if args.exclude else set()
    docs = list(pages(args.corpus, exclude))
    data = mine(docs)
    table = Openers.from_json(data)
    examples = glued_examples(docs, table)
    sites = sorted({s for s, _, _ in examples})
    held = [accuracy(train([x for x in examples if x[0] != s]), [x for x in examples if x[0] == s]) for s in sites]
    weights = train(examples)
    used = collections.Counter(d["lang"] for d in docs)
    about = {
        "built_by": "tools/mine_openers.py",
        "sources": list(SOURCES.values()),
        "not_read": "saudinewsnet.jsonl (CC BY-NC-SA 4.0)",
        "pages_used": dict(sorted(used.items())),
        "pages_excluded": len(exclude),
        "glued_examples": len(examples),
        "glued_cut_exact_on_held_out_sites": {s: round(a, 3) for s, a in zip(sites, held)},
    }
    out = {"about": about, **data, "glued_weights": dict(zip(GLUED_FEATURES, weights))}
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(data['opener'])} opener words, {len(data['opener2'])} bigrams, {dict(used)} pages")
    print("glued cut exact on held-out sites:", about["glued_cut_exact_on_held_out_sites"])
    for path in args.evaluate:
        with open(path, encoding="utf-8") as fh:
            unread = [doc for doc in map(json.loads, fh) if doc["id"] not in exclude]
        scored = glued_examples(unread, table)
        by_site = collections.defaultdict(list)
        for example in scored:
            by_site[example[0]].append(example)
        per_site = {s: round(accuracy(weights, xs), 3) for s, xs in sorted(by_site.items()) if len(xs) >= 20}
        print(f"glued cut exact on {path.name}: {accuracy(weights, scored):.3f} of {len(scored)} pages;", per_site)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
