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
    "helpline.voice.demo",
)


@seed_cli.command("demo")
def seed_demo():
    """Demo users, partners, households and cases (safe to run twice)."""
    for name in DEMO_SEEDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        summary = module.seed_demo()
        db.session.commit()
        if summary:
            click.echo(summary)


def init_app(app):
    app.cli.add_command(seed_cli)
    try:
        from helpline.triage.cli import triage_cli
    except ImportError:  # pragma: no cover - the triage package ships its CLI
        triage_cli = None
    if triage_cli is not None:
        app.cli.add_command(triage_cli)
