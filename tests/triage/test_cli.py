import json

import pytest
from flask import Flask

from helpline.triage.cli import triage_cli


@pytest.fixture()
def runner():
    app = Flask(__name__)
    app.cli.add_command(triage_cli)
    return app.test_cli_runner()


def test_classify_reads_json_lines_and_survives_bad_lines(runner):
    stdin = "\n".join([
        json.dumps({"id": "a", "text": "they said they will kill my brother"}),
        "{not json",
        json.dumps({"id": "b", "text": "سوپاس بۆ هاوکاریتان", "lang": "ckb"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "text": ""}),
    ]) + "\n"
    result = runner.invoke(args=["triage", "classify"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert len(lines) == 5
    assert lines[0]["id"] == "a" and lines[0]["urgency"] == "critical"
    assert set(lines[0]) == {"id", "lang", "category", "categories", "urgency", "evidence"}
    assert lines[1] == {"error": lines[1]["error"], "line": 2}
    assert lines[2]["lang"] == "ckb" and lines[2]["category"] == "positive_feedback"
    assert "سوپاس" in result.output  # not ASCII-escaped
    assert "error" in lines[3] and lines[3]["line"] == 4
    assert lines[4]["category"] == "other"


def test_evaluate_command_prints_report_and_strict_exit(runner, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "1", "lang": "en", "text": "my husband beats me",
                                "category": ["gbv"], "urgency": ["high"]}) + "\n")
    result = runner.invoke(args=["triage", "evaluate", str(good), "--strict"])
    assert result.exit_code == 0, result.output
    assert "category_accuracy" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "2", "lang": "en", "text": "hello",
                               "category": ["gbv"], "urgency": ["critical"]}) + "\n")
    result = runner.invoke(args=["triage", "evaluate", str(bad)])
    assert result.exit_code == 0 and "2 [" in result.output
    result = runner.invoke(args=["triage", "evaluate", str(bad), "--strict"])
    assert result.exit_code != 0
