"""`flask triage corrections`: staff corrections of triage, for rule review."""
import json
from datetime import datetime, time, timezone

import click
from flask.cli import with_appcontext

from helpline.cases.corrections import correction_record, list_corrections


def _parse_since(value):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD or an ISO-8601 time") from None
    if len(value) == 10:
        parsed = datetime.combine(parsed.date(), time.min)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@click.command("corrections")
@with_appcontext
@click.option("--since", default=None, help="Only corrections made on or after this date (UTC).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
def corrections_command(since, fmt):
    """List triage corrections made by staff (engine output → corrected labels, who, why)."""
    rows = [correction_record(c) for c in list_corrections(_parse_since(since))]
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    header = ("when", "case", "by", "engine", "corrected", "reason")
    lines = [header]
    for r in rows:
        engine = f"{r['engine']['category'] or '-'}/{r['engine']['urgency'] or '-'}"
        corrected = f"{r['corrected']['category'] or '-'}/{r['corrected']['urgency'] or '-'}"
        reason = " ".join((r["reason"] or "").split())
        lines.append(((r["at"] or "")[:16], r["case"] or "", r["by"] or "", engine, corrected,
                      reason[:60] + ("…" if len(reason) > 60 else "")))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    for line in lines:
        click.echo("  ".join(col.ljust(w) for col, w in zip(line, widths)) + "  " + line[-1])
    click.echo(f"{len(rows)} correction(s)")
