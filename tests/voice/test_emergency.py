"""Emergency branch: critical case; ring the officer on duty or record an urgent message."""
from datetime import datetime, timezone

from sqlalchemy import select

from helpline.cases.models import Case
from helpline.extensions import db
from helpline.voice.roster import add_officer
from tests.voice.conftest import says

REC = "RE" + "7f" * 16


def _roster(app, start="00:00", end="24:00", days="1234567", phone="+9647709998877"):
    with app.app_context():
        add_officer("Duty Officer", phone, days, start, end)
        db.session.commit()


def _case(app):
    with app.app_context():
        case = db.session.scalar(select(Case))
        return case.reference, case.urgency, case.channel, case.status, \
            [e.kind for e in case.events]


def test_nobody_on_duty_records_and_queues_a_critical_callback(app, call_line):
    call = call_line()
    emergency = call.press(call.press(call.dial_in(), "1"), "1")
    assert emergency.find("Dial") is None
    record = emergency.find("Record")
    assert record is not None and record.get("maxLength") == "120"
    # The caller hears what happens next: danger number, then record, then call-back promise.
    text = " ".join(t for _, _, t in says(emergency))
    assert "104" in text
    reference, urgency, channel, status, events = _case(app)
    assert (urgency, channel, status) == ("critical", "voice", "new")
    after, callback = call.finish_recording(emergency, REC)
    assert "104" in " ".join(t for _, _, t in says(after)) and after.find("Hangup") is not None
    call.hang_up()
    reference, urgency, *_rest, events = _case(app)
    assert urgency == "critical"
    assert "voice_emergency" in events and "voice_message" in events
    assert "callback_requested" not in events  # a message was left: the case itself is the task


def test_officer_on_duty_is_dialled_with_a_whisper_of_the_reference(app, call_line):
    _roster(app)
    _roster(app, start="03:00", end="03:01", phone="+9647701110000")  # almost never on duty
    call = call_line()
    dial_twiml = call.press(call.press(call.dial_in(), "4"), "1")
    dial = dial_twiml.find("Dial")
    numbers = [n.text for n in dial.findall("Number")]
    assert "+9647709998877" in numbers
    assert says(dial_twiml)  # "connecting you to an officer" before the ring
    whisper_url = dial.find("Number").get("url")
    whisper = call.xml(call.post(whisper_url, CallSid="CA" + "9" * 32, From="+9647800000000"))
    reference, urgency, *_ = _case(app)
    assert " ".join(reference.replace("-", ",")) in whisper.find("Say").text
    assert urgency == "critical"
    done = call.xml(call.post(dial.get("action"), DialCallStatus="completed"))
    assert done.find("Hangup") is not None
    call.hang_up()
    *_, events = _case(app)
    assert "officer_connected" in events and "callback_requested" not in events


def test_officer_not_answering_falls_back_to_recording(app, call_line):
    _roster(app)
    call = call_line()
    dial_twiml = call.press(call.press(call.dial_in(), "2"), "1")
    fallback = call.xml(call.post(dial_twiml.find("Dial").get("action"),
                                  DialCallStatus="no-answer"))
    assert fallback.find("Record") is not None
    assert says(fallback)
    call.finish_recording(fallback, REC)
    *_, events = _case(app)
    assert "officer_no_answer" in events and "voice_message" in events


def test_emergency_hang_up_before_recording_is_an_urgent_callback(app, call_line):
    call = call_line()
    call.press(call.press(call.dial_in(), "1"), "1")
    assert call.hang_up(duration="9").get_json()["result"] == "callback requested"
    reference, urgency, channel, status, events = _case(app)
    assert urgency == "critical" and events.count("callback_requested") == 1
    # Twilio retries the status callback: nothing new.
    assert call.hang_up(duration="9").get_json()["result"] == "duplicate"
    assert _case(app)[4].count("callback_requested") == 1


def test_shift_coverage_rules():
    from helpline.voice.roster import shift_covers
    monday_2330 = datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc)  # a Monday
    tuesday_0200 = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)
    assert shift_covers("1", 8 * 60, 16 * 60, monday_2330.replace(hour=9))
    assert not shift_covers("1", 8 * 60, 16 * 60, monday_2330)
    assert not shift_covers("2", 8 * 60, 16 * 60, monday_2330.replace(hour=9))
    # Overnight shift from Monday 22:00 to 06:00 covers Monday night and Tuesday early hours.
    assert shift_covers("1", 22 * 60, 6 * 60, monday_2330)
    assert shift_covers("1", 22 * 60, 6 * 60, tuesday_0200)
    assert not shift_covers("2", 22 * 60, 6 * 60, tuesday_0200)
    assert not shift_covers("1234567", 600, 600, monday_2330)
