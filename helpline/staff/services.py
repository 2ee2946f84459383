"""User and token services. They flush; the caller commits."""
import hashlib
import secrets

from sqlalchemy import select

from helpline.db import utcnow
from helpline.extensions import db
from helpline.staff.models import ROLES, ApiToken, User, UserRole
from helpline.staff.passwords import MIN_PASSWORD_LENGTH, hash_password


class UserError(ValueError):
    pass


def create_user(username, password, roles, partner_id=None, display_name=None, phone=None):
    username = (username or "").strip()
    if not username:
        raise UserError("username is required")
    roles = [r.strip() for r in roles if r and r.strip()]
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise UserError(f"unknown role(s) {unknown or roles}; choose from {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if "partner" in roles and partner_id is None:
        raise UserError("a partner user must belong to a partner organisation")
    if db.session.scalar(select(User).where(User.username == username)):
        raise UserError(f"user {username!r} already exists")
    user = User(username=username, password_hash=hash_password(password),
                partner_id=partner_id, display_name=display_name, phone=phone)
    user.role_rows = [UserRole(role=r) for r in dict.fromkeys(roles)]
    db.session.add(user)
    db.session.flush()
    return user


def issue_token(user):
    token = "hl_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_digest=_digest(token)))
    db.session.flush()
    return token


def user_for_token(token):
    if not token:
        return None
    row = db.session.scalar(select(ApiToken).where(
        ApiToken.token_digest == _digest(token), ApiToken.revoked_at.is_(None)))
    if row is None or not row.user.is_active:
        return None
    row.last_used_at = utcnow()
    return row.user


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()
