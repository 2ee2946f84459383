"""Full inbound call walks, as Twilio calls us, in every language."""
import pytest
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message
from helpline.contacts.models import Contact
from helpline.extensions import db
from helpline.voice.models import VoiceCall, VoiceRecording
from tests.voice.conftest import says

LANG_DIGIT = {"ar": "1", "ckb": "2", "ku": "3", "en": "4"}


@pytest.mark.parametrize("language", ["ar", "ckb", "ku", "en"])
def test_complaint_walk_in_each_language(app, call_line, language):
    call = call_line()
    menu = call.dial_in()
    # The language menu offers all four languages, each in its own language.
    assert len(menu.find("Gather").findall("Say")) == 4
    main = call.press(menu, LANG_DIGIT[language])
    spoken = says(main)
    expected_say = {"ar": "ar-AE", "ckb": "ar-AE", "ku": "ar-AE", "en": "en-GB"}[language]
    assert {lang for _, lang, _ in spoken} == {expected_say}
    assert main.find("Gather").get("action").endswith("/twilio/voice/menu?attempt=1")
    prompt = call.press(main, "2")
    assert prompt.find("Record").get("finishOnKey") == "#"
    after, callback = call.finish_recording(prompt, "RE" + "a1" * 16)
    assert callback.status_code == 200 and callback.get_json()["result"] == "stored"
    assert after.find("Hangup") is not None and says(after)
    call.hang_up()
    with app.app_context():
        contact = db.session.scalar(select(Contact))
        assert contact.language == language
        case = db.session.scalar(select(Case))
        assert (case.channel, case.urgency, case.status) == ("voice", "normal", "new")
        message = db.session.scalar(select(Message).where(Message.case_id == case.id))
        assert (message.direction, message.channel, message.provider_sid) == \
            ("in", "voice", "RE" + "a1" * 16)
        recording = db.session.scalar(select(VoiceRecording))
        # The simulator gateway had no audio for it yet: it waits for a retry.
        assert recording.status == "pending" and recording.attempts == 1
        assert not any(e.kind == "callback_requested" for e in case.events)


def test_known_caller_goes_straight_to_their_language(app, call_line, twilio):
    twilio.sms("مرحبا، عندي سؤال عن التسجيل", sender="+9647701112222")
    call = call_line("+9647701112222")
    root = call.dial_in()
    assert "main-menu" not in root.find("Gather").get("action")
    assert root.find("Gather").get("action").endswith("/twilio/voice/menu?attempt=1")
    assert {lang for _, lang, _ in says(root)} == {"ar-AE"}


def test_wrong_keys_and_silence_repeat_then_take_a_message(app, call_line):
    call = call_line()
    root = call.dial_in()
    root = call.press(root, "9")                 # not a language
    assert "attempt=2" in root.find("Gather").get("action")
    root = call.wait(root)                        # silence
    assert "attempt=3" in root.find("Gather").get("action")
    root = call.press(root, "*")                  # third miss: we take a message
    assert root.find("Record") is not None
    after, callback = call.finish_recording(root, "RE" + "b2" * 16)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case.urgency == "normal" and case.language == "ar"


def test_main_menu_bounds_and_information_branch(app, call_line):
    call = call_line()
    main = call.press(call.dial_in(), "4")
    again = call.press(main, "7")
    assert "attempt=2" in again.find("Gather").get("action")
    assert len(says(again)) == 2  # "not one of the choices" + the menu
    info = call.press(again, "4")
    assert info.find("Record") is not None
    call.finish_recording(info, "RE" + "c3" * 16)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case.category == "information_request" and case.urgency == "low"


def test_unsigned_requests_are_refused(app, twilio):
    params = {"CallSid": twilio.next_sid("CA"), "From": "+9647701234567"}
    for path in ("/twilio/voice", "/twilio/voice/menu", "/twilio/voice/recording",
                 "/twilio/voice/status", "/twilio/voice/checkin/1/answered"):
        assert twilio.post(path, params, signature="").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(VoiceCall)) is None


def test_malformed_and_stale_requests_never_fail(app, twilio, call_line):
    assert twilio.post("/twilio/voice", {"From": "+9647701234567"}).status_code == 400
    assert twilio.post("/twilio/voice", {"CallSid": "nonsense"}).status_code == 400
    # A step for a call we never saw starts the caller over at the first menu.
    stale = twilio.post("/twilio/voice/menu", {"CallSid": twilio.next_sid("CA"), "Digits": "1"})
    assert stale.status_code == 200 and b"<Redirect" in stale.data
    assert twilio.post("/twilio/voice/status", {"CallSid": twilio.next_sid("CA"),
                                                "CallStatus": "completed"}).status_code == 404
    call = call_line()
    call.dial_in()
    assert call.post("/twilio/voice/status", CallStatus="").status_code == 400
    assert call.post("/twilio/voice/recording", RecordingSid="RE1").status_code == 400
    assert call.post("/twilio/voice/recording", RecordingSid="RE" + "d" * 32,
                     RecordingStatus="completed").status_code == 400
    # Digits out of range and junk are just "not one of the choices".
    root = call.xml(call.post("/twilio/voice/language?attempt=abc", Digits="99999"))
    assert root.find("Gather") is not None
    # A withheld number still reaches the menus.
    anonymous = call_line("anonymous")
    assert anonymous.dial_in().find("Gather") is not None


def test_retried_first_request_gives_one_call_and_duplicate_recording_one_message(
        app, call_line):
    call = call_line()
    first = call.dial_in()
    again = call.dial_in()
    assert first.find("Gather").get("action") == again.find("Gather").get("action")
    record = call.press(call.press(first, "1"), "2")
    call.finish_recording(record, "RE" + "e5" * 16)
    duplicate = call.post(record.find("Record").get("recordingStatusCallback"),
                          RecordingSid="RE" + "e5" * 16, RecordingStatus="completed",
                          RecordingUrl="https://api.twilio.com/x/Recordings/RE" + "e5" * 16)
    assert duplicate.status_code == 200
    with app.app_context():
        assert len(db.session.scalars(select(VoiceCall)).all()) == 1
        assert len(db.session.scalars(select(Message).where(
            Message.channel == "voice")).all()) == 1
        assert len(db.session.scalars(select(Case)).all()) == 1
