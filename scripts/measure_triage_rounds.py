"""Rewrite tests/triage/data/measured_figures.json: per tuned, training and unseen round, per
language, the figures the engine (rules and packaged model) reaches now. The tests hold each
file at these figures, less a slack; run this after retraining the model or adding a round,
and read `git diff` of the file before committing: a figure that went down is a regression to
explain.

    .venv/bin/python scripts/measure_triage_rounds.py
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpline.triage.evaluation import evaluate_dataset, load_jsonl  # noqa: E402

DATA = ROOT / "tests" / "triage" / "data"
PREFIXES = ("tuned_round", "training_round", "unseen_round")


def measure():
    out = {}
    for prefix in PREFIXES:
        for path in sorted(DATA.glob(prefix + "*.jsonl")):
            metrics = evaluate_dataset(load_jsonl(path)).metrics()
            out[path.name] = {lang: {k: round(v, 3) for k, v in sorted(figures.items())}
                              for lang, figures in metrics.items() if lang != "overall"}
    return out


def main():
    figures = measure()
    path = DATA / "measured_figures.json"
    path.write_text(json.dumps(figures, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    print(f"wrote {path}: {len(figures)} files")


if __name__ == "__main__":
    main()
