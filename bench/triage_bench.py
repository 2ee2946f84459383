"""Throughput and latency of triage.evaluate on one core over a realistic mixed corpus.

Run: .venv/bin/python bench/triage_bench.py [--repeat N]
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpline.triage import evaluate  # noqa: E402

SOURCES = [
    ROOT.parent / "shared" / "data" / "triage_dev.jsonl",
    ROOT / "tests" / "triage" / "data" / "heldout.jsonl",
]


def corpus():
    texts = []
    for path in SOURCES:
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh if line.strip()]
    try:
        sys.path.insert(0, str(ROOT / "tests" / "triage"))
        import test_messages as tm
        texts += [t for cases in (tm.EN, tm.AR, tm.CKB, tm.KU) for t, _, _ in cases]
    except ImportError:
        pass
    texts += ["hi", "سلام", "slav", "سڵاو", "", "👍", "7", "help " * 400]
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = corpus()
    for t in texts:  # warm caches the way a long-running worker would be
        evaluate(t)
    latencies = []
    start = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            t0 = time.perf_counter()
            evaluate(t)
            latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    print(f"corpus {len(texts)} messages x {args.repeat} = {len(latencies)} evaluations on one core")
    print(f"throughput {len(latencies) / elapsed:,.0f} msg/s")
    print(f"latency ms  p50 {pct(50):.3f}  p95 {pct(95):.3f}  p99 {pct(99):.3f}  "
          f"max {latencies[-1]:.3f}  mean {statistics.fmean(latencies):.3f}")


if __name__ == "__main__":
    main()
