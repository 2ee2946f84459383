"""Voice line (IVR): keypad menus in four languages, recordings, emergency dialling and
outbound check-in calls."""


def init_app(app):
    from helpline.extensions import csrf
    from helpline.voice import checkin_views, tasks  # noqa: F401  (routes and tasks)
    from helpline.voice.cli import voice_cli
    from helpline.voice.staff_views import bp as staff_bp
    from helpline.voice.views import bp

    app.register_blueprint(bp)
    csrf.exempt(bp)  # Twilio signs these requests instead.
    app.register_blueprint(staff_bp)
    app.cli.add_command(voice_cli)
