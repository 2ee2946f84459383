"""Outbound check-in calls: keypad answers through the check-ins area, unanswered attempts."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from helpline.channels.models import OutboxEntry
from helpline.contacts.services import find_or_create_contact
from helpline.db import utcnow
from helpline.extensions import db
from helpline.voice import checkin_calls
from helpline.voice.models import VoiceCall
from tests.voice.conftest import says


class FakeAnswers:
    """Stands in for helpline.checkins.answers: records what the call passed on."""

    def __init__(self):
        self.answers, self.unanswered = [], []

    def record_answer(self, checkin, key, code, raw_text, channel):
        from helpline.checkins.questions import next_question
        self.answers.append((checkin.id, key, code, raw_text, channel))
        return next_question(key, code)

    def mark_unanswered(self, checkin, reason):
        self.unanswered.append((checkin.id, reason))


@pytest.fixture
def answers(monkeypatch):
    fake = FakeAnswers()
    monkeypatch.setattr(checkin_calls, "answers_module", lambda: fake)
    return fake


@pytest.fixture
def checkin_id(app):
    from helpline.checkins.models import CheckIn, CheckinPlan, Household
    with app.app_context():
        contact, _ = find_or_create_contact("+9647705550000", language="ku")
        plan = CheckinPlan(name="default", waves=[{"wave": 1, "offset_days": 10}])
        db.session.add(plan)
        db.session.flush()
        household = Household(contact_id=contact.id, plan_id=plan.id, phone=contact.phone,
                              language="ku", preferred_channel="voice", governorate="Ninewa",
                              district="Sinjar", arrival_date=date(2026, 11, 1))
        db.session.add(household)
        db.session.flush()
        checkin = CheckIn(household_id=household.id, contact_id=contact.id, plan_id=plan.id,
                          wave=1, due_at=utcnow(), window_closes_at=utcnow() + timedelta(days=20),
                          channel="voice", status="awaiting")
        db.session.add(checkin)
        db.session.commit()
        return checkin.id


def place(app, checkin_id):
    with app.app_context():
        sid = checkin_calls.start_checkin_call(checkin_id)
        db.session.commit()
        entry = db.session.scalar(select(OutboxEntry).where(OutboxEntry.sid == sid))
        return sid, entry.to, entry.detail


def test_call_is_placed_and_keypad_answers_reach_the_checkin(app, call_line, answers,
                                                             checkin_id):
    sid, to, detail = place(app, checkin_id)
    assert to == "+9647705550000"
    assert detail["url"].endswith(f"/twilio/voice/checkin/{checkin_id}/answered")
    assert detail["status_callback"].endswith(f"/twilio/voice/checkin/{checkin_id}/status")
    call = call_line(caller="+9647800000000", sid=sid)
    first = call.xml(call.post(detail["url"], AnsweredBy="human", Direction="outbound-api"))
    assert "q=wellbeing" in first.find("Gather").get("action")
    assert len(says(first)) == 2  # introduction + first question
    wrong = call.press(first, "9")
    assert "q=wellbeing" in wrong.find("Gather").get("action")
    second = call.press(wrong, "2")                     # a problem
    assert "q=main_problem" in second.find("Gather").get("action")
    third = call.press(second, "1")                     # safety → urgent advice, then next
    assert "q=plan_to_stay" in third.find("Gather").get("action")
    assert "104" in " ".join(t for _, _, t in says(third))
    end = call.press(third, "3")
    assert end.find("Hangup") is not None
    assert answers.answers == [(checkin_id, "wellbeing", "problem", "2", "voice"),
                               (checkin_id, "main_problem", "safety", "1", "voice"),
                               (checkin_id, "plan_to_stay", "not_sure", "3", "voice")]
    result = call.post(detail["status_callback"], CallStatus="completed", CallDuration="50")
    assert result.get_json()["result"] == "noted" and answers.unanswered == []


@pytest.mark.parametrize("status,answered_by,reason", [
    ("no-answer", None, "no_answer"), ("busy", None, "busy"), ("failed", None, "failed"),
    ("completed", "machine_end_beep", "voicemail"), ("completed", "human", "no_answer")])
def test_unanswered_outcomes_count_once(app, call_line, answers, checkin_id, status,
                                        answered_by, reason):
    sid, _, detail = place(app, checkin_id)
    call = call_line(caller="+9647800000000", sid=sid)
    params = {"CallStatus": status}
    if answered_by:
        params["AnsweredBy"] = answered_by
    call.post(detail["status_callback"], **params)
    call.post(detail["status_callback"], **params)      # Twilio retry
    assert answers.unanswered == [(checkin_id, reason)]


def test_voicemail_pickup_hangs_up_and_counts_unanswered(app, call_line, answers, checkin_id):
    sid, _, detail = place(app, checkin_id)
    call = call_line(caller="+9647800000000", sid=sid)
    root = call.xml(call.post(detail["url"], AnsweredBy="machine_start"))
    assert root.find("Hangup") is not None and root.find("Gather") is None
    call.post(detail["status_callback"], CallStatus="completed", AnsweredBy="machine_start")
    assert answers.unanswered == [(checkin_id, "voicemail")] and answers.answers == []


def test_stale_or_unknown_checkin_calls_are_answered_sensibly(app, call_line, answers):
    call = call_line()
    root = call.xml(call.post("/twilio/voice/checkin/424242/answered", AnsweredBy="human"))
    assert root.find("Hangup") is not None
    assert call.post("/twilio/voice/checkin/424242/status",
                     CallStatus="completed").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(VoiceCall)) is None


def test_unknown_question_key_ends_politely(app, call_line, answers, checkin_id):
    sid, _, detail = place(app, checkin_id)
    call = call_line(sid=sid)
    root = call.xml(call.post(f"/twilio/voice/checkin/{checkin_id}/answer?q=nope&attempt=1",
                              Digits="1"))
    assert root.find("Hangup") is not None and answers.answers == []
