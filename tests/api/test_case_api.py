"""GET /api/v1/cases/<ref> with bearer tokens; restricted cases answer 404."""
import re

from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.extensions import db


def _ref(response):
    return re.search(r"HL-[A-Z0-9]{5}", response.get_data(as_text=True)).group(0)


def test_case_detail_with_inbound_and_outbound_messages(app, client, twilio, api_token):
    ref = _ref(twilio.sms("no water in <b>our</b> village"))
    token = api_token()
    response = client.get(f"/api/v1/cases/{ref}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    data = response.get_json()
    assert data["reference"] == ref
    for key in ("status", "urgency", "categories", "language", "channel", "restricted", "due_at"):
        assert key in data
    directions = [m["direction"] for m in data["messages"]]
    assert directions == ["in", "out"]
    assert data["messages"][0]["body"] == "no water in <b>our</b> village"
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.object_ref == ref)).action == "case_view"


def test_no_or_bad_token_is_401(client, twilio):
    ref = _ref(twilio.sms("hello"))
    assert client.get(f"/api/v1/cases/{ref}").status_code == 401
    assert client.get(f"/api/v1/cases/{ref}", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_restricted_case_is_404_without_focal_role(client, twilio, api_token):
    ref = _ref(twilio.sms("my husband beats me and locks me in the house"))
    op = api_token("op", ["operator"])
    sup = api_token("sup", ["supervisor", "admin"])
    gbv = api_token("gbv", ["gbv_focal"])
    for token in (op, sup):
        assert client.get(f"/api/v1/cases/{ref}", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert client.get(f"/api/v1/cases/{ref}", headers={"Authorization": f"Bearer {gbv}"}).status_code == 200


def test_unknown_case_is_404(client, api_token):
    token = api_token()
    assert client.get("/api/v1/cases/HL-ZZZZZ", headers={"Authorization": f"Bearer {token}"}).status_code == 404
