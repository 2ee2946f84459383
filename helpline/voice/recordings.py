"""A caller's recorded message becomes an inbound voice message on their case; its audio is
fetched from the provider (retrying until ready), stored by us, then deleted at the provider."""
import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from helpline.cases.services import record_event
from helpline.channels.gateway import GatewayError, RecordingNotReady, get_gateway
from helpline.channels.models import Message
from helpline.db import utcnow
from helpline.extensions import db
from helpline.voice.calls import SID_PATTERN, MalformedCall, case_for_call, request_callback
from helpline.voice.flow import urgency_of_branch
from helpline.voice.models import VoiceRecording
from helpline.voice.storage import get_storage, recording_key

log = logging.getLogger(__name__)
CONTENT_TYPES = {"audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/wav": "wav",
                 "audio/x-wav": "wav", "audio/wave": "wav"}


@dataclass(frozen=True)
class RecordingCallback:
    recording_sid: str
    call_sid: str
    status: str
    url: str | None
    duration: int | None


def parse_recording_callback(form):
    sid = (form.get("RecordingSid") or "").strip()
    call_sid = (form.get("CallSid") or "").strip()
    if not sid or not SID_PATTERN.match(sid) or not sid.startswith("RE"):
        raise MalformedCall("RecordingSid is missing or not a Twilio recording id")
    if not call_sid or not SID_PATTERN.match(call_sid):
        raise MalformedCall("CallSid is missing or not a Twilio call id")
    status = (form.get("RecordingStatus") or "completed").strip()
    url = (form.get("RecordingUrl") or "").strip() or None
    if status == "completed" and not url:
        raise MalformedCall("RecordingUrl is required for a completed recording")
    try:
        duration = int(form.get("RecordingDuration")) if form.get("RecordingDuration") else None
    except ValueError:
        raise MalformedCall("RecordingDuration is not a number") from None
    return RecordingCallback(sid, call_sid, status, url, duration)


def find_recording(recording_sid):
    return db.session.scalar(select(VoiceRecording).where(
        VoiceRecording.recording_sid == recording_sid))


def receive_recording(call, callback, now=None):
    """Store the message once per RecordingSid. Returns the VoiceRecording or None."""
    now = now or utcnow()
    if callback.status != "completed":
        # absent or failed: the caller said nothing usable, so they need a call back.
        request_callback(call, now=now)
        return None
    if find_recording(callback.recording_sid) is not None:
        return None
    call.recording_received = True
    case = case_for_call(call, urgency=urgency_of_branch(call.branch), now=now)
    message = Message(direction="in", channel="voice", body="", language=call.language,
                      contact_id=call.contact_id, case_id=case.id,
                      provider_sid=callback.recording_sid, processing_state="done",
                      created_at=now)
    db.session.add(message)
    db.session.flush()
    recording = VoiceRecording(recording_sid=callback.recording_sid, call_sid=call.call_sid,
                               message_id=message.id, provider_url=callback.url,
                               duration_seconds=callback.duration, status="pending",
                               next_attempt_at=now)
    db.session.add(recording)
    record_event(case, "voice_message", message_id=message.id, branch=call.branch,
                 duration=callback.duration)
    db.session.flush()
    return recording


def _backoff(attempts):
    return timedelta(seconds=min(15 * 2 ** max(attempts - 1, 0), 900))


def fetch_and_store(recording, now=None):
    """One attempt. Returns 'stored', 'retry' or 'failed'; the caller commits."""
    now = now or utcnow()
    if recording.status != "pending":
        return recording.status
    recording.attempts += 1
    gateway = get_gateway()
    try:
        data, content_type = gateway.fetch_recording(recording.provider_url)
    except GatewayError as exc:
        recording.last_error = f"{exc.code or 'error'}: {exc}"[:500]
        limit = current_app.config["VOICE_FETCH_MAX_ATTEMPTS"]
        if not exc.retryable or recording.attempts >= limit:
            recording.status = "failed"
            recording.next_attempt_at = None
            log.warning("recording %s could not be fetched after %s attempts (%s)",
                        recording.recording_sid, recording.attempts, exc.code)
            return "failed"
        recording.next_attempt_at = now + _backoff(recording.attempts)
        if not isinstance(exc, RecordingNotReady):
            log.info("recording %s fetch attempt %s failed (%s)",
                     recording.recording_sid, recording.attempts, exc.code)
        return "retry"
    extension = CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower(), "mp3")
    key = get_storage().save(recording_key(recording.recording_sid, recording.created_at,
                                           extension), data)
    recording.message.media_path = key
    recording.content_type = "audio/wav" if extension == "wav" else "audio/mpeg"
    recording.size_bytes = len(data)
    recording.status = "stored"
    recording.stored_at = now
    recording.next_attempt_at = None
    recording.last_error = None
    delete_at_provider(recording, now)
    return "stored"


def delete_at_provider(recording, now=None):
    """Recordings must not stay at the provider once we hold them (SPEC §9)."""
    try:
        get_gateway().delete_recording(recording.recording_sid)
    except GatewayError as exc:
        recording.last_error = f"delete: {exc.code or 'error'}"
        log.warning("recording %s stored but not yet deleted at the provider (%s)",
                    recording.recording_sid, exc.code)
        return False
    recording.provider_deleted_at = now or utcnow()
    recording.provider_url = None
    return True
