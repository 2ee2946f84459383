"""Check-in calls through the voice line, and the worker tasks."""
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message, OutboxEntry
from helpline.checkins.models import CheckIn, CheckinAnswer
from helpline.extensions import db
from tests.checkins.conftest import baghdad, checkin_messages


def test_a_voice_household_is_called_and_keypad_answers_open_cases(app, register, sweep, twilio):
    hid = register(preferred_channel="voice", language="ckb")
    result = sweep(baghdad(2026, 3, 11, 10))
    assert result.calls == 1 and checkin_messages() == []
    call = db.session.scalar(select(OutboxEntry).where(OutboxEntry.kind == "call"))
    assert call is not None and call.to == "+9647701234567"
    checkin = db.session.scalar(select(CheckIn).where(CheckIn.household_id == hid))
    # The person presses 3 ("need urgent help") on the keypad.
    response = twilio.post(f"/twilio/voice/checkin/{checkin.id}/answer?q=wellbeing&attempt=1",
                           {"CallSid": call.sid, "From": "+9647800000000", "Digits": "3"})
    assert response.status_code == 200
    db.session.expire_all()
    answer = db.session.scalar(select(CheckinAnswer).where(CheckinAnswer.checkin_id == checkin.id))
    assert (answer.question, answer.code, answer.channel) == ("wellbeing", "urgent_help", "voice")
    case = db.session.get(Case, answer.case_id)
    assert case.urgency == "critical" and case.channel == "checkin"
    alerts = db.session.scalars(select(Message).where(Message.purpose == "staff_alert")).all()
    assert alerts and {a.delivery_status for a in alerts} == {"delivered"}
    # A retry of the same keypad press does not answer twice.
    twilio.post(f"/twilio/voice/checkin/{checkin.id}/answer?q=wellbeing&attempt=1",
                {"CallSid": call.sid, "From": "+9647800000000", "Digits": "3"})
    assert len(db.session.scalars(select(CheckinAnswer)).all()) == 1


def test_unanswered_calls_are_counted_and_reminded_then_unreachable(register, sweep):
    from helpline.checkins.answers import mark_unanswered
    hid = register(preferred_channel="voice")
    sweep(baghdad(2026, 3, 11, 10))
    checkin = db.session.scalar(select(CheckIn).where(CheckIn.household_id == hid))
    mark_unanswered(checkin, "no_answer")
    db.session.commit()
    assert sweep(baghdad(2026, 3, 13, 10)).calls == 1          # first reminder: call again
    assert sweep(baghdad(2026, 3, 15, 10)).calls == 1
    assert sweep(baghdad(2026, 3, 17, 10)).unreachable == 1
    checkin = db.session.get(CheckIn, checkin.id)
    assert checkin.status == "unreachable" and checkin.unanswered_attempts == 1
    assert db.session.scalar(select(OutboxEntry.id).where(OutboxEntry.kind == "sms")) is None


def test_periodic_task_runs_one_sweep_at_a_time(app_ctx, monkeypatch):
    from helpline.checkins import tasks
    from helpline.locks import periodic_lock
    assert "sent 0" in tasks.sweep_checkins.apply().get()
    with periodic_lock("sweep-checkins") as acquired:
        assert acquired
        assert tasks.sweep_checkins.apply().get() == "another sweep is running"


def test_fan_out_task_sends_each_message(app_ctx, register, sweep, monkeypatch):
    from helpline.checkins import sweep as sweep_module
    register()
    held = []
    result = sweep(baghdad(2026, 3, 11, 10), dispatch=held.append)
    message = db.session.get(Message, result.message_ids[0])
    assert message.delivery_status == "pending"      # committed before anything is sent
    sweep_module.dispatch_sends(held[0])
    db.session.expire_all()
    assert db.session.get(Message, message.id).delivery_status == "delivered"
