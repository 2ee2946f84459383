"""The labelled sets must meet the targets in every language, not only overall."""
import os
from pathlib import Path

import pytest

from helpline.triage.evaluation import TARGETS, evaluate_dataset, format_report, load_jsonl

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "triage_dev.jsonl"
HELDOUT = Path(__file__).resolve().parent / "data" / "heldout.jsonl"


def _check(path):
    report = evaluate_dataset(load_jsonl(path))
    assert not report.failed_targets(), format_report(report)
    return report


def test_development_set_meets_targets_in_every_language():
    if not DEV.exists():
        if os.environ.get("CI"):
            pytest.fail(f"development set missing: {DEV}")
        pytest.skip(f"development set not available at {DEV}")
    report = _check(DEV)
    assert set(report.by_language) == {"en", "ar", "ckb", "ku"}


def test_heldout_set_meets_targets_in_every_language():
    report = _check(HELDOUT)
    for lang in ("en", "ar", "ckb", "ku"):
        assert report.by_language[lang].total >= 40


def test_report_lists_misses_and_flags_targets():
    rows = [
        {"id": "x1", "lang": "en", "text": "they will kill us tonight", "category": ["safety_threat"], "urgency": ["critical"]},
        {"id": "x2", "lang": "en", "text": "hello", "category": ["gbv"], "urgency": ["high"]},
    ]
    report = evaluate_dataset(rows)
    text = format_report(report)
    assert "x2" in text and "x1" not in text.split("misses:")[1]
    assert report.metrics()["overall"]["category_accuracy"] == 0.5
    assert report.metrics()["en"]["critical_recall"] == 1.0
    assert report.metrics()["en"]["high_or_critical_recall"] == 0.5
    assert ("en", "category_accuracy", 0.5) in report.failed_targets()
    assert set(TARGETS) == set(report.metrics()["overall"])
