"""GET /api/v1/cases and the case update endpoints: permissions, audit, clear 400s."""
from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import CaseNote, TriageCorrection
from helpline.extensions import db
from tests.staff.helpers import case_of, sms_case

WATER = "no water in our village since two weeks"
GBV = "my husband beats me and I have nowhere to go"


def _h(token):
    return {"Authorization": f"Bearer {token}"}


def test_list_filters_and_never_lists_restricted_cases(app, client, twilio, api_token):
    water = sms_case(twilio, WATER, sender="+9647701000002")
    gbv = sms_case(twilio, GBV, sender="+9647701000005")
    threat = sms_case(twilio, "men with guns came and said they will kill my brother", sender="+9647701000001")
    op = api_token("op", ["operator"])
    data = client.get("/api/v1/cases", headers=_h(op)).get_json()
    refs = [item["reference"] for item in data["items"]]
    assert refs == [threat, water] and data["next_page"] is None
    assert data["items"][0]["phone"] == "+964770•••0001"
    assert client.get("/api/v1/cases?phone=07701000005", headers=_h(op)).get_json()["items"] == []
    by_phone = client.get("/api/v1/cases?phone=%2B9647701000002", headers=_h(op)).get_json()["items"]
    assert [i["reference"] for i in by_phone] == [water]
    assert [i["reference"] for i in client.get("/api/v1/cases?urgency=critical", headers=_h(op)).get_json()["items"]] == [threat]
    assert [i["reference"] for i in client.get("/api/v1/cases?category=basic_services&status=open", headers=_h(op)).get_json()["items"]] == [water]
    gbv_token = api_token("gbv", ["gbv_focal"])
    focal = client.get("/api/v1/cases?category=gbv", headers=_h(gbv_token)).get_json()["items"]
    assert [i["reference"] for i in focal] == [gbv]
    sup = api_token("sup", ["supervisor", "admin"])
    assert gbv not in [i["reference"] for i in client.get("/api/v1/cases", headers=_h(sup)).get_json()["items"]]
    partner_listing = client.get("/api/v1/cases", headers=_h(api_token("nobody", ["partner"], partner_id=_partner(app))))
    assert partner_listing.status_code == 403
    assert "referrals" in partner_listing.get_json()["reason"]


def _partner(app):
    from helpline.referrals.models import Partner
    with app.app_context():
        partner = Partner(name="P1")
        db.session.add(partner)
        db.session.commit()
        return partner.id


def test_list_bad_input_is_400_with_a_reason(client, api_token):
    op = api_token()
    for query in ("status=sleeping", "urgency=meh", "category=weather", "phone=12", "page=0", "per_page=1000", "page=x"):
        response = client.get(f"/api/v1/cases?{query}", headers=_h(op))
        assert response.status_code == 400, query
        assert response.get_json()["reason"]


def test_paging(client, twilio, api_token):
    refs = [sms_case(twilio, WATER, sender=f"+96477010003{n:02d}") for n in range(3)]
    op = api_token()
    first = client.get("/api/v1/cases?per_page=2", headers=_h(op)).get_json()
    second = client.get("/api/v1/cases?per_page=2&page=2", headers=_h(op)).get_json()
    assert first["next_page"] == 2 and second["next_page"] is None
    assert {i["reference"] for i in first["items"] + second["items"]} == set(refs)


def test_assign_status_notes_corrections_replies(app, client, twilio, api_token, make_user):
    ref = sms_case(twilio, WATER)
    op = api_token("op", ["operator"])
    make_user("op2", ["operator"])
    assert client.post(f"/api/v1/cases/{ref}/assign", json={"assignee": "op2"}, headers=_h(op)).status_code == 403
    response = client.post(f"/api/v1/cases/{ref}/assign", json={"assignee": "op"}, headers=_h(op))
    assert response.status_code == 200 and response.get_json()["assignee"] == "op"
    assert response.get_json()["status"] == "assigned"
    response = client.post(f"/api/v1/cases/{ref}/notes", json={"text": "called twice"}, headers=_h(op))
    assert response.status_code == 201
    response = client.post(f"/api/v1/cases/{ref}/corrections",
                           json={"category": "shelter", "urgency": "high", "reason": "roof collapsed"}, headers=_h(op))
    assert response.status_code == 201 and response.get_json()["corrected_category"] == "shelter"
    response = client.post(f"/api/v1/cases/{ref}/replies", json={"template": "more_info"}, headers=_h(op))
    assert response.status_code == 201
    response = client.post(f"/api/v1/cases/{ref}/status", json={"status": "closed"}, headers=_h(op))
    assert response.status_code == 400 and response.get_json()["code"] == "invalid_transition"
    response = client.post(f"/api/v1/cases/{ref}/status", json={"status": "resolved"}, headers=_h(op))
    assert response.status_code == 400 and "outcome" in response.get_json()["reason"]
    response = client.post(f"/api/v1/cases/{ref}/status",
                           json={"status": "resolved", "outcome": "tent delivered", "ask_satisfaction": True},
                           headers=_h(op))
    assert response.status_code == 200 and response.get_json()["messages_queued"] == 2
    detail = client.get(f"/api/v1/cases/{ref}", headers=_h(op)).get_json()
    assert detail["outcome"] == "tent delivered" and detail["resolved_at"]
    assert [m["purpose"] for m in detail["messages"] if m["direction"] == "out"][-2:] == ["outcome", "satisfaction"]
    with app.app_context():
        case = case_of(ref)
        assert case.status == "resolved" and case.category == "shelter"
        assert db.session.scalar(select(CaseNote.body)) == "called twice"
        assert db.session.scalar(select(TriageCorrection.reason)) == "roof collapsed"
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_ref == ref)).all()
        for action in ("case_assign", "case_note", "case_correction", "case_reply", "case_status"):
            assert action in actions


def test_updates_on_invisible_cases_are_404(client, twilio, api_token):
    gbv = sms_case(twilio, GBV)
    op = api_token("op", ["operator", "supervisor"])
    for path, body in (("assign", {"assignee": "op"}), ("status", {"status": "open"}),
                       ("notes", {"text": "x"}), ("corrections", {"category": "other", "reason": "x"}),
                       ("replies", {"text": "x"})):
        assert client.post(f"/api/v1/cases/{gbv}/{path}", json=body, headers=_h(op)).status_code == 404
    focal = api_token("gbv", ["gbv_focal"])
    assert client.post(f"/api/v1/cases/{gbv}/notes", json={"text": "x"}, headers=_h(focal)).status_code == 201


def test_bad_bodies_are_400(client, twilio, api_token):
    ref = sms_case(twilio, WATER)
    op = api_token()
    assert client.post(f"/api/v1/cases/{ref}/notes", data="nope", headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/notes", json={"text": 5}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/assign", json={}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/assign", json={"assignee": "ghost"}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/corrections", json={"category": "weather", "reason": "x"}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/corrections", json={"categories": "gbv", "reason": "x"}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/status", json={"status": "sleeping"}, headers=_h(op)).status_code == 400
    assert client.post(f"/api/v1/cases/{ref}/notes", json={"text": "x"}).status_code == 401
