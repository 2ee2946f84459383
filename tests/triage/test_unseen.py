"""Unseen messages: unseen_round*.jsonl were written by people who never saw the rules, and the
rules were never changed after reading them. They are the honest estimate of how triage does on
new wording (below the SPEC targets in places: see the README). Each language must stay at or
above the figures measured when the file was added, less about one message of slack, so that a
rule change which helps the tuned rounds but hurts new wording is caught. Do not tune on them:
write a new probe round instead.
"""
from pathlib import Path

import pytest

from tests.triage.expect import assert_not_worse
from tests.triage.training_script import load_training_script

DATA = Path(__file__).resolve().parent / "data"
SLACK = 0.05
# Measured on unseen_round15.jsonl (60 messages per language) when it was added.
MEASURED = {
    "unseen_round15.jsonl": {
        "ar": {"language_accuracy": 1.0, "category_accuracy": 0.783, "critical_recall": 0.812,
               "critical_precision": 0.619, "high_or_critical_recall": 0.812},
        "ckb": {"language_accuracy": 1.0, "category_accuracy": 0.767, "critical_recall": 0.778,
                "critical_precision": 0.824, "high_or_critical_recall": 0.833},
        "en": {"language_accuracy": 1.0, "category_accuracy": 0.85, "critical_recall": 0.812,
               "critical_precision": 0.812, "high_or_critical_recall": 0.862},
        "ku": {"language_accuracy": 1.0, "category_accuracy": 0.833, "critical_recall": 0.875,
               "critical_precision": 0.933, "high_or_critical_recall": 0.967},
    },
}


def test_every_unseen_file_has_its_measured_figures():
    assert sorted(p.name for p in DATA.glob("unseen_round*.jsonl")) == sorted(MEASURED)


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_unseen_messages_do_not_get_worse(name):
    assert_not_worse(DATA / name, MEASURED[name], SLACK)


def test_unseen_messages_are_not_training_rows():
    script = load_training_script()
    trained = {Path(p).name for p in script.training_files()}
    assert trained and not trained & set(MEASURED)
