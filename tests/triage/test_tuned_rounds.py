"""Tuned rounds: fresh messages whose misses the rules were generalised from (like the probe
rounds), where a few messages in some languages still miss a target. Each language must stay at
the figures measured after tuning (less one message of slack); when a round meets every target
it becomes a probe round. They are training rows for the model."""
from pathlib import Path

import pytest

from tests.triage.expect import assert_not_worse
from tests.triage.training_script import load_training_script

DATA = Path(__file__).resolve().parent / "data"
SLACK = 0.02
MEASURED = {
    "tuned_round13.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 0.941, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.963},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.95, "high_or_critical_recall": 1.0},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
    },
    "tuned_round14.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.974},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.953},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.974},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.929},
    },
    "tuned_round15.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 0.938, "critical_precision": 0.938, "high_or_critical_recall": 0.969},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.966},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.967},
    },
    "tuned_round16.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 0.988, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 0.975, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 0.957, "critical_precision": 1.0, "high_or_critical_recall": 0.95},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.955, "high_or_critical_recall": 0.9},
    },
    "tuned_round17.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 0.983, "critical_recall": 1.0, "critical_precision": 0.944, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
    },
    "tuned_round18.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 0.983, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.966},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.941, "high_or_critical_recall": 0.938},
    },
    "tuned_round19.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 0.983, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.933},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 0.983, "critical_recall": 0.947, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
    },
    "tuned_round20.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.938, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.967},
    },
    "tuned_round21.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.967},
        "ku": {"language_accuracy": 0.983, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.944, "high_or_critical_recall": 0.967},
    },
    "tuned_round22.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.941, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.967},
    },
    "tuned_round23.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 0.944, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 0.983, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.968},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 0.983, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.968},
    },
    "tuned_round24.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.941, "high_or_critical_recall": 0.935},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 0.95, "high_or_critical_recall": 1.0},
        "en": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.967},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 1.0, "critical_recall": 1.0, "critical_precision": 1.0, "high_or_critical_recall": 0.968},
    },
}


def test_every_tuned_file_has_its_measured_figures():
    assert sorted(p.name for p in DATA.glob("tuned_round*.jsonl")) == sorted(MEASURED)


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_tuned_rounds_do_not_get_worse(name):
    assert_not_worse(DATA / name, MEASURED[name], SLACK)


def test_tuned_rounds_are_training_rows():
    trained = {Path(p).name for p in load_training_script().training_files()}
    assert set(MEASURED) <= trained
