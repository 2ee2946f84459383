"""Answers by SMS through the signed webhook: cases, triage of free text, languages, opt-out."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message
from helpline.checkins.models import CheckIn, CheckinAnswer, Household
from helpline.checkins.plans import next_allowed_time
from helpline.checkins.questions import question_text, thanks_text
from helpline.checkins.services import local_today
from helpline.db import utcnow
from helpline.extensions import db
from tests.checkins.conftest import checkin_messages

PHONE = "+9647701234567"


@pytest.fixture
def asked(register, sweep):
    """A household whose wave 1 question was sent by SMS (the webhook runs on the real clock)."""
    def factory(language="ar", phone=PHONE):
        now = utcnow()
        hid = register(now=now, language=language, phone=phone,
                       arrival_date=(local_today(now) - timedelta(days=10)).isoformat())
        assert sweep(next_allowed_time(now)).sent == 1
        return hid
    return factory


def _checkin(hid):
    db.session.expire_all()
    return db.session.scalar(select(CheckIn).where(CheckIn.household_id == hid,
                                                   CheckIn.wave == 1))


def _answers(hid):
    return {a.question: a.code for a in _checkin(hid).answers}


def test_three_in_arabic_indic_digits_opens_a_critical_case(asked, twilio, app):
    hid = asked("ar")
    response = twilio.sms("٣", sender=PHONE)
    assert response.status_code == 200
    with app.test_request_context():
        assert question_text("main_problem", "ar") in response.get_data(as_text=True)
    checkin = _checkin(hid)
    case = db.session.get(Case, checkin.case_id)
    assert case.urgency == "critical" and case.channel == "checkin"
    assert case.governorate == "Ninewa" and case.status == "new"
    inbound = db.session.scalar(select(Message).where(Message.direction == "in"))
    assert inbound.case_id == case.id and inbound.body == "٣"
    assert checkin.status == "in_progress" and checkin.current_question == "main_problem"
    # On-duty officers are alerted (reference only) about the new critical case.
    alerts = db.session.scalars(select(Message).where(Message.purpose == "staff_alert")).all()
    assert alerts and all(case.reference in a.body for a in alerts)
    assert all(a.delivery_status == "delivered" for a in alerts)   # sent right after commit

    twilio.sms("1", sender=PHONE)                       # main problem: safety
    case = db.session.get(Case, case.id)
    assert case.category == "safety_threat" and case.urgency == "critical"
    response = twilio.sms("2", sender=PHONE)            # not planning to stay
    with app.test_request_context():
        assert thanks_text("ar", urgent=True) in response.get_data(as_text=True)
    assert _answers(hid) == {"wellbeing": "urgent_help", "main_problem": "safety",
                             "plan_to_stay": "no"}
    assert _checkin(hid).status == "answered"
    assert db.session.get(Household, hid).durability_flag == "not_staying"
    assert db.session.query(Case).count() == 1


def test_a_safety_problem_opens_a_high_case_and_others_a_normal_one(asked, twilio):
    hid = asked("en")
    twilio.sms("2", sender=PHONE)
    case = db.session.get(Case, _checkin(hid).case_id)
    assert case.urgency == "normal" and case.category == "other"
    twilio.sms("safety", sender=PHONE)
    case = db.session.get(Case, case.id)
    assert case.urgency == "high" and case.category == "safety_threat"

    hid2 = asked("en", phone="+9647701234999")
    twilio.sms("2", sender="+9647701234999")
    twilio.sms("5", sender="+9647701234999")
    case2 = db.session.get(Case, _checkin(hid2).case_id)
    assert (case2.urgency, case2.category) == ("normal", "civil_documentation")


@pytest.mark.parametrize("language,replies,expected", [
    ("ar", ["١", "نعم"], {"wellbeing": "fine", "plan_to_stay": "yes"}),
    ("ar", ["بخير", "٣"], {"wellbeing": "fine", "plan_to_stay": "not_sure"}),
    ("ckb", ["۱", "بەڵێ"], {"wellbeing": "fine", "plan_to_stay": "yes"}),
    ("ckb", ["۲", "۳", "نەخێر"], {"wellbeing": "problem", "main_problem": "water_electricity",
                                  "plan_to_stay": "no"}),
    ("ku", ["baş", "erê"], {"wellbeing": "fine", "plan_to_stay": "yes"}),
    ("ku", ["2", "6", "nizanim"], {"wellbeing": "problem", "main_problem": "health",
                                   "plan_to_stay": "not_sure"}),
    ("en", ["fine", "1"], {"wellbeing": "fine", "plan_to_stay": "yes"}),
])
def test_replies_in_each_language_and_numeral_system(asked, twilio, app, language, replies,
                                                     expected):
    hid = asked(language)
    for text in replies[:-1]:
        twilio.sms(text, sender=PHONE)
    last = twilio.sms(replies[-1], sender=PHONE)
    assert _answers(hid) == expected
    assert _checkin(hid).status == "answered"
    with app.test_request_context():
        assert thanks_text(language) in last.get_data(as_text=True) or \
            thanks_text(language, urgent=True) in last.get_data(as_text=True)


def test_free_text_goes_through_triage_into_a_case(asked, twilio):
    hid = asked("en")
    twilio.sms("armed men came to our house last night and threatened to kill my son",
               sender=PHONE)
    checkin = _checkin(hid)
    assert _answers(hid) == {"wellbeing": "free_text"}
    answer = db.session.scalar(select(CheckinAnswer).where(CheckinAnswer.checkin_id == checkin.id))
    case = db.session.get(Case, answer.case_id)
    assert case.category == "safety_threat" and case.urgency in ("critical", "high")
    assert checkin.current_question == "plan_to_stay"
    inbound = db.session.scalar(select(Message).where(Message.direction == "in"))
    assert inbound.case_id == case.id and inbound.processing_state == "done"


def test_a_replayed_message_sid_is_answered_once(asked, twilio):
    hid = asked("ar")
    twilio.sms("٢", sender=PHONE, sid="SM" + "a" * 32)
    twilio.sms("٢", sender=PHONE, sid="SM" + "a" * 32)
    assert _answers(hid) == {"wellbeing": "problem"}
    assert _checkin(hid).current_question == "main_problem"


def test_after_the_last_answer_messages_go_to_normal_intake(asked, twilio):
    asked("en")
    twilio.sms("1", sender=PHONE)
    twilio.sms("1", sender=PHONE)
    response = twilio.sms("hello, when is the next distribution?", sender=PHONE)
    assert "HL-" in response.get_data(as_text=True)       # an ordinary acknowledgement


def test_without_a_waiting_check_in_the_handler_steps_aside(app_ctx, twilio):
    response = twilio.sms("3", sender=PHONE)
    assert "HL-" in response.get_data(as_text=True)
    assert db.session.scalar(select(CheckinAnswer.id)) is None


def test_stop_in_arabic_stops_waves_and_start_resumes(register, sweep, twilio):
    from tests.checkins.conftest import baghdad
    hid = register()
    twilio.sms("توقف", sender=PHONE)
    assert sweep(baghdad(2026, 3, 11, 10)).sent == 0
    assert checkin_messages() == []
    twilio.sms("ابدأ", sender=PHONE)
    assert sweep(baghdad(2026, 3, 11, 12)).sent == 1
    assert db.session.get(Household, hid).contact.opted_out is False


def test_twilio_error_21610_counts_as_opt_out(app, register, sweep):
    from helpline.channels.gateway import GatewayError
    from tests.checkins.conftest import baghdad

    class RefusingGateway:
        def send_sms(self, to, body, channel="sms"):
            raise GatewayError("unsubscribed recipient", code="21610", retryable=False)

    app.extensions["gateway"] = RefusingGateway()
    hid = register()
    assert sweep(baghdad(2026, 3, 11, 10)).sent == 1
    household = db.session.get(Household, hid)
    assert household.contact.opted_out is True
    result = sweep(baghdad(2026, 3, 13, 10))
    assert result.reminded == 0 and len(checkin_messages()) == 1
