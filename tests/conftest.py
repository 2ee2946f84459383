"""Shared fixtures: a real database built by the migrations, signed Twilio requests, users.

TEST_DATABASE_URL selects the database (SQLite file by default; PostgreSQL in the
second CI pass). TEST_REDIS_URL enables the tests that need a real broker.
"""
import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from helpline import create_app
from helpline.channels.signature import sign
from helpline.extensions import db

ROOT = Path(__file__).resolve().parent.parent
IN_CI = bool(os.environ.get("CI"))


def database_url():
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    path = Path(tempfile.gettempdir()) / f"helpline-test-{os.getpid()}.sqlite"
    return f"sqlite:///{path}"


def is_postgres():
    return database_url().startswith("postgres")


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs PostgreSQL (fails in CI when absent)")
    config.addinivalue_line("markers", "redis: needs Redis (fails in CI when absent)")
    config.addinivalue_line("markers", "browser: drives headless Chromium")


def pytest_runtest_setup(item):
    if "postgres" in item.keywords and not is_postgres():
        if IN_CI and os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required in this run but TEST_DATABASE_URL is not set")
        pytest.skip("runs in the PostgreSQL pass (TEST_DATABASE_URL)")
    if "redis" in item.keywords and not os.environ.get("TEST_REDIS_URL"):
        if IN_CI and os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("Redis is required in this run but TEST_REDIS_URL is not set")
        pytest.skip("runs in the PostgreSQL + Redis pass (TEST_REDIS_URL)")


def _reset_schema(app):
    from flask_migrate import upgrade
    with app.app_context():
        if is_postgres():
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        else:
            db.engine.dispose()
            path = database_url()[len("sqlite:///"):]
            if os.path.exists(path):
                os.remove(path)
        upgrade(directory=str(ROOT / "migrations"))


@pytest.fixture(scope="session")
def app():
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_fix_url(database_url()))
    _reset_schema(app)
    yield app
    with app.app_context():
        db.engine.dispose()


def _fix_url(url):
    from helpline.config import _normalise_db_url
    return _normalise_db_url(url)


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Every test starts from empty tables (schema stays: it was built by the migrations)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if is_postgres():
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                                  + " RESTART IDENTITY CASCADE"))
            else:
                for t in tables:
                    conn.execute(text(f'DELETE FROM "{t}"'))
    app.extensions.pop("gateway", None)


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


class Twilio:
    """Posts form-encoded, signed requests to our webhooks as Twilio does."""

    def __init__(self, app, client):
        self.app, self.client = app, client
        self._n = 0

    def url(self, path):
        return self.app.config["PUBLIC_BASE_URL"].rstrip("/") + path

    def post(self, path, params, signature=None, headers=None):
        params = {k: v for k, v in params.items() if v is not None}
        if signature is None:
            signature = sign(self.url(path), params, self.app.config["TWILIO_AUTH_TOKEN"])
        all_headers = {"X-Twilio-Signature": signature} if signature else {}
        all_headers.update(headers or {})
        return self.client.post(path, data=params, headers=all_headers)

    def next_sid(self, prefix="SM"):
        self._n += 1
        return f"{prefix}{self._n:032x}"

    def sms(self, body, sender="+9647701234567", sid=None, **extra):
        params = {"MessageSid": sid or self.next_sid(), "AccountSid": "ACtest", "From": sender,
                  "To": "+9647800000000", "Body": body, "NumMedia": "0", **extra}
        return self.post("/twilio/sms", params)


@pytest.fixture
def twilio(app, client):
    return Twilio(app, client)


@pytest.fixture
def make_user(app):
    from helpline.staff.services import create_user

    def factory(username, roles, password="correct-horse-9", partner_id=None):
        with app.app_context():
            user = create_user(username, password, roles, partner_id=partner_id)
            db.session.commit()
            return user.id
    return factory


@pytest.fixture
def api_token(app, make_user):
    from helpline.staff.models import User
    from helpline.staff.services import issue_token

    def factory(username="api-user", roles=("operator",), partner_id=None):
        user_id = make_user(username, list(roles), partner_id=partner_id)
        with app.app_context():
            token = issue_token(db.session.get(User, user_id))
            db.session.commit()
            return token
    return factory


@pytest.fixture
def logged_in(app, make_user):
    """A client logged in through the real login form as a new user with the given roles:
    logged_in('operator')."""
    from tests.staff.helpers import login

    def factory(*roles, username=None):
        username = username or "u-" + "-".join(roles)
        make_user(username, list(roles))
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return factory
