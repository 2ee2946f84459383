"""Liveness and readiness probes."""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from helpline.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    ok = all(v in ("ok", "in-process") for v in checks.values())
    return jsonify(status="ok" if ok else "unavailable", checks=checks), 200 if ok else 503


def _database_ok():
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:
        db.session.rollback()
        return "unreachable"


def _broker_ok():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "in-process"
    try:
        import redis
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except Exception:
        return "unreachable"


def init_app(app):
    app.register_blueprint(bp)
    from helpline.extensions import csrf
    csrf.exempt(bp)
