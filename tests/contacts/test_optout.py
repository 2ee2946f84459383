"""STOP/START in every language, before anything else; opted-out contacts get nothing unsolicited."""
import pytest
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message, OutboxEntry
from helpline.contacts.models import Contact
from helpline.contacts.optout import keyword_of
from helpline.extensions import db


@pytest.mark.parametrize("text", [
    "STOP", "stop", " Stop! ", "UNSUBSCRIBE", "توقف", "تَوَقَّف", "ايقاف", "إيقاف", "الغاء",
    "وەستان", "ڕاگرتن", "raweste", "Rawestîne", "rawestine", "betal",
])
def test_stop_words(text):
    assert keyword_of(text) == "stop"


@pytest.mark.parametrize("text", ["START", "start", "ابدأ", "ابدا", "دەستپێکردن", "dest pê bike",
                                  "dest pe bike"])
def test_start_words(text):
    assert keyword_of(text) == "start"


@pytest.mark.parametrize("text", ["please stop them from hitting us", "they will not stop",
                                  "توقف الماء عن بيتنا", "", "3"])
def test_sentences_containing_stop_are_not_keywords(text):
    assert keyword_of(text) is None


def test_stop_opts_out_confirms_in_language_and_opens_no_case(app, twilio):
    twilio.sms("لا توجد مياه في القرية")
    response = twilio.sms("توقف")
    body = response.get_data(as_text=True)
    assert "START" in body and "لن تصلك" in body
    with app.app_context():
        contact = db.session.scalar(select(Contact))
        assert contact.opted_out
        assert db.session.query(Case).count() == 1
        stop_message = db.session.scalar(select(Message).where(Message.body == "توقف"))
        assert stop_message is not None and stop_message.case_id is None


def test_start_resumes(app, twilio):
    twilio.sms("stop")
    response = twilio.sms("START")
    assert "STOP" in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalar(select(Contact)).opted_out


def test_opted_out_contact_still_has_messages_recorded_and_acknowledged(app, twilio):
    twilio.sms("raweste", sender="+9647501234567")
    response = twilio.sms("Av li gundê me tune ye", sender="+9647501234567")
    assert "HL-" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Case).count() == 1


def test_unsolicited_message_to_opted_out_contact_is_suppressed(app, twilio):
    from helpline.channels.outbound import queue_message
    from helpline.channels.tasks import send_message
    twilio.sms("stop")
    with app.app_context():
        contact = db.session.scalar(select(Contact))
        message = queue_message("Your check-in is due", contact=contact, purpose="checkin")
        db.session.commit()
        send_message.apply(args=(message.id,))
        db.session.expire_all()
        assert db.session.get(Message, message.id).delivery_status == "suppressed"
        assert db.session.query(OutboxEntry).count() == 0
