"""Factory, configuration, probes, and migrations that equal the models."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from helpline import create_app
from helpline.config import ConfigError, ProductionConfig
from helpline.extensions import db


def test_healthz_and_readyz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["database"] == "ok"


def test_readyz_reports_unreachable_broker(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["checks"]["broker"] == "unreachable"
    finally:
        app.config["REDIS_URL"] = None


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    class Prod(ProductionConfig):
        SECRET_KEY = None
        TWILIO_AUTH_TOKEN = "x"
        PUBLIC_BASE_URL = "https://example.org"
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(Prod)


def test_production_refuses_twilio_gateway_without_auth_token():
    class Prod(ProductionConfig):
        SECRET_KEY = "k"
        TWILIO_ACCOUNT_SID = "AC123"
        TWILIO_AUTH_TOKEN = None
        PUBLIC_BASE_URL = "https://example.org"
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        create_app(Prod)


def test_migrations_build_exactly_the_models_schema(app):
    with app.app_context():
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_unknown_routes_and_methods_give_clean_errors(client):
    assert client.get("/twilio/sms").status_code == 405
    assert client.get("/api/v1/nothing").status_code == 404


def test_a_savepoint_before_any_write_is_undone_by_rollback(app):
    """On SQLite a SAVEPOINT taken before the first write used to commit on RELEASE."""
    from sqlalchemy import func, select

    from helpline.contacts.models import Contact
    with app.app_context():
        db.session.scalar(select(func.count()).select_from(Contact))  # a read first, as views do
        with db.session.begin_nested():
            db.session.add(Contact(phone="+9647701230000"))
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Contact)) == 0
