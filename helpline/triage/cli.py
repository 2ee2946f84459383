"""`flask triage classify` and `flask triage evaluate FILE` (registered by the app factory)."""
import json
import sys

import click
from flask.cli import AppGroup

from .engine import evaluate
from .evaluation import evaluate_dataset, format_report, load_jsonl

triage_cli = AppGroup("triage", help="Classify messages and score the triage rules.")


@triage_cli.command("classify")
def classify_command():
    """Read JSON lines {"id", "text"[, "lang"]} on stdin; write one JSON result per line."""
    out = sys.stdout
    for lineno, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                raise ValueError("expected an object with a string 'text'")
        except ValueError as exc:
            out.write(json.dumps({"error": f"malformed input: {exc}", "line": lineno}) + "\n")
            continue
        res = evaluate(item.get("text", ""), lang_hint=item.get("lang"))
        out.write(json.dumps({
            "id": item.get("id"), "lang": res.language, "category": res.category,
            "categories": res.categories, "urgency": res.urgency, "evidence": res.evidence,
        }, ensure_ascii=False) + "\n")
    out.flush()


@triage_cli.command("evaluate")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True, help="Exit non-zero when any target is missed.")
def evaluate_command(path, strict):
    """Score the rules against a labelled JSON-lines file and list every miss."""
    report = evaluate_dataset(load_jsonl(path))
    click.echo(format_report(report))
    if strict and report.failed_targets():
        sys.exit(1)
