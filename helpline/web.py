"""Small helpers shared by the server-rendered pages."""
from flask import flash

from helpline.extensions import db


def commit_or_flash(action, success, errors):
    """Run one service call for a form: commit and flash `success` (a text, or a function of
    the result), or roll back and flash the service's own error. Returns (ok, result)."""
    try:
        result = action()
    except errors as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return False, None
    db.session.commit()
    flash(success(result) if callable(success) else success, "success")
    return True, result
