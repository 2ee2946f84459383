"""Page access: login and role checks used by every staff view."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def roles_required(*roles):
    """Logged in and holding at least one of `roles` (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator
