"""Top-level CLI: `flask seed demo`, and registration of the domain command groups."""
import importlib

import click
from flask.cli import AppGroup

from helpline.extensions import db

seed_cli = AppGroup("seed", help="Load data.")

# Each module has seed_demo(); they run in this order and are idempotent.
DEMO_SEEDERS = (
    "helpline.staff.demo",
    "helpline.cases.demo",
    "helpline.referrals.demo",
    "helpline.checkins.demo",
)


@seed_cli.command("demo")
def seed_demo():
    """Demo users, partners, households and cases (safe to run twice)."""
    for name in DEMO_SEEDERS:
        summary = importlib.import_module(name).seed_demo()
        db.session.commit()
        if summary:
            click.echo(summary)


def init_app(app):
    app.cli.add_command(seed_cli)
    from helpline.triage.cli import triage_cli
    app.cli.add_command(triage_cli)
