"""Page access: login and role checks used by every staff view."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from helpline.cases.permissions import FOCAL_ROLES, GENERAL_CASE_ROLES

# Roles that work cases (everyone except partner-only accounts).
CASE_ROLES = tuple(sorted(GENERAL_CASE_ROLES | FOCAL_ROLES))


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


def case_staff_required(view):
    """Case pages: a case role is needed; for anyone else the case does not exist (404)."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.has_role(*CASE_ROLES):
            abort(404)
        return view(*args, **kwargs)
    return wrapper
