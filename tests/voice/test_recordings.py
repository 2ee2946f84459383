"""Recordings: fetched with retries until ready, stored by us, deleted at the provider, and
played back to staff only through a permission-checked, audited URL."""
from pathlib import Path

import pytest
from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import Case
from helpline.channels.gateway import GatewayError, RecordingNotReady
from helpline.channels.models import Message
from helpline.extensions import db
from helpline.voice.models import VoiceRecording
from helpline.voice.tasks import fetch_recording, sweep_recordings
from tests.voice.conftest import login

REC = "RE" + "0a" * 16
AUDIO = b"ID3\x03\x00fake-mp3-frames" + bytes(range(256))


class FlakyGateway:
    """Twilio answers 404 for a while after the callback, then the audio."""
    name = "fake"

    def __init__(self, not_ready=2, error=None):
        self.not_ready, self.error = not_ready, error
        self.fetches, self.deleted = [], []

    def fetch_recording(self, url):
        self.fetches.append(url)
        if self.error:
            raise self.error
        if len(self.fetches) <= self.not_ready:
            raise RecordingNotReady()
        return AUDIO, "audio/mpeg"

    def delete_recording(self, sid):
        self.deleted.append(sid)


@pytest.fixture
def gateway(app):
    fake = FlakyGateway()
    app.extensions["gateway"] = fake
    yield fake
    app.extensions.pop("gateway", None)


def leave_message(call_line, branch="2"):
    call = call_line()
    record = call.press(call.press(call.dial_in(), "4"), branch)
    call.finish_recording(record, REC)
    call.hang_up()
    return call


def recording(app):
    with app.app_context():
        row = db.session.scalar(select(VoiceRecording))
        return {k: getattr(row, k) for k in ("id", "status", "attempts", "provider_url",
                                              "provider_deleted_at", "message_id")}


def test_fetch_retries_until_ready_then_stores_and_deletes_at_provider(app, call_line, gateway):
    leave_message(call_line)
    first = recording(app)
    assert first["status"] == "pending" and first["attempts"] == 1  # enqueued at once: 404
    with app.app_context():
        assert fetch_recording.apply(args=[first["id"]]).get() == "retry"
        # Not due yet: the sweep leaves it alone until its back-off has passed.
        assert sweep_recordings.apply().get() == 0
        row = db.session.get(VoiceRecording, first["id"])
        row.next_attempt_at = row.created_at
        db.session.commit()
        assert sweep_recordings.apply().get() == 1
    stored = recording(app)
    assert stored["status"] == "stored" and stored["attempts"] == 3
    assert gateway.deleted == [REC] and stored["provider_deleted_at"] is not None
    assert stored["provider_url"] is None
    with app.app_context():
        message = db.session.get(Message, stored["message_id"])
        path = Path(app.config["RECORDINGS_DIR"]) / message.media_path
        assert path.read_bytes() == AUDIO and message.media_path.endswith(f"{REC}.mp3")


def test_fetch_gives_up_after_the_attempt_limit(app, call_line, gateway, monkeypatch):
    monkeypatch.setitem(app.config, "VOICE_FETCH_MAX_ATTEMPTS", 2)
    gateway.not_ready = 99
    leave_message(call_line)
    with app.app_context():
        assert fetch_recording.apply(args=[recording(app)["id"]]).get() == "failed"
    assert recording(app)["status"] == "failed" and gateway.deleted == []


def test_permanent_provider_error_fails_without_retrying(app, call_line, gateway):
    gateway.error = GatewayError("forbidden", code="403", retryable=False)
    leave_message(call_line)
    assert recording(app)["status"] == "failed" and len(gateway.fetches) == 1


def test_outbox_gateway_serves_simulator_recordings(app, call_line):
    (Path(app.config["OUTBOX_RECORDINGS_DIR"]) / f"{REC}.wav").write_bytes(b"RIFF....WAVE")
    leave_message(call_line)
    assert recording(app)["status"] == "stored"
    assert not (Path(app.config["OUTBOX_RECORDINGS_DIR"]) / f"{REC}.wav").exists()


def test_playback_checks_login_and_need_to_know_and_is_audited(app, client, call_line, gateway,
                                                               make_user):
    gateway.not_ready = 0
    leave_message(call_line)
    message_id = recording(app)["message_id"]
    url = f"/voice/recordings/{message_id}"
    assert client.get(url).status_code == 404            # not logged in
    from helpline.referrals.models import Partner
    with app.app_context():
        org = Partner(name="Legal aid partner")
        db.session.add(org)
        db.session.commit()
        org_id = org.id
    make_user("partner1", ["partner"], partner_id=org_id)
    client = login(app, "partner1")
    assert client.get(url).status_code == 404            # no case access
    operator = make_user("operator1", ["operator"])
    client = login(app, "operator1")
    response = client.get(url)
    assert response.status_code == 200 and response.data == AUDIO
    assert response.mimetype == "audio/mpeg"
    assert "no-store" in response.headers["Cache-Control"]
    assert client.get("/voice/recordings/999999").status_code == 404
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "recording_play")).all()
        case = db.session.scalar(select(Case))
        assert [(e.user_id, e.object_ref) for e in entries] == [(operator, case.reference)]
        # A restricted case is invisible to the operator too.
        case.is_restricted, case.restricted_to = True, ",gbv_focal,"
        db.session.commit()
    assert client.get(url).status_code == 404
    make_user("gbv1", ["gbv_focal"])
    client = login(app, "gbv1")
    assert client.get(url).status_code == 200


def test_case_page_offers_the_recording_player(app, call_line, gateway, make_user):
    gateway.not_ready = 0
    leave_message(call_line)
    with app.app_context():
        case = db.session.scalar(select(Case))
        reference, message_id = case.reference, recording(app)["message_id"]
    make_user("operator2", ["operator"])
    page = login(app, "operator2").get(f"/cases/{reference}").get_data(as_text=True)
    assert f'src="/voice/recordings/{message_id}"' in page and "<audio" in page
