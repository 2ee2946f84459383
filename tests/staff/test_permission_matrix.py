"""Each role × each staff page and case route: the expected status. Restricted cases: 404."""
import pytest

from helpline.extensions import db
from tests.staff.helpers import login, sms_case

ROLES = ("admin", "supervisor", "operator", "protection", "gbv_focal", "psea_focal", "cp_focal", "partner")
CASE_WORKERS = set(ROLES) - {"partner"}


@pytest.fixture
def world(app, twilio, make_user):
    from helpline.referrals.models import Partner
    with app.app_context():
        partner = Partner(name="Matrix partner")
        db.session.add(partner)
        db.session.commit()
        partner_id = partner.id
    for role in ROLES:
        make_user(role, [role], partner_id=partner_id if role == "partner" else None)
    return {
        "open": sms_case(twilio, "no water in our village since two weeks", sender="+9647701000002"),
        "gbv": sms_case(twilio, "my husband beats me and I have nowhere to go", sender="+9647701000005"),
        "psea": sms_case(twilio, "a man from the aid organisation asked me for sex to put my name on the list",
                         sender="+9647701000006"),
    }


def _client(app, role):
    client = app.test_client()
    assert login(client, role).status_code == 302
    return client


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(app, world, role):
    client = _client(app, role)
    queue = client.get("/")
    if role == "partner":
        assert queue.status_code in (302, 403)
    else:
        assert queue.status_code == 200
    expected_case = 200 if role in CASE_WORKERS else 404
    assert client.get(f"/cases/{world['open']}").status_code == expected_case
    assert client.get("/cases/new").status_code == expected_case
    for path in ("/users", "/users/new", "/users/1"):
        assert client.get(path).status_code == (200 if role == "admin" else 403), path
    # Restricted cases: only their focal role; everyone else gets 404, never 403.
    assert client.get(f"/cases/{world['gbv']}").status_code == (200 if role == "gbv_focal" else 404)
    assert client.get(f"/cases/{world['psea']}").status_code == (200 if role == "psea_focal" else 404)
    from tests.staff.helpers import post_form
    response = post_form(client, f"/cases/{world['gbv']}/notes", {"text": "x"}, page="/login")
    assert response.status_code == (302 if role == "gbv_focal" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_api_by_role(app, world, api_token, role):
    from helpline.referrals.models import Partner
    with app.app_context():
        partner_id = db.session.scalar(db.select(Partner.id))
    token = api_token(f"api-{role}", [role], partner_id=partner_id if role == "partner" else None)
    headers = {"Authorization": f"Bearer {token}"}
    expected = 200 if role in CASE_WORKERS else 404
    from flask import json
    assert app.test_client().get(f"/api/v1/cases/{world['open']}", headers=headers).status_code == expected
    listing = app.test_client().get("/api/v1/cases", headers=headers)
    if role not in CASE_WORKERS:
        assert listing.status_code == 403
        return
    listed = listing.get_json()["items"]
    refs = {i["reference"] for i in listed}
    assert (world["open"] in refs) == (role in CASE_WORKERS)
    assert (world["gbv"] in refs) == (role == "gbv_focal")
    assert (world["psea"] in refs) == (role == "psea_focal")
    response = app.test_client().post(f"/api/v1/cases/{world['open']}/notes", data=json.dumps({"text": "x"}),
                                      headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == (201 if role in CASE_WORKERS else 404)
    assert app.test_client().get(f"/api/v1/cases/{world['gbv']}", headers=headers).status_code == \
        (200 if role == "gbv_focal" else 404)


def test_anonymous_is_sent_to_login(client, world):
    for path in ("/", f"/cases/{world['open']}", "/cases/new", "/users"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
