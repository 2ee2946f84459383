"""Audit log: who viewed, changed or exported what, when and from where."""
from flask import has_request_context, request

from helpline.extensions import db


def record_audit(action, user=None, object_type=None, object_ref=None, **detail):
    from helpline.audit.models import AuditEntry
    ip = request.remote_addr if has_request_context() else None
    entry = AuditEntry(action=action, user_id=getattr(user, "id", None),
                       object_type=object_type, object_ref=object_ref,
                       ip=ip, detail=detail or None)
    db.session.add(entry)
    return entry


def init_app(app):
    from helpline.audit.views import bp
    app.register_blueprint(bp)
