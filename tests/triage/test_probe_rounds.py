"""Probe rounds: fresh messages written after the rules, in the way returnees actually write
(misspellings, no diacritics, dialect, Arabizi, Kurdish on an Arabic keyboard, hard negatives).
Each round was run before the rules were changed; the rules were then generalised (stems,
synonyms, word order, negatives), never fitted by copying a message. Every round must keep
meeting the targets in every language.
"""
from pathlib import Path

import pytest

from helpline.triage.evaluation import evaluate_dataset, format_report, load_jsonl

DATA = Path(__file__).resolve().parent / "data"
ROUNDS = sorted(DATA.glob("probe_round*.jsonl"))
LANGS = ("en", "ar", "ckb", "ku")


def test_probe_rounds_exist():
    assert ROUNDS, f"no probe_round*.jsonl in {DATA}"


@pytest.mark.parametrize("path", ROUNDS, ids=lambda p: p.stem)
def test_probe_round_meets_targets_in_every_language(path):
    rows = load_jsonl(path)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    report = evaluate_dataset(rows)
    for lang in LANGS:
        assert report.by_language[lang].total >= 40, lang
    assert not report.failed_targets(), format_report(report)


def test_all_probe_rounds_together_meet_targets():
    rows = [r for path in ROUNDS for r in load_jsonl(path)]
    report = evaluate_dataset(rows)
    assert not report.failed_targets(), format_report(report)


def test_paraphrases_written_while_tuning_meet_targets_in_every_language():
    """paraphrases.jsonl: for each rule added while tuning, new wordings of the same concern and
    harmless look-alikes, written by the rule writers (not taken from any round)."""
    report = evaluate_dataset(load_jsonl(DATA / "paraphrases.jsonl"))
    for lang in LANGS:
        assert report.by_language[lang].total >= 40, lang
    assert not report.failed_targets(), format_report(report)


def test_grammar_grid_of_everyday_forms_meets_targets_in_every_language():
    """grammar_grid.jsonl: each danger concern written in every person, number, gender and tense,
    with prefixes, object endings and common misspellings ("he beats me now", "they will burn
    the house", "I will kill myself"), danger told through the situation (hiding under the bed,
    locked in since yesterday, a knife in his hand now, a farewell to the children), and harmless
    sentences with the same words ("my daughter beat me at cards", hide and seek, a kitchen
    knife). A missing everyday form is a missed emergency."""
    rows = load_jsonl(DATA / "grammar_grid.jsonl")
    report = evaluate_dataset(rows)
    for lang in LANGS:
        assert report.by_language[lang].total >= 150, lang
    assert not report.failed_targets(), format_report(report)
    assert not report.misses, format_report(report)
