"""`flask deadlines sweep [--now ISO-8601]`: run the overdue-case and overdue-referral sweeps
once, as the beat schedule does every five minutes (handy for demos and for checking alerts)."""
from datetime import datetime, timezone

import click
from flask.cli import AppGroup

deadlines_cli = AppGroup("deadlines", help="First-response and partner-response deadlines.")


@deadlines_cli.command("sweep")
@click.option("--now", "now_text", default=None, help="Run as if it were this time (ISO 8601).")
def sweep(now_text):
    from helpline.cases.deadlines import flag_overdue_cases
    from helpline.referrals.tasks import escalate_overdue_referrals
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter("use ISO 8601, e.g. 2026-11-23T09:00+03:00") from None
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        now_text = now.isoformat()
    click.echo(f"overdue cases: {flag_overdue_cases.apply(args=(now_text,)).get()}")
    click.echo(f"overdue referrals: {escalate_overdue_referrals.apply(args=(now_text,)).get()}")
