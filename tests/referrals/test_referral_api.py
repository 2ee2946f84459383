"""/api/v1/referrals: partner scoping, case visibility, consent, clear 400s."""
from helpline.extensions import db
from helpline.referrals.models import Referral
from tests.referrals.conftest import refer


def _token(app, user_id):
    from helpline.staff.models import User
    from helpline.staff.services import issue_token
    with app.app_context():
        token = issue_token(db.session.get(User, user_id))
        db.session.commit()
        return {"Authorization": f"Bearer {token}"}


def test_create_with_consent_then_partner_flow(app, client, world):
    staff = _token(app, world.users["protection"])
    body = {"case_reference": world.case, "partner_id": world.partner_a,
            "service_type": "legal_hlp", "summary": "Eviction notice; needs a lawyer.",
            "share_phone": True,
            "consent": {"given_by": "the person", "method": "verbal_phone",
                        "at": "2026-01-05T10:30:00+03:00"}}
    created = client.post("/api/v1/referrals", json=body, headers=staff)
    assert created.status_code == 201, created.get_json()
    data = created.get_json()
    assert data["status"] == "pending" and data["consent"]["method"] == "verbal_phone"
    rid = data["id"]
    partner = _token(app, world.users["partner_a"])
    seen = client.get(f"/api/v1/referrals/{rid}", headers=partner).get_json()
    assert seen["phone"] is None and "consent" not in seen and "messages" not in seen
    assert set(seen) >= {"case_reference", "service_type", "urgency", "language", "location",
                         "summary", "status"}
    accepted = client.post(f"/api/v1/referrals/{rid}/accept", headers=partner).get_json()
    assert accepted["status"] == "accepted" and accepted["phone"] == "+9647704444444"
    bad = client.post(f"/api/v1/referrals/{rid}/complete", json={}, headers=partner)
    assert bad.status_code == 400 and "outcome" in bad.get_json()["reason"]
    done = client.post(f"/api/v1/referrals/{rid}/complete", json={"outcome_note": "ok"},
                       headers=partner)
    assert done.get_json()["status"] == "completed"


def test_create_without_consent_is_400_with_reason(app, client, world):
    staff = _token(app, world.users["protection"])
    body = {"case_reference": world.case, "partner_id": world.partner_a,
            "service_type": "legal_hlp", "summary": "x"}
    response = client.post("/api/v1/referrals", json=body, headers=staff)
    assert response.status_code == 400 and "consent" in response.get_json()["reason"]
    body["emergency_override_reason"] = "Threat to life tonight"
    assert client.post("/api/v1/referrals", json=body, headers=staff).status_code == 201
    body["consent"] = "yes"
    assert client.post("/api/v1/referrals", json=body, headers=staff).status_code == 400
    assert client.post("/api/v1/referrals", data="[]", headers={
        **staff, "Content-Type": "application/json"}).status_code == 400


def test_list_is_scoped(app, client, world):
    own = refer(app, world)
    other = refer(app, world, partner_id=world.partner_b)
    gbv = refer(app, world, case_ref=world.gbv_case, partner_id=world.partner_b,
                actor="gbv_focal", service="gbv")
    listed = lambda who: {i["id"] for i in client.get(  # noqa: E731
        "/api/v1/referrals", headers=_token(app, world.users[who])).get_json()["items"]}
    assert listed("partner_a") == {own}
    assert listed("partner_b") == {other, gbv}  # sent to them: visible despite restriction
    assert listed("supervisor") == {own, other}
    assert listed("gbv_focal") == {own, other, gbv}
    assert listed("cp_focal") == {own, other}
    b = _token(app, world.users["partner_b"])
    assert client.get(f"/api/v1/referrals/{own}", headers=b).status_code == 404
    assert client.post(f"/api/v1/referrals/{own}/accept", headers=b).status_code == 404
    sup = _token(app, world.users["supervisor"])
    assert client.get(f"/api/v1/referrals/{gbv}", headers=sup).status_code == 404
    assert client.get("/api/v1/referrals?status=bogus", headers=sup).status_code == 400


def test_permissions_on_create_and_revoke(app, client, world):
    op = _token(app, world.users["operator"])
    body = {"case_reference": world.case, "partner_id": world.partner_a,
            "service_type": "legal_hlp", "summary": "x",
            "emergency_override_reason": "danger"}
    assert client.post("/api/v1/referrals", json=body, headers=op).status_code == 403
    sup = _token(app, world.users["supervisor"])
    assert client.post("/api/v1/referrals", json={**body, "case_reference": world.gbv_case,
                                                  "service_type": "gbv"},
                       headers=sup).status_code == 404
    rid = refer(app, world)
    assert client.post(f"/api/v1/referrals/{rid}/accept", headers=sup).status_code == 403
    revoked = client.post(f"/api/v1/referrals/{rid}/revoke", json={"reason": "withdrawn"},
                          headers=sup)
    assert revoked.status_code == 200 and revoked.get_json()["status"] == "revoked"
    with app.app_context():
        assert db.session.get(Referral, rid).revoke_reason == "withdrawn"
    assert client.get("/api/v1/referrals").status_code == 401


def test_malformed_bodies_get_400_not_500(app, client, world):
    staff = _token(app, world.users["protection"])
    base = {"case_reference": world.case, "partner_id": world.partner_a, "summary": "x"}
    for body in ({**base, "service_type": ["legal_hlp"], "emergency_override_reason": "d"},
                 {**base, "service_type": "legal_hlp",
                  "consent": {"given_by": 5, "method": ["written"], "at": 12}},
                 {**base, "service_type": "legal_hlp", "consent": {"given_by": "me",
                                                                   "method": "written",
                                                                   "at": "yesterday"}},
                 {**base, "service_type": "legal_hlp", "summary": {"x": 1},
                  "emergency_override_reason": "d"},
                 {"partner_id": world.partner_a}):
        response = client.post("/api/v1/referrals", json=body, headers=staff)
        assert response.status_code == 400, body
        assert response.get_json()["reason"]
