"""Checks for hand-labelled messages: one message (language, and category and urgency among those
allowed), and a whole file against the figures measured for it."""
import json
from pathlib import Path

from helpline.triage.engine import evaluate
from helpline.triage.evaluation import evaluate_dataset, format_report, load_jsonl


def assert_triaged(lang, text, cats, urgs):
    """`cats` and `urgs` list the acceptable labels separated by '|'."""
    res = evaluate(text)
    assert res.language == lang
    assert res.category in cats.split("|"), (res.categories, res.evidence)
    assert res.urgency in urgs.split("|"), (res.categories, res.urgency, res.evidence)


def assert_not_worse(path, measured, slack):
    """Each language of the labelled file at or above its measured figures, less `slack`."""
    report = evaluate_dataset(load_jsonl(path))
    metrics = report.metrics()
    worse = [(lang, metric, round(metrics[lang][metric], 3), floor)
             for lang, floors in measured.items()
             for metric, floor in floors.items() if metrics[lang][metric] < floor - slack]
    assert not worse, (worse, format_report(report))


MEASURED_FIGURES = Path(__file__).resolve().parent / "data" / "measured_figures.json"


def measured_figures(prefix):
    """Per file whose name starts with `prefix`: per language, the figures measured for it
    (data/measured_figures.json, written by scripts/measure_triage_rounds.py when the file was
    added or last tuned)."""
    with open(MEASURED_FIGURES, encoding="utf-8") as fh:
        figures = json.load(fh)
    return {name: langs for name, langs in figures.items() if name.startswith(prefix)}
