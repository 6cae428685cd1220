"""How fast the matcher is (issue 14): one new item against a register of N items, an import
preview of 10,000 rows matched across sessions, and the index's build time and memory.

    .venv/bin/python -m benchmarks.similar_bench [--items 100000] [--preview 10000]

The register builder (benchmarks/register.py) draws summaries from a few dozen templates, so in
its registers every item would be a candidate for every other; here each text is a different
point: a hand-written recommendation from the evaluation set with some of its words swapped for
others of the ministry's vocabulary and a province of its own, as a real register varies.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from tracker.demo import PROVINCES
from tracker.similarity.index import DEFAULT_THRESHOLD, SimilarityIndex

EVAL = Path(__file__).resolve().parent.parent / "tests" / "similarity" / "eval_pairs.json"


def varied_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pairs = json.loads(EVAL.read_text(encoding="utf-8"))["pairs"]
    seeds = sorted({t for p in pairs for t in (p["a"], p["b"])})
    words = [t.replace(",", " ").replace(".", " ").split() for t in seeds]
    out = []
    for n in range(count):
        if n and rng.random() < 0.1:  # raised again: an earlier text with a few words changed
            base = out[rng.randrange(len(out))].split()[6:]
            for _ in range(2):
                base[rng.randrange(len(base))] = rng.choice(rng.choice(words))
        else:  # a different point: phrases of three hand-written ones
            base = []
            for _ in range(3):
                source = rng.choice(words)
                start = rng.randrange(max(1, len(source) - 5))
                base += source[start : start + rng.randint(4, 7)]
        out.append(f"Cử tri tỉnh {rng.choice(PROVINCES)} kiến nghị " + " ".join(base))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--preview", type=int, default=10_000)
    args = parser.parse_args()
    texts = varied_texts(args.items + args.preview)
    register, preview = texts[: args.items], texts[args.items :]

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    index = SimilarityIndex(enumerate(register))
    built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024  # Linux: KiB

    singles = []
    for text in preview[:200]:
        t0 = time.perf_counter()
        index.similar(text)
        singles.append(time.perf_counter() - t0)
    singles.sort()

    t0, c0 = time.perf_counter(), time.process_time()
    suggested = sum(bool(m) for m in index.similar_many(preview, threshold=DEFAULT_THRESHOLD))
    batch, batch_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"register {args.items:,} items: index built in {built:.1f} s wall ({built_cpu:.1f} s CPU), peak growth {peak / 2**20:.0f} MiB"
    )
    print(f"one new item: median {1000 * singles[len(singles) // 2]:.1f} ms, worst of 200 {1000 * singles[-1]:.1f} ms")
    print(
        f"import preview of {len(preview):,} rows: {batch:.1f} s wall, {batch_cpu:.1f} s CPU "
        f"({suggested:,} rows with a suggestion)"
    )


if __name__ == "__main__":
    main()
