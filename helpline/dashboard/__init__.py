"""Dashboard (aggregate charts) and the CSV export of cases."""


def init_app(app):
    from helpline.dashboard import export, views  # noqa: F401  (routes on the blueprint)
    from helpline.dashboard.views import bp
    app.register_blueprint(bp)
