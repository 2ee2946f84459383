"""Missed calls and early hang-ups become callback requests in the queue, once."""
from sqlalchemy import select

from helpline.cases.models import Case, CaseEvent
from helpline.extensions import db


def kinds(app):
    with app.app_context():
        return [(e.case.reference, e.kind) for e in db.session.scalars(
            select(CaseEvent).order_by(CaseEvent.id))]


def test_hang_up_in_the_menu_opens_a_normal_callback_case(app, call_line):
    call = call_line()
    call.dial_in()
    assert call.hang_up(duration="4").get_json()["result"] == "callback requested"
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert (case.channel, case.status, case.urgency) == ("voice", "new", "normal")
        assert case.contact.phone == "+9647701234567"
    assert [k for _, k in kinds(app)].count("callback_requested") == 1


def test_missed_call_statuses_are_callbacks_too(app, call_line):
    for status in ("no-answer", "canceled", "busy"):
        call = call_line(caller="+96477011100" + str(len(status)).zfill(2))
        call.dial_in()
        assert call.hang_up(status=status).get_json()["result"] == "callback requested"
    with app.app_context():
        assert len(db.session.scalars(select(Case)).all()) == 3


def test_caller_with_an_open_case_gets_the_event_not_a_new_case(app, call_line, twilio):
    twilio.sms("The water station in our village has been broken for a month")
    call = call_line()
    call.press(call.dial_in(), "4")
    call.hang_up()
    with app.app_context():
        cases = db.session.scalars(select(Case)).all()
        assert len(cases) == 1 and cases[0].channel == "sms"
    assert ("callback_requested" in [k for _, k in kinds(app)])


def test_no_recording_after_the_prompt_is_a_callback_and_the_hang_up_adds_nothing(
        app, call_line):
    call = call_line()
    record = call.press(call.press(call.dial_in(), "4"), "3")
    goodbye = call.xml(call.post(record.find("Redirect").text))
    assert goodbye.find("Hangup") is not None
    assert call.hang_up().get_json()["result"] == "noted"
    assert [k for _, k in kinds(app)].count("callback_requested") == 1


def test_absent_recording_is_a_callback(app, call_line):
    call = call_line()
    record = call.press(call.press(call.dial_in(), "4"), "2")
    after, callback = call.finish_recording(record, "RE" + "5" * 32, status="absent")
    assert callback.get_json()["result"] == "no new recording"
    assert [k for _, k in kinds(app)].count("callback_requested") == 1


def test_withheld_number_hanging_up_leaves_no_empty_case(app, call_line):
    call = call_line(caller="anonymous")
    call.dial_in()
    assert call.hang_up().get_json()["result"] == "noted"
    with app.app_context():
        assert db.session.scalar(select(Case)) is None
