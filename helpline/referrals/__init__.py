"""Referral partners, services, consent and referrals."""
import os


def init_app(app):
    from helpline.cases import deadlines  # noqa: F401  (registers the overdue-cases task)
    from helpline.referrals import admin_views, tasks, views  # noqa: F401  (tasks: Celery)

    # Hours a partner has to accept or decline before the referral is escalated.
    app.config.setdefault("REFERRAL_RESPONSE_HOURS",
                          int(os.environ.get("REFERRAL_RESPONSE_HOURS") or 24))
    from helpline.referrals.cli import deadlines_cli
    app.cli.add_command(deadlines_cli)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin_views.bp)
    app.jinja_env.globals["referral_panel_data"] = views.referral_panel_data
    app.jinja_env.globals["staff_layout"] = lambda: _staff_layout(app)


def _staff_layout(app):
    """The staff layout once the staff pages provide it, else the bare base page."""
    from jinja2 import TemplateNotFound
    try:
        app.jinja_env.get_template("staff/layout.html")
        return "staff/layout.html"
    except TemplateNotFound:
        return "base.html"
