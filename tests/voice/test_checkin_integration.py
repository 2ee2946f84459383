"""Check-in calls against the real check-ins area: the sweep's call task, stored answers,
cases opened by answers, unanswered attempts."""
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import OutboxEntry
from helpline.extensions import db
from tests.voice.test_checkin_calls import checkin_id  # noqa: F401  (fixture)


def _place_through_checkins_task(app, checkin_id):
    from helpline.checkins.tasks import place_checkin_call
    with app.app_context():
        sid = place_checkin_call.apply(args=[checkin_id]).get()
        entry = db.session.scalar(select(OutboxEntry).where(OutboxEntry.kind == "call"))
        assert entry.sid == sid
        return sid, entry.detail


def test_keypad_answers_are_stored_like_sms_answers_and_urgent_help_opens_a_critical_case(
        app, call_line, checkin_id):  # noqa: F811
    from helpline.checkins.models import CheckIn, CheckinAnswer
    sid, detail = _place_through_checkins_task(app, checkin_id)
    call = call_line(caller="+9647800000000", sid=sid)
    first = call.xml(call.post(detail["url"], AnsweredBy="human"))
    # Badini household: no Kurdish voice, so the configured fallback speaks (never silence).
    assert first.find("Gather").findall("Say")
    second = call.press(first, "3")                    # need urgent help
    assert second.find("Gather") is not None or second.find("Hangup") is not None
    root = second
    while root.find("Gather") is not None:             # answer what remains with "1"
        root = call.press(root, "1")
    assert root.find("Hangup") is not None
    call.post(detail["status_callback"], CallStatus="completed", CallDuration="40")
    with app.app_context():
        checkin = db.session.get(CheckIn, checkin_id)
        answers = db.session.scalars(select(CheckinAnswer).where(
            CheckinAnswer.checkin_id == checkin_id).order_by(CheckinAnswer.id)).all()
        assert answers[0].question == "wellbeing" and answers[0].code == "urgent_help"
        assert {a.channel for a in answers} == {"voice"}
        assert checkin.status == "answered" and checkin.unanswered_attempts == 0
        case = db.session.scalar(select(Case))
        assert case is not None and case.urgency == "critical"


def test_no_answer_counts_as_an_unanswered_attempt_on_the_checkin(app, call_line,
                                                                   checkin_id):  # noqa: F811
    from helpline.checkins.models import CheckIn
    sid, detail = _place_through_checkins_task(app, checkin_id)
    call = call_line(caller="+9647800000000", sid=sid)
    call.post(detail["status_callback"], CallStatus="no-answer")
    call.post(detail["status_callback"], CallStatus="no-answer")
    with app.app_context():
        checkin = db.session.get(CheckIn, checkin_id)
        assert checkin.unanswered_attempts == 1 and checkin.last_failure == "no_answer"
