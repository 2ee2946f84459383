"""Login, lockout, session expiry, logout, CSRF, language choice."""
from datetime import timedelta

from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.extensions import db
from helpline.staff.models import User
from tests.staff.helpers import PASSWORD, csrf_token, login, post_form


def _audit_actions(app):
    with app.app_context():
        return [a.action for a in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_login_page_has_the_contract_fields(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="username"' in page and 'name="password"' in page and 'name="csrf_token"' in page


def test_login_and_logout_are_audited_with_ip(app, client, make_user):
    make_user("ana", ["operator"])
    response = login(client, "ana")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    assert post_form(client, "/logout").status_code == 302
    assert client.get("/").status_code == 302  # back to the login page
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.action for e in entries] == ["login", "logout"]
        assert entries[0].ip == "127.0.0.1"


def test_wrong_password_is_refused_and_audited(app, client, make_user):
    make_user("ana", ["operator"])
    response = login(client, "ana", "wrong-password")
    assert response.status_code == 401
    assert "Wrong username or password" in response.get_data(as_text=True)
    assert login(client, "nobody", "whatever1").status_code == 401
    assert _audit_actions(app) == ["login_failed", "login_failed"]


def test_five_failures_lock_the_account_for_fifteen_minutes(app, client, make_user):
    make_user("ana", ["operator"])
    for _ in range(5):
        login(client, "ana", "wrong-password")
    locked = login(client, "ana", PASSWORD)
    assert locked.status_code == 401
    assert "locked" in locked.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "ana"))
        assert user.failed_logins == 5
        # After the lockout the right password works again.
        user.locked_until = user.locked_until - timedelta(minutes=16)
        db.session.commit()
    assert login(client, "ana", PASSWORD).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.failed_logins).where(User.username == "ana")) == 0


def test_deactivated_user_cannot_log_in_and_loses_open_sessions(app, client, make_user):
    user_id = make_user("ana", ["operator"])
    assert login(client, "ana").status_code == 302
    with app.app_context():
        db.session.get(User, user_id).is_active_account = False
        db.session.commit()
    assert client.get("/").status_code == 302
    assert login(client, "ana").status_code == 401


def test_idle_session_expires(app, client, make_user):
    make_user("ana", ["operator"])
    login(client, "ana")
    with client.session_transaction() as session:
        session["seen"] -= 31 * 60
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/").status_code == 302


def test_absolute_session_lifetime(app, client, make_user):
    make_user("ana", ["operator"])
    login(client, "ana")
    with client.session_transaction() as session:
        session["login_at"] -= 9 * 3600
    assert client.get("/").status_code == 302


def test_session_cookie_is_permanent_and_httponly(client, make_user):
    make_user("ana", ["operator"])
    response = login(client, "ana")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Expires=" in cookie


def test_next_parameter_cannot_leave_the_site(client, make_user):
    make_user("ana", ["operator"])
    token = csrf_token(client)
    response = client.post("/login?next=//evil.example/x",
                           data={"username": "ana", "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_posts_without_csrf_token_are_rejected(app, client, make_user):
    make_user("ana", ["operator", "admin"])
    assert client.post("/login", data={"username": "ana", "password": PASSWORD}).status_code == 400
    login(client, "ana")
    for path in ("/logout", "/language", "/queue/assign", "/cases/new", "/users/new",
                 "/cases/HL-ABCDE/notes", "/cases/HL-ABCDE/reply", "/cases/HL-ABCDE/status",
                 "/cases/HL-ABCDE/correct", "/cases/HL-ABCDE/claim", "/cases/HL-ABCDE/assign",
                 "/users/1/roles", "/users/1/active", "/users/1/password", "/users/1/tokens"):
        assert client.post(path, data={"text": "x"}).status_code == 400, path


def test_language_choice_is_remembered_on_the_user(app, client, make_user):
    make_user("ana", ["operator"])
    login(client, "ana")
    response = post_form(client, "/language", {"lang": "ar", "next": "/"})
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    with app.app_context():
        assert db.session.scalar(select(User.language).where(User.username == "ana")) == "ar"
    # A new session (another browser) starts in the stored language, not Accept-Language.
    other = app.test_client()
    login(other, "ana")
    page = other.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="ar"' in page


def test_accept_language_decides_before_a_choice(client):
    page = client.get("/login", headers={"Accept-Language": "ckb-IQ,ckb;q=0.9"}).get_data(as_text=True)
    assert 'lang="ckb"' in page and 'dir="rtl"' in page
    page = client.get("/login", headers={"Accept-Language": "ku"}).get_data(as_text=True)
    assert 'lang="ku"' in page and 'dir="ltr"' in page
