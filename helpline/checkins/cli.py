"""`flask checkins sweep [--now ISO-8601]` and `flask checkins import FILE`."""
from datetime import datetime, timezone

import click
from flask.cli import AppGroup

from helpline.extensions import db

checkins_cli = AppGroup("checkins", help="Post-return check-ins.")


def parse_now(value):
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO-8601 time: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # naive times are read as UTC
    return moment.astimezone(timezone.utc)


@checkins_cli.command("sweep")
@click.option("--now", "now_text", default=None,
              help="Run as if it were this time (ISO-8601; naive = UTC).")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
def sweep(now_text, limit):
    """Send due waves and reminders, close windows, once."""
    from helpline.checkins.sweep import run_sweep
    result = run_sweep(now=parse_now(now_text), limit=limit)
    click.echo(result.summary())


@checkins_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", default="csv_import", help="Registration source recorded.")
@click.option("--now", "now_text", default=None, help="Registration time (ISO-8601).")
def import_file(path, source, now_text):
    """Import households from a help-desk CSV export; prints a per-row report."""
    from helpline.checkins.importer import import_households
    with open(path, "rb") as f:
        data = f.read()
    report = import_households(data, now=parse_now(now_text), source=source)
    if report.error:
        db.session.rollback()
        raise click.ClickException(report.error)
    db.session.commit()
    if report.note:
        click.echo(f"note: {report.note}")
    for row in report.rows:
        if row.status != "imported":
            click.echo(f"line {row.line}: {row.status}: {row.reason}")
    click.echo(f"imported {report.imported}, duplicates {report.duplicates}, "
               f"rejected {report.rejected}, rows {len(report.rows)}")
