"""The development simulator walks the same TwiML through the signed webhooks."""
import re

import pytest
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message
from helpline.extensions import db
from tests.voice.conftest import login

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Phone:
    def __init__(self, client):
        self.client = client

    def page(self):
        response = self.client.get("/simulator/voice")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    def post(self, path, **form):
        token = TOKEN.search(self.page()).group(1)
        response = self.client.post(path, data={"csrf_token": token, **form})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return self.page()


@pytest.mark.parametrize("digit,language,marker", [
    ("1", "ar", 'data-language="ar-AE"'), ("2", "ckb", 'data-language="ar-AE"'),
    ("3", "ku", 'data-language="ar-AE"'), ("4", "en", 'data-language="en-GB"')])
def test_simulator_walks_the_menus_in_each_language(app, client, digit, language, marker):
    phone = Phone(client)
    page = phone.post("/simulator/voice/call", phone="+9647701230000")
    assert page.count("<li dir=\"auto\"") == 4   # the four language options
    page = phone.post("/simulator/voice/act", action="press", digits=digit)
    assert marker in page and "/twilio/voice/menu" in page
    page = phone.post("/simulator/voice/act", action="press", digits="2")
    assert "Finish recording" in page


def test_simulator_emergency_with_nobody_on_duty_ends_as_critical_case_with_recording(
        app, client, make_user):
    phone = Phone(client)
    phone.post("/simulator/voice/call", phone="+9647701230001")
    phone.post("/simulator/voice/act", action="press", digits="4")
    page = phone.post("/simulator/voice/act", action="press", digits="1")
    assert "Finish recording" in page
    page = phone.post("/simulator/voice/act", action="record",
                      speech="There are armed men outside our house")
    assert "ended" in page
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert (case.urgency, case.channel) == ("critical", "voice")
        message = db.session.scalar(select(Message).where(Message.channel == "voice"))
        assert message.media_path and message.case_id == case.id
        message_id = message.id
    make_user("duty", ["protection"])
    audio = login(app, "duty").get(f"/voice/recordings/{message_id}")
    assert audio.status_code == 200 and audio.data[:4] == b"RIFF"


def test_simulator_answers_an_outbound_checkin_call_from_the_outbox(app, client):
    from helpline.channels.gateway import get_gateway
    with app.test_request_context():
        get_gateway().place_call("+9647701230002",
                                 "https://helpline.test/twilio/voice/checkin/999/answered",
                                 "https://helpline.test/twilio/voice/checkin/999/status")
        db.session.commit()
    phone = Phone(client)
    page = phone.page()
    assert "+9647701230002" in page
    entry_id = re.search(r"/simulator/voice/answer/(\d+)", page).group(1)
    page = phone.post(f"/simulator/voice/answer/{entry_id}", **{"as": "person"})
    assert "ended" in page  # check-in 999 does not exist: the line hangs up politely
