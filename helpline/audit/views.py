"""/audit: admins browse the append-only audit log (read only: no edit or delete anywhere)."""
from datetime import datetime, time, timezone

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from helpline.audit import record_audit
from helpline.audit.models import AuditEntry
from helpline.extensions import db
from helpline.staff.access import roles_required

bp = Blueprint("audit", __name__, template_folder="templates")
PAGE_SIZE = 50


def _day(value, end=False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=timezone.utc)


def audit_filters(args):
    """Returns (filters for display, SQL conditions, errors)."""
    from helpline.staff.models import User
    shown, conditions, errors = {}, [], []
    username = (args.get("user") or "").strip()[:80]
    if username:
        shown["user"] = username
        user_id = db.session.scalar(select(User.id).where(
            func.lower(User.username) == username.lower()))
        conditions.append(AuditEntry.user_id == user_id if user_id else AuditEntry.id.is_(None))
    action = (args.get("action") or "").strip()[:40]
    if action:
        shown["action"] = action
        conditions.append(AuditEntry.action == action)
    ref = (args.get("object_ref") or "").strip()[:64]
    if ref:
        shown["object_ref"] = ref
        conditions.append(func.upper(AuditEntry.object_ref) == ref.upper())
    for name, end in (("from", False), ("to", True)):
        if args.get(name):
            moment = _day(args[name], end)
            if moment is None:
                errors.append(_("Dates are written YYYY-MM-DD."))
                continue
            shown[name] = args[name]
            conditions.append(AuditEntry.at <= moment if end else AuditEntry.at >= moment)
    return shown, conditions, errors


@bp.get("/audit")
@roles_required("admin")
def audit_log():
    shown, conditions, errors = audit_filters(request.args)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    stmt = select(AuditEntry).where(*conditions)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    entries = db.session.scalars(stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                 .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    actions = db.session.scalars(select(AuditEntry.action).distinct()
                                 .order_by(AuditEntry.action)).all()
    from helpline.staff.models import User
    ids = {e.user_id for e in entries if e.user_id}
    names = dict(db.session.execute(select(User.id, User.username).where(User.id.in_(ids)))
                 .all()) if ids else {}
    # Reading the log is itself recorded (after the page's query, so it is not on it).
    record_audit("audit_view", current_user, "audit", None, filter=shown, page=page)
    db.session.commit()
    return render_template("audit/log.html", entries=entries, names=names, shown=shown,
                           errors=errors, page=page, total=total, page_size=PAGE_SIZE,
                           actions=actions)
