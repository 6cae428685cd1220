"""How fast and how big the matcher is (issue 14): one new item against a register of N items, an
import preview of 10,000 rows matched across sessions, the index's build time and its memory.

    .venv/bin/python -m benchmarks.similar_bench [--items 100000] [--preview 10000] [--json]

The register builder (benchmarks/register.py) draws summaries from a few dozen templates, so in
its registers every item would be a candidate for every other; here each text is a different
point: a hand-written recommendation from the evaluation set with some of its words swapped for
others of the ministry's vocabulary and a province of its own, as a real register varies. One
text in ten is an earlier one raised again (words cut and changed): the share of those whose
earlier text comes out best is the bench's check that the candidate filter loses nothing.

Memory is the process's peak resident set (``resource.getrusage``, Linux: KiB) grown by the
build, and what it still holds after (``/proc/self/statm``), both against the texts already
made; times are CPU time of this process (``time.process_time``): the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
from pathlib import Path

from tracker.demo import PROVINCES
from tracker.similarity.index import DEFAULT_THRESHOLD, SimilarityIndex

EVAL = Path(__file__).resolve().parent.parent / "tests" / "similarity" / "eval_pairs.json"


def varied_texts(count: int, seed: int = 7, sources: dict[int, int] | None = None) -> list[str]:
    """``count`` texts; ``sources`` (when given) gets, for each text raised again, the earlier one's number."""
    rng = random.Random(seed)
    pairs = json.loads(EVAL.read_text(encoding="utf-8"))["pairs"]
    seeds = sorted({t for p in pairs for t in (p["a"], p["b"])})
    words = [t.replace(",", " ").replace(".", " ").split() for t in seeds]
    out = []
    for n in range(count):
        if n and rng.random() < 0.1:  # raised again: an earlier text with a few words changed
            earlier = rng.randrange(len(out))
            base = out[earlier].split()[6:]
            for _ in range(2):
                base[rng.randrange(len(base))] = rng.choice(rng.choice(words))
            if sources is not None:
                sources[n] = earlier
        else:  # a different point: phrases of three hand-written ones
            base = []
            for _ in range(3):
                source = rng.choice(words)
                start = rng.randrange(max(1, len(source) - 5))
                base += source[start : start + rng.randint(4, 7)]
        out.append(f"Cử tri tỉnh {rng.choice(PROVINCES)} kiến nghị " + " ".join(base))
    return out


def _resident() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(items: int, preview_rows: int) -> dict[str, float | int]:
    sources: dict[int, int] = {}
    texts = varied_texts(items + preview_rows, sources=sources)
    register, preview = texts[:items], texts[items:]
    peak_before, held_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, _resident()
    started, cpu = time.perf_counter(), time.process_time()
    index = SimilarityIndex(enumerate(register))
    built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - peak_before
    held = _resident() - held_before

    singles = []
    for text in preview[:200]:
        c0 = time.process_time()
        index.similar(text)
        singles.append(time.process_time() - c0)
    singles.sort()

    c0 = time.process_time()
    found = index.similar_many(preview, threshold=DEFAULT_THRESHOLD)
    batch_cpu = time.process_time() - c0
    planted = {n - items: earlier for n, earlier in sources.items() if n >= items and earlier < items}
    first = sum(bool(found[row]) and found[row][0].item_id == earlier for row, earlier in planted.items())
    listed = sum(any(m.item_id == earlier for m in found[row]) for row, earlier in planted.items())
    return {
        "items": items,
        "build_s": built,
        "build_cpu_s": built_cpu,
        "peak_growth_mib": peak / 2**20,
        "held_mib": held / 2**20,
        "arrays_mib": index.memory() / 2**20,
        "vocabulary": index.vocabulary,
        "one_item_cpu_ms_median": 1000 * singles[len(singles) // 2],
        "one_item_cpu_ms_worst": 1000 * singles[-1],
        "preview_rows": len(preview),
        "preview_cpu_s": batch_cpu,
        "preview_rows_with_suggestion": sum(bool(m) for m in found),
        "raised_again_in_preview": len(planted),
        "raised_again_found_first": first,
        "raised_again_listed": listed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--preview", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    m = measure(args.items, args.preview)
    if args.json:
        print(json.dumps(m))
        return
    print(
        f"register {m['items']:,} items: index built in {m['build_s']:.1f} s wall ({m['build_cpu_s']:.1f} s CPU); "
        f"memory: peak +{m['peak_growth_mib']:.0f} MiB, held +{m['held_mib']:.0f} MiB "
        f"(arrays {m['arrays_mib']:.0f} MiB, {m['vocabulary']:,} words)"
    )
    print(
        f"one new item: CPU median {m['one_item_cpu_ms_median']:.1f} ms, worst of 200 {m['one_item_cpu_ms_worst']:.1f} ms"
    )
    print(
        f"import preview of {m['preview_rows']:,} rows: {m['preview_cpu_s']:.1f} s CPU "
        f"({m['preview_rows_with_suggestion']:,} rows with a suggestion); raised again: "
        f"{m['raised_again_found_first']} of {m['raised_again_in_preview']} found first, {m['raised_again_listed']} listed"
    )


if __name__ == "__main__":
    main()
