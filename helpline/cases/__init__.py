"""Cases: intake, triage results, queue, status, deadlines, corrections, closing the loop."""


def init_app(app):
    from helpline.cases import tasks  # noqa: F401  (registers Celery tasks)
    from helpline.cases.cli import corrections_command
    try:
        from helpline.triage.cli import triage_cli
    except ImportError:
        # The triage package normally ships the group; keep the command reachable regardless.
        from flask.cli import AppGroup
        triage_cli = app.cli.commands.get("triage") or AppGroup("triage", help="Triage tools.")
        app.cli.add_command(triage_cli)
    if "corrections" not in triage_cli.commands:
        triage_cli.add_command(corrections_command)
