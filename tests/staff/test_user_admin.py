"""User administration by admins: create, roles, deactivate, reset password, tokens."""
import re

from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.extensions import db
from helpline.staff.models import ApiToken, User
from tests.staff.helpers import login, post_form


def _user(username):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def test_admin_creates_a_user_with_roles_and_partner(app, logged_in):
    from helpline.referrals.models import Partner
    with app.app_context():
        db.session.add(Partner(name="Legal aid"))
        db.session.commit()
        partner_id = db.session.scalar(select(Partner.id))
    admin = logged_in("admin")
    response = post_form(admin, "/users/new", {"username": "nadia", "password": "long-enough-1",
                                               "roles": ["protection", "gbv_focal"], "display_name": "Nadia"},
                         page="/users/new")
    assert response.status_code == 302
    response = post_form(admin, "/users/new", {"username": "legal", "password": "long-enough-1", "roles": ["partner"]},
                         page="/users/new")
    assert response.status_code == 400 and "partner organisation" in response.get_data(as_text=True)
    post_form(admin, "/users/new", {"username": "legal", "password": "long-enough-1", "roles": ["partner"],
                                    "partner_id": str(partner_id)}, page="/users/new")
    response = post_form(admin, "/users/new", {"username": "nadia", "password": "long-enough-1", "roles": ["operator"]},
                         page="/users/new")
    assert response.status_code == 400 and "already taken" in response.get_data(as_text=True)
    response = post_form(admin, "/users/new", {"username": "x", "password": "short", "roles": ["operator"]}, page="/users/new")
    assert response.status_code == 400
    with app.app_context():
        assert _user("nadia").roles == {"protection", "gbv_focal"}
        assert _user("legal").partner_id == partner_id
        assert "user_create" in db.session.scalars(select(AuditEntry.action)).all()
    assert "nadia" in admin.get("/users").get_data(as_text=True)


def test_deactivate_reset_password_and_roles(app, logged_in, make_user):
    user_id = make_user("omar", ["operator"])
    admin = logged_in("admin")
    post_form(admin, f"/users/{user_id}/active", {"active": "0"}, page=f"/users/{user_id}")
    with app.app_context():
        assert not _user("omar").is_active
    assert login(app.test_client(), "omar").status_code == 401
    post_form(admin, f"/users/{user_id}/active", {"active": "1"}, page=f"/users/{user_id}")
    post_form(admin, f"/users/{user_id}/password", {"password": "brand-new-pass"}, page=f"/users/{user_id}")
    assert login(app.test_client(), "omar", "brand-new-pass").status_code == 302
    post_form(admin, f"/users/{user_id}/roles", {"roles": ["operator", "supervisor"]}, page=f"/users/{user_id}")
    with app.app_context():
        assert _user("omar").roles == {"operator", "supervisor"}


def test_admin_cannot_lock_themselves_out(app, logged_in):
    admin = logged_in("admin", username="root")
    with app.app_context():
        root_id = _user("root").id
    post_form(admin, f"/users/{root_id}/active", {"active": "0"}, page=f"/users/{root_id}")
    post_form(admin, f"/users/{root_id}/roles", {"roles": ["operator"]}, page=f"/users/{root_id}")
    with app.app_context():
        assert _user("root").is_active and "admin" in _user("root").roles


def test_token_is_shown_once_and_can_be_revoked(app, client, logged_in, make_user, twilio):
    user_id = make_user("svc", ["operator"])
    admin = logged_in("admin")
    response = post_form(admin, f"/users/{user_id}/tokens", page=f"/users/{user_id}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    token = re.search(r"(hl_[A-Za-z0-9_\-]+)", response.get_data(as_text=True)).group(1)
    assert token not in admin.get(f"/users/{user_id}").get_data(as_text=True)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    post_form(admin, f"/users/{user_id}/tokens/{token_id}/revoke", page=f"/users/{user_id}")
    assert client.get("/api/v1/cases", headers=headers).status_code == 401
