"""Staff: login, roles, pages (queue, case, manual entry, user administration)."""
from datetime import datetime, timezone

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from helpline.extensions import db, login_manager

# Minutes without a request after which a staff session ends (the absolute limit is
# PERMANENT_SESSION_LIFETIME from the moment of login).
DEFAULT_IDLE_MINUTES = 30


@login_manager.user_loader
def _load_user(user_id):
    from helpline.staff.models import User
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    # A deactivated account loses its open sessions at once.
    return user if user is not None and user.is_active else None


def _now_ts():
    return int(datetime.now(timezone.utc).timestamp())


def _expire_idle_sessions():
    if request.endpoint in (None, "static") or request.path.startswith(("/api/", "/twilio/")):
        return None
    if "_user_id" not in session:
        return None
    now = _now_ts()
    idle = current_app.config.get("SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES) * 60
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    seen, login_at = session.get("seen", 0), session.get("login_at", 0)
    if now - seen > idle or now - login_at > lifetime:
        logout_user()
        lang = session.get("lang")
        session.clear()
        if lang:
            session["lang"] = lang
        flash(_l("Your session expired. Please log in again."), "info")
        if request.method == "GET":
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return redirect(url_for("staff.login"))
    session["seen"] = now
    return None


def nav_link(path):
    """The URL for `path` if some page answers it (links to pages not built yet are hidden)."""
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(path, method="GET")
    except RequestRedirect as redirect_exc:
        return redirect_exc.new_url.split("localhost", 1)[-1]
    except (NotFound, MethodNotAllowed):
        return None
    return path


def init_app(app):
    from helpline.staff import auth, case_views, queue_views, users  # noqa: F401
    from helpline.staff.blueprint import bp
    from helpline.staff.cli import users_cli
    from helpline.staff.templating import template_helpers

    app.cli.add_command(users_cli)
    app.register_blueprint(bp)
    login_manager.login_view = "staff.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    app.before_request(_expire_idle_sessions)
    app.jinja_env.globals.update(nav_link=nav_link, **template_helpers())
