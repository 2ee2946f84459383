"""User administration (admins): list, create, roles, deactivate, reset password, API tokens."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from helpline.audit import record_audit
from helpline.db import utcnow
from helpline.extensions import db
from helpline.referrals.models import Partner
from helpline.staff.access import roles_required
from helpline.staff.blueprint import bp
from helpline.staff.models import ROLES, ApiToken, User, UserRole
from helpline.staff.security import set_password
from helpline.staff.services import UserError, create_user, issue_token


def _user_or_404(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _partners():
    return db.session.scalars(select(Partner).order_by(Partner.name)).all()


def _user_error(exc):
    """Translated text for the validation errors of create_user/set_password."""
    text = str(exc)
    if "already exists" in text:
        return _("This username is already taken.")
    if "password" in text:
        return _("The password must have at least 8 characters.")
    if "partner" in text:
        return _("A partner account must belong to a partner organisation.")
    if "username" in text:
        return _("A username is required.")
    return _("Choose at least one role.")


@bp.get("/users")
@roles_required("admin")
def users():
    rows = db.session.scalars(select(User).order_by(User.username)).all()
    return render_template("staff/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def user_new():
    form = request.form if request.method == "POST" else {}
    error = None
    if request.method == "POST":
        partner_id = form.get("partner_id")
        try:
            user = create_user(form.get("username"), form.get("password"),
                               request.form.getlist("roles"),
                               partner_id=int(partner_id) if (partner_id or "").isdigit() else None,
                               display_name=(form.get("display_name") or "").strip() or None)
        except UserError as exc:
            db.session.rollback()
            error = _user_error(exc)
        else:
            record_audit("user_create", current_user, "user", user.username,
                         roles=sorted(user.roles))
            db.session.commit()
            flash(_("Account %(name)s created.", name=user.username), "info")
            return redirect(url_for("staff.user_detail", user_id=user.id))
    return render_template("staff/user_new.html", form=form, error=error, roles=ROLES,
                           partners=_partners()), (400 if error else 200)


@bp.get("/users/<int:user_id>")
@roles_required("admin")
def user_detail(user_id, new_token=None):
    user = _user_or_404(user_id)
    tokens = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.id.desc())).all()
    return render_template("staff/user_detail.html", user=user, tokens=tokens, roles=ROLES,
                           partners=_partners(), new_token=new_token)


@bp.post("/users/<int:user_id>/roles")
@roles_required("admin")
def user_roles(user_id):
    user = _user_or_404(user_id)
    roles = [r for r in request.form.getlist("roles") if r in ROLES]
    partner_id = request.form.get("partner_id")
    partner_id = int(partner_id) if (partner_id or "").isdigit() else None
    if not roles:
        flash(_("Choose at least one role."), "error")
    elif "partner" in roles and partner_id is None:
        flash(_("A partner account must belong to a partner organisation."), "error")
    elif user.id == current_user.id and "admin" not in roles:
        flash(_("You cannot remove your own admin role."), "error")
    else:
        before = sorted(user.roles)
        user.role_rows = [row for row in user.role_rows if row.role in roles] + [
            UserRole(role=r) for r in roles if r not in user.roles]
        user.partner_id = partner_id if "partner" in roles else None
        record_audit("user_roles", current_user, "user", user.username, before=before,
                     after=sorted(roles))
        db.session.commit()
        flash(_("Roles saved."), "info")
    return redirect(url_for("staff.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/active")
@roles_required("admin")
def user_active(user_id):
    user = _user_or_404(user_id)
    activate = request.form.get("active") == "1"
    if user.id == current_user.id and not activate:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("staff.user_detail", user_id=user.id))
    user.is_active_account = activate
    if activate:
        user.failed_logins, user.locked_until = 0, None
    record_audit("user_activate" if activate else "user_deactivate", current_user, "user",
                 user.username)
    db.session.commit()
    flash(_("Account activated.") if activate else _("Account deactivated."), "info")
    return redirect(url_for("staff.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/password")
@roles_required("admin")
def user_password(user_id):
    user = _user_or_404(user_id)
    try:
        set_password(user, request.form.get("password"))
    except UserError as exc:
        flash(_user_error(exc), "error")
    else:
        record_audit("user_password_reset", current_user, "user", user.username)
        db.session.commit()
        flash(_("Password changed; the account is unlocked."), "info")
    return redirect(url_for("staff.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/tokens")
@roles_required("admin")
def user_token_issue(user_id):
    user = _user_or_404(user_id)
    token = issue_token(user)
    record_audit("token_issue", current_user, "user", user.username)
    db.session.commit()
    # Shown once, on this response only: it is stored as a digest.
    response = user_detail(user_id=user.id, new_token=token)
    return response, 200, {"Cache-Control": "no-store"}


@bp.post("/users/<int:user_id>/tokens/<int:token_id>/revoke")
@roles_required("admin")
def user_token_revoke(user_id, token_id):
    user = _user_or_404(user_id)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        abort(404)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_audit("token_revoke", current_user, "user", user.username, token_id=token.id)
        db.session.commit()
    flash(_("Token revoked."), "info")
    return redirect(url_for("staff.user_detail", user_id=user.id))
