"""JSON API under /api/v1: bearer tokens, same permissions as the pages."""
from functools import wraps

from flask import Blueprint, abort, g, request

from helpline.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def bearer_user():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    from helpline.staff.services import user_for_token
    return user_for_token(token.strip())


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        user = bearer_user()
        if user is None:
            response = {"error": "Unauthorized", "reason": "a valid bearer token is required"}
            return response, 401, {"WWW-Authenticate": 'Bearer realm="helpline"'}
        g.api_user = user
        return view(*args, **kwargs)
    return wrapper


def json_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="the request body must be a JSON object")
    return data


def init_app(app):
    # Route modules, one per resource.
    from helpline.api import cases, households, openapi, referrals  # noqa: F401
    app.register_blueprint(bp)
    csrf.exempt(bp)  # bearer tokens, not cookies
