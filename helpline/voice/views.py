"""Voice webhooks (/twilio/voice…): verify, parse, call one step, commit, answer TwiML."""
import logging

from flask import Blueprint, Response, abort, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.channels.models import ChannelEvent
from helpline.channels.signature import twilio_signed
from helpline.db import utcnow
from helpline.extensions import db
from helpline.tasks import enqueue
from helpline.voice import flow, twiml
from helpline.voice.calls import MalformedCall, find_call, parse_call, request_callback, \
    start_inbound_call
from helpline.voice.recordings import parse_recording_callback, receive_recording
from helpline.voice.urls import public_url_for

bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")
log = logging.getLogger(__name__)
ENDED_STATUSES = {"completed", "busy", "no-answer", "failed", "canceled"}


def _xml(text):
    return Response(text, mimetype="text/xml")


def _attempt():
    try:
        return max(1, min(int(request.args.get("attempt", 1)), 20))
    except ValueError:
        return 1


def _parsed_call():
    try:
        return parse_call(request.form)
    except MalformedCall as exc:
        abort(400, description=str(exc))


def _known_call():
    """The call a step belongs to. An unknown CallSid starts over at the first menu."""
    params = _parsed_call()
    call = find_call(params.sid)
    if call is None:
        log.info("voice step for unknown call %s: starting over", params.sid)
        return None
    return call


def _step(func, *args):
    call = _known_call()
    if call is None:
        return _xml(twiml.redirect(public_url_for("voice.incoming")))
    if call.step == "ended" and func is not flow.recorded:
        return _xml(twiml.hang_up())
    text = func(call, *args)
    db.session.commit()
    return _xml(text)


@bp.post("")
@twilio_signed
def incoming():
    params = _parsed_call()
    try:
        call, is_new = start_inbound_call(params)
        text = flow.answer_call(call)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same call arrived twice at once: answer from the stored row
        call = find_call(params.sid)
        if call is None:
            raise
        text = flow.answer_call(call)
        db.session.commit()
    if is_new:
        log.info("voice call %s started (known language: %s)", call.call_sid, bool(call.language))
    return _xml(text)


@bp.post("/language")
@twilio_signed
def choose_language():
    digits = None if request.args.get("timeout") else request.form.get("Digits")
    return _step(flow.choose_language, digits, _attempt())


@bp.post("/menu")
@twilio_signed
def choose_branch():
    digits = None if request.args.get("timeout") else request.form.get("Digits")
    return _step(flow.choose_branch, digits, _attempt())


@bp.post("/dial-result")
@twilio_signed
def dial_result():
    return _step(flow.dial_result, (request.form.get("DialCallStatus") or "").strip())


@bp.post("/recorded")
@twilio_signed
def recorded():
    return _step(flow.recorded)


@bp.post("/no-recording")
@twilio_signed
def no_recording():
    return _step(flow.no_recording)


@bp.post("/whisper")
@twilio_signed
def whisper():
    parent = find_call((request.args.get("parent") or "").strip())
    if parent is None:
        abort(404, description="unknown parent call")
    return _xml(flow.whisper_for_officer(parent))


@bp.post("/recording")
@twilio_signed
def recording_status():
    from helpline.voice.tasks import fetch_recording
    try:
        callback = parse_recording_callback(request.form)
    except MalformedCall as exc:
        abort(400, description=str(exc))
    call = find_call(callback.call_sid)
    if call is None:
        abort(404, description="unknown CallSid")
    try:
        recording = receive_recording(call, callback)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # a concurrent duplicate stored it
        return {"result": "duplicate"}
    if recording is None:
        return {"result": "no new recording"}
    log.info("recording %s stored as message %s on case %s", recording.recording_sid,
             recording.message_id, call.case.reference if call.case else None)
    enqueue(fetch_recording, recording.id)
    return {"result": "stored", "message_id": recording.message_id}


@bp.post("/status")
@twilio_signed
def call_status():
    params = _parsed_call()
    if not params.status:
        abort(400, description="CallStatus is required")
    call = find_call(params.sid)
    if call is None:
        abort(404, description="unknown CallSid")
    if not _first_time(f"voice-status:{params.sid}:{params.status}", "voice_status"):
        return {"result": "duplicate"}
    call.call_status = params.status
    outcome = "noted"
    if params.status in ENDED_STATUSES:
        call.ended_at = call.ended_at or utcnow()
        try:
            call.duration_seconds = int(request.form.get("CallDuration") or 0) or None
        except ValueError:
            call.duration_seconds = None
        # Nothing more to do when a message was left, an officer took the call, or the
        # call already ended through a step that handled it (message taken, callback queued).
        if not (call.recording_received or call.officer_connected or call.step == "ended"):
            if request_callback(call) is not None:
                outcome = "callback requested"
        call.step = "ended"
    db.session.commit()
    return {"result": outcome}


def _first_time(key, kind):
    """Store a raw status event once; False when this exact event was seen before."""
    if db.session.scalar(select(ChannelEvent.id).where(ChannelEvent.event_key == key)):
        return False
    event = ChannelEvent(event_key=key, kind=kind, payload={
        k: request.form.get(k) for k in ("CallSid", "CallStatus", "CallDuration", "Direction")
        if request.form.get(k) is not None})
    try:
        with db.session.begin_nested():
            db.session.add(event)
            db.session.flush()
    except IntegrityError:
        return False
    return True
