"""Login checks: Argon2 passwords, lockout after repeated failures (flush only)."""
from datetime import timedelta

from sqlalchemy import func, select

from helpline.db import utcnow
from helpline.extensions import db
from helpline.staff.models import User
from helpline.staff.passwords import hash_password, verify_password

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
_DUMMY_HASHES = {}


def _dummy_hash():
    """Verified against for unknown usernames so that a miss takes as long as a wrong
    password (made once, with the hasher in use)."""
    from helpline.staff.passwords import _current_hasher
    key = id(_current_hasher())
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hash_password("not-a-real-password-0")
    return _DUMMY_HASHES[key]


def authenticate(username, password, now=None):
    """(user or None, outcome) with outcome in ok, bad_credentials, locked, inactive."""
    now = now or utcnow()
    username = (username or "").strip()
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower())) \
        if username else None
    if user is None:
        verify_password(_dummy_hash(), password or "")
        return None, "bad_credentials"
    if user.locked_until is not None and user.locked_until > now:
        return user, "locked"
    if not verify_password(user.password_hash, password or ""):
        if user.locked_until is not None and user.locked_until <= now:
            user.failed_logins = 0  # the previous lockout is over: count afresh
            user.locked_until = None
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            return user, "locked"
        return user, "bad_credentials"
    if not user.is_active:
        return user, "inactive"
    user.failed_logins = 0
    user.locked_until = None
    return user, "ok"


def set_password(user, password):
    from helpline.staff.passwords import MIN_PASSWORD_LENGTH
    from helpline.staff.services import UserError
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
