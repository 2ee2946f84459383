"""Voice fixtures: a caller that walks the TwiML as Twilio would, isolated prompt and
recording directories."""
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from helpline.voice import prompts


class Call:
    """One phone call: posts signed requests and follows the TwiML answers."""

    def __init__(self, app, twilio, sid, caller):
        self.app, self.twilio, self.sid, self.caller = app, twilio, sid, caller
        self.last = None

    def path_of(self, url):
        base = self.app.config["PUBLIC_BASE_URL"].rstrip("/")
        assert url.startswith(base + "/"), url
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def post(self, url_or_path, **params):
        path = url_or_path if url_or_path.startswith("/") else self.path_of(url_or_path)
        form = {"CallSid": self.sid, "AccountSid": "ACtest", "From": self.caller,
                "To": "+9647800000000", "CallStatus": "in-progress", "Direction": "inbound",
                **params}
        response = self.twilio.post(path, form)
        self.last = response
        return response

    def dial_in(self):
        return self.xml(self.post("/twilio/voice", CallStatus="ringing"))

    def xml(self, response):
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "text/xml"
        return ET.fromstring(response.get_data(as_text=True))

    def press(self, root, digits):
        gather = root.find("Gather")
        assert gather is not None, ET.tostring(root, encoding="unicode")
        return self.xml(self.post(gather.get("action"), Digits=digits))

    def wait(self, root):
        """Silence: Twilio moves on to the verb after <Gather>, a Redirect."""
        redirect = root.find("Redirect")
        return self.xml(self.post(redirect.text))

    def finish_recording(self, root, recording_sid, duration="12", status="completed"):
        record = root.find("Record")
        assert record is not None, ET.tostring(root, encoding="unicode")
        url = f"https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/{recording_sid}"
        after = self.xml(self.post(record.get("action"), RecordingUrl=url,
                                   RecordingDuration=duration, Digits="#"))
        callback = self.post(record.get("recordingStatusCallback"), RecordingSid=recording_sid,
                             RecordingUrl=url, RecordingStatus=status,
                             RecordingDuration=duration)
        return after, callback

    def hang_up(self, status="completed", duration="20"):
        return self.post("/twilio/voice/status", CallStatus=status, CallDuration=duration)


@pytest.fixture
def call_line(app, twilio):
    def factory(caller="+9647701234567", sid=None):
        return Call(app, twilio, sid or twilio.next_sid("CA"), caller)
    return factory


@pytest.fixture(autouse=True)
def _voice_dirs(app, tmp_path, monkeypatch):
    """No recorded prompts (so <Say> fallbacks are exercised) and private storage dirs."""
    empty = tmp_path / "prompts"
    empty.mkdir()
    monkeypatch.setattr(prompts, "PROMPTS_DIR", empty)
    monkeypatch.setitem(app.config, "RECORDINGS_DIR", str(tmp_path / "recordings"))
    monkeypatch.setitem(app.config, "OUTBOX_RECORDINGS_DIR", str(tmp_path / "provider"))
    (tmp_path / "provider").mkdir()
    yield


def says(root):
    """(tag, language, text or url) of every prompt in document order."""
    out = []
    for element in root.iter():
        if element.tag == "Say":
            out.append(("Say", element.get("language"), element.text))
        elif element.tag == "Play":
            out.append(("Play", None, element.text))
    return out


def login(app, username, password="correct-horse-9"):
    """A fresh client logged in through the real login form (sessions carry a login time)."""
    import re
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": token})
    assert response.status_code in (302, 303), response.status_code
    return client
