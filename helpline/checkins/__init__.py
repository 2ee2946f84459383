"""Check-ins: households, plans, scheduled rows, sweep, answers, indicators."""


def init_app(app):
    from helpline.checkins import tasks  # noqa: F401  (registers Celery tasks)
    from helpline.checkins.cli import checkins_cli
    from helpline.checkins.views import bp
    from helpline.checkins.labels import checkin_label
    app.cli.add_command(checkins_cli)
    app.jinja_env.globals.update(checkin_label=checkin_label)
    app.register_blueprint(bp)
