"""Satisfaction answers: digits in every numeral system, within 7 days, to a pending question."""
from datetime import timedelta

import pytest

from helpline.cases.satisfaction import handle_sms_reply, parse_score
from helpline.channels.models import Message
from helpline.contacts.models import Contact
from helpline.db import utcnow
from helpline.extensions import db


@pytest.mark.parametrize("text,score", [
    ("1", 1), ("5", 5), (" 3 ", 3), ("4.", 4), ("٤", 4), ("٥", 5), ("۳", 3), ("۵!", 5), ("(2)", 2),
])
def test_scores_in_every_numeral_system(text, score):
    assert parse_score(text) == score


@pytest.mark.parametrize("text", ["0", "6", "٩", "12", "5 stars but water still off", "yes", "", None])
def test_anything_else_is_not_a_score(text):
    assert parse_score(text) is None


def _case_awaiting_answer(asked_days_ago, language="ckb"):
    from helpline.cases.services import open_case
    contact = Contact(phone="+9647501000003", language=language)
    db.session.add(contact)
    db.session.flush()
    case = open_case(contact, "sms", language)
    case.status = "resolved"
    case.satisfaction_asked_at = utcnow() - timedelta(days=asked_days_ago)
    db.session.flush()
    return contact, case


@pytest.mark.parametrize("language,digit,thanks", [("ckb", "۵", "سوپاس"), ("ar", "٥", "شكرا"),
                                                   ("ku", "5", "Spas"), ("en", "5", "Thank you")])
def test_answer_is_stored_and_thanked_in_their_language(app_ctx, language, digit, thanks):
    contact, case = _case_awaiting_answer(2, language)
    now = utcnow()
    outcome = handle_sms_reply(contact, Message(direction="in", channel="sms", body=digit), now)
    assert outcome is not None and outcome.case is case
    assert case.satisfaction_score == 5 and case.satisfaction_answered_at == now
    assert thanks in outcome.reply_text
    # A second digit is not an answer any more: normal intake continues.
    assert handle_sms_reply(contact, Message(direction="in", channel="sms", body="3"), now) is None
    db.session.rollback()


def test_no_answer_after_seven_days(app_ctx):
    contact, case = _case_awaiting_answer(8)
    assert handle_sms_reply(contact, Message(direction="in", channel="sms", body="4"), utcnow()) is None
    assert case.satisfaction_score is None
    db.session.rollback()


def test_free_text_goes_to_normal_intake(app_ctx):
    contact, case = _case_awaiting_answer(1)
    msg = Message(direction="in", channel="sms", body="they shot at our house again")
    assert handle_sms_reply(contact, msg, utcnow()) is None
    db.session.rollback()
