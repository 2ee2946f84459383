"""Twilio retries arriving at the same moment on PostgreSQL: one call, one message, one case."""
import threading

import pytest
from sqlalchemy import func, select

from helpline.cases.models import Case, CaseEvent
from helpline.channels.models import Message
from helpline.channels.signature import sign
from helpline.extensions import db
from helpline.voice.models import VoiceCall, VoiceRecording

pytestmark = pytest.mark.postgres
CALL = "CA" + "ab12" * 8
REC = "RE" + "cd34" * 8


def _concurrently(app, path, params, n=4):
    url = app.config["PUBLIC_BASE_URL"] + path
    headers = {"X-Twilio-Signature": sign(url, params, app.config["TWILIO_AUTH_TOKEN"])}
    barrier = threading.Barrier(n)
    codes = []

    def post():
        client = app.test_client()
        barrier.wait()
        codes.append(client.post(path, data=params, headers=headers).status_code)

    threads = [threading.Thread(target=post) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return codes


def _count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_concurrent_duplicate_call_recording_and_status_callbacks(app):
    base = {"CallSid": CALL, "From": "+9647701234567", "To": "+9647800000000"}
    assert _concurrently(app, "/twilio/voice", {**base, "CallStatus": "ringing"}) == [200] * 4
    assert _count(app, VoiceCall) == 1
    assert _concurrently(app, "/twilio/voice/language?attempt=1", {**base, "Digits": "1"},
                         n=1) == [200]
    assert _concurrently(app, "/twilio/voice/menu?attempt=1", {**base, "Digits": "2"},
                         n=1) == [200]
    recording = {**base, "RecordingSid": REC, "RecordingStatus": "completed",
                 "RecordingDuration": "15",
                 "RecordingUrl": f"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/{REC}"}
    assert _concurrently(app, "/twilio/voice/recording", recording) == [200] * 4
    assert _count(app, Message, Message.channel == "voice") == 1
    assert _count(app, VoiceRecording) == 1
    assert _count(app, Case) == 1
    hang_up = {**base, "CallStatus": "completed", "CallDuration": "40"}
    assert _concurrently(app, "/twilio/voice/status", hang_up) == [200] * 4
    assert _count(app, CaseEvent, CaseEvent.kind == "callback_requested") == 0


def test_concurrent_hang_up_callbacks_make_one_callback_request(app):
    base = {"CallSid": CALL, "From": "+9647701234567", "To": "+9647800000000"}
    _concurrently(app, "/twilio/voice", {**base, "CallStatus": "ringing"}, n=1)
    codes = _concurrently(app, "/twilio/voice/status", {**base, "CallStatus": "completed"})
    assert codes == [200] * 4
    assert _count(app, CaseEvent, CaseEvent.kind == "callback_requested") == 1
    assert _count(app, Case) == 1
