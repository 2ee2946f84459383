"""Log in, log out, choose the page language."""
from urllib.parse import urlsplit

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from helpline.audit import record_audit
from helpline.extensions import db
from helpline.i18n import normalise_language
from helpline.staff import _now_ts
from helpline.staff.blueprint import bp
from helpline.staff.security import authenticate


def safe_next(target, default="/"):
    """Only same-site relative paths: never redirect to another host after login."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next")))
    error = None
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "")
        user, outcome = authenticate(username, request.form.get("password", ""))
        if outcome == "ok":
            lang = session.get("lang")
            session.clear()  # a fresh session: no fixation across the login
            login_user(user)
            session.permanent = True
            session["login_at"] = session["seen"] = _now_ts()
            chosen = normalise_language(user.language) or normalise_language(lang)
            if chosen:
                session["lang"] = chosen
            record_audit("login", user, "user", user.username)
            db.session.commit()
            return redirect(safe_next(request.form.get("next") or request.args.get("next")))
        record_audit("login_failed", user, "user", user.username if user else None,
                     reason=outcome, username=username[:80])
        db.session.commit()
        if outcome == "locked":
            error = _("Too many failed attempts. This account is locked for 15 minutes.")
        else:
            # One message for unknown users, wrong passwords and deactivated accounts.
            error = _("Wrong username or password.")
    status = 401 if error else 200
    return render_template("staff/login.html", error=error, username=username,
                           next=request.args.get("next", "")), status


@bp.post("/logout")
@login_required
def logout():
    record_audit("logout", current_user, "user", current_user.username)
    db.session.commit()
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("staff.login"))


@bp.post("/language")
def set_language():
    lang = normalise_language(request.form.get("lang"))
    if lang:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.language = lang
            db.session.commit()
    return redirect(safe_next(request.form.get("next")))
