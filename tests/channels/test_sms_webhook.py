"""Inbound SMS and WhatsApp: signatures, exactly-once storage, cases, acknowledgements."""
import re

import pytest
from sqlalchemy import func, select

from helpline.cases.models import Case
from helpline.channels.models import ChannelEvent, Message
from helpline.contacts.models import Contact
from helpline.extensions import db
from helpline.i18n import sms_parts

REF = re.compile(r"HL-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}")


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def reply_text(response):
    body = response.get_data(as_text=True)
    match = re.search(r"<Message>(.*)</Message>", body, re.S)
    return match.group(1) if match else ""


def test_signed_sms_is_stored_on_a_new_case_and_acknowledged_with_reference(app, twilio):
    response = twilio.sms("There is no water in our village since we came back")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    text = reply_text(response)
    ref = REF.search(text).group(0)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == ref))
        assert case.contact.phone == "+9647701234567"
        inbound = db.session.scalars(select(Message).where(
            Message.case_id == case.id, Message.direction == "in")).all()
        assert [m.body for m in inbound] == ["There is no water in our village since we came back"]


def test_missing_or_wrong_signature_is_refused_and_nothing_is_stored(app, twilio):
    params = {"MessageSid": twilio.next_sid(), "From": "+9647701234567", "Body": "hello"}
    assert twilio.post("/twilio/sms", params, signature="").status_code == 403
    assert twilio.post("/twilio/sms", params, signature="bm90LWEtc2lnbmF0dXJl").status_code == 403
    # A valid signature for other parameters does not cover these.
    forged = dict(params, Body="a different body")
    from helpline.channels.signature import sign
    good_for_original = sign(twilio.url("/twilio/sms"), params, app.config["TWILIO_AUTH_TOKEN"])
    assert twilio.post("/twilio/sms", forged, signature=good_for_original).status_code == 403
    assert count(app, Message) == 0 and count(app, ChannelEvent) == 0 and count(app, Case) == 0


def test_signature_uses_public_base_url_not_the_internal_host(app, twilio):
    params = {"MessageSid": twilio.next_sid(), "From": "+9647701234567", "Body": "hello"}
    from helpline.channels.signature import sign
    internal = sign("http://localhost/twilio/sms", params, app.config["TWILIO_AUTH_TOKEN"])
    assert twilio.post("/twilio/sms", params, signature=internal).status_code == 403


def test_twilio_retry_gives_same_answer_and_creates_nothing_new(app, twilio):
    sid = twilio.next_sid()
    first = twilio.sms("my house was destroyed", sid=sid)
    second = twilio.sms("my house was destroyed", sid=sid)
    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data()
    assert count(app, Case) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Message)
                                 .where(Message.direction == "in")) == 1


def test_second_message_within_seven_days_joins_the_open_case(app, twilio):
    ref1 = REF.search(reply_text(twilio.sms("we need water"))).group(0)
    ref2 = REF.search(reply_text(twilio.sms("still no water"))).group(0)
    assert ref1 == ref2
    other = REF.search(reply_text(twilio.sms("hello", sender="+9647507654321"))).group(0)
    assert other != ref1


def test_message_after_seven_days_opens_a_new_case(app, twilio):
    from datetime import timedelta
    ref1 = REF.search(reply_text(twilio.sms("we need water"))).group(0)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == ref1))
        case.last_message_at = case.last_message_at - timedelta(days=8)
        db.session.commit()
    ref2 = REF.search(reply_text(twilio.sms("still no water"))).group(0)
    assert ref2 != ref1


def test_whatsapp_sender_keeps_its_channel(app, twilio):
    response = twilio.sms("salam", sender="whatsapp:+9647701112233")
    assert response.status_code == 200
    with app.app_context():
        contact = db.session.scalar(select(Contact))
        assert contact.phone == "+9647701112233"
        assert contact.preferred_channel == "whatsapp"
        message = db.session.scalar(select(Message).where(Message.direction == "in"))
        assert message.channel == "whatsapp"
        assert db.session.scalar(select(Case)).channel == "whatsapp"


def test_local_iraqi_number_is_stored_in_e164(app, twilio):
    assert twilio.sms("hello", sender="07701234567").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Contact.phone)) == "+9647701234567"


@pytest.mark.parametrize("body, language, marker", [
    ("Our house has no electricity since we returned", "en", "reference"),
    ("لا توجد كهرباء في بيتنا منذ رجوعنا", "ar", "رقم"),
    ("لە ماڵەکەمان کارەبا نییە لە کاتی گەڕانەوەمان", "ckb", "ژمارە"),
    ("Li mala me ji dema vegerê ve elektrîk tune ye", "ku", "hejmar"),
])
def test_acknowledgement_is_in_the_senders_language_within_two_parts(app, twilio, body,
                                                                     language, marker):
    text = reply_text(twilio.sms(body))
    assert REF.search(text)
    assert marker in text.lower()
    assert sms_parts(text) <= 2
    with app.app_context():
        assert db.session.scalar(select(Contact.language)) == language


def test_stored_language_wins_over_detection(app, twilio):
    twilio.sms("لا توجد كهرباء في بيتنا")
    text = reply_text(twilio.sms("ok thanks"))
    assert "رقم" in text


@pytest.mark.parametrize("params, reason", [
    ({"From": "+9647701234567", "Body": "hi"}, "MessageSid is required"),
    ({"MessageSid": "SM" + "a" * 32, "Body": "hi"}, "From is required"),
    ({"MessageSid": "SM" + "b" * 32, "From": "not-a-number", "Body": "hi"}, "From is not a phone number"),
    ({"MessageSid": "SM" + "c" * 32, "From": "+9647701234567", "Body": "x" * 1601}, "longer than 1600"),
    ({"MessageSid": "SM" + "d" * 32, "From": "+9647701234567", "Body": "bad \ufffd bytes"}, "not valid UTF-8"),
    ({"MessageSid": "not a sid", "From": "+9647701234567", "Body": "hi"}, "not a Twilio message id"),
])
def test_malformed_requests_get_a_clear_4xx_and_store_nothing(app, twilio, params, reason):
    response = twilio.post("/twilio/sms", params)
    assert response.status_code == 400
    assert reason in response.get_json()["reason"]
    assert count(app, Message) == 0 and count(app, Case) == 0


def test_body_of_exactly_1600_characters_is_accepted(app, twilio):
    assert twilio.sms("y" * 1600).status_code == 200


def test_nul_characters_do_not_break_storage(app, twilio):
    assert twilio.sms("help\x00 us").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Message.body).where(Message.direction == "in")) == "help us"


def test_invalid_utf8_on_the_wire_is_refused_without_a_500(app, client):
    response = client.post("/twilio/sms", data=b"MessageSid=SM1&From=%2B964770&Body=%FF%FE",
                           content_type="application/x-www-form-urlencoded",
                           headers={"X-Twilio-Signature": "abc"})
    assert response.status_code in (400, 403)
    assert count(app, Message) == 0


def test_logs_carry_ids_not_bodies_or_numbers(app, twilio, caplog):
    import logging
    caplog.set_level(logging.DEBUG)
    twilio.sms("they will kill my brother tonight", sender="+9647701239876")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "kill my brother" not in logged
    assert "7701239876" not in logged
