"""Complaints entered by staff: channel recorded, triaged like SMS, location kept."""
from sqlalchemy import select

from helpline.channels.models import Message
from helpline.extensions import db
from tests.staff.helpers import case_of, post_form


def _ref_from(response):
    import re
    return re.search(r"/cases/(HL-[A-Z0-9]{5})", response.headers["Location"]).group(1)


def test_walk_in_complaint_is_triaged_and_located(app, logged_in):
    client = logged_in("operator")
    assert client.get("/cases/new").status_code == 200
    response = post_form(client, "/cases/new", {
        "channel": "walk_in", "text": "I found a strange metal object in our field near the road",
        "phone": "0770 123 4567", "governorate": "ninewa", "district": "Sinjar",
        "subdistrict": "Snune", "village": "Kocho", "send_reference": "1"}, page="/cases/new")
    assert response.status_code == 302
    ref = _ref_from(response)
    with app.app_context():
        case = case_of(ref)
        assert case.channel == "walk_in" and case.category == "explosive_hazard"
        assert case.urgency == "critical" and case.status == "open"
        assert (case.governorate, case.district, case.subdistrict, case.village) == \
            ("Ninewa", "Sinjar", "Snune", "Kocho")
        assert case.contact.phone == "+9647701234567"
        inbound = db.session.scalar(select(Message).where(Message.case_id == case.id, Message.direction == "in"))
        assert inbound.channel == "walk_in" and inbound.processing_state == "done"
        ack = db.session.scalar(select(Message).where(Message.case_id == case.id, Message.purpose == "ack"))
        assert ref in ack.body
        assert "entered_by_staff" in [e.kind for e in case.events]


def test_complaint_box_without_phone_in_arabic(app, logged_in):
    client = logged_in("operator")
    response = post_form(client, "/cases/new", {"channel": "complaint_box",
                                                "text": "ما استلمنا المنحة النقدية من رجعنا للقرية"},
                         page="/cases/new")
    ref = _ref_from(response)
    with app.app_context():
        case = case_of(ref)
        assert case.contact_id is None and case.language == "ar" and case.channel == "complaint_box"
        assert case.urgency is not None
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "There is no phone number on this case." in page


def test_bad_input_is_refused_with_a_clear_message(app, logged_in):
    client = logged_in("operator")
    response = post_form(client, "/cases/new", {"channel": "walk_in", "text": "hello", "phone": "12"},
                         page="/cases/new")
    assert response.status_code == 400
    assert "This is not a valid phone number." in response.get_data(as_text=True)
    response = post_form(client, "/cases/new", {"channel": "carrier_pigeon", "text": "hello"}, page="/cases/new")
    assert response.status_code == 400
    response = post_form(client, "/cases/new", {"channel": "phone_call", "text": "  "}, page="/cases/new")
    assert response.status_code == 400 and "The complaint text is required." in response.get_data(as_text=True)


def test_manual_gbv_complaint_is_restricted_at_once(app, logged_in):
    client = logged_in("operator")
    response = post_form(client, "/cases/new", {"channel": "help_desk",
                                                "text": "my husband beats me and I have nowhere to go"},
                         page="/cases/new")
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "restricted to its focal points" in page
