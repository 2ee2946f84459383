"""Webhooks of outbound check-in calls (/twilio/voice/checkin/<id>/…)."""
from flask import Response, abort, request

from helpline.channels.signature import twilio_signed
from helpline.extensions import db
from helpline.voice import checkin_calls, twiml
from helpline.voice.calls import MalformedCall, parse_call
from helpline.voice.views import bp


def _xml(text):
    return Response(text, mimetype="text/xml")


def _call_and_checkin(checkin_id):
    try:
        params = parse_call(request.form)
    except MalformedCall as exc:
        abort(400, description=str(exc))
    return params, checkin_calls.load_checkin(checkin_id)


@bp.post("/checkin/<int:checkin_id>/answered")
@twilio_signed
def checkin_answered(checkin_id):
    params, checkin = _call_and_checkin(checkin_id)
    if checkin is None:
        return _xml(twiml.hang_up())  # a stale call for a check-in that no longer exists
    text = checkin_calls.call_answered(checkin, params.sid, request.form.get("AnsweredBy"))
    db.session.commit()
    return _xml(text)


@bp.post("/checkin/<int:checkin_id>/answer")
@twilio_signed
def checkin_answer(checkin_id):
    params, checkin = _call_and_checkin(checkin_id)
    if checkin is None:
        return _xml(twiml.hang_up())
    try:
        attempt = max(1, min(int(request.args.get("attempt", 1)), 20))
    except ValueError:
        attempt = 1
    digits = None if request.args.get("timeout") else request.form.get("Digits")
    text = checkin_calls.answer_given(checkin, params.sid, request.args.get("q", ""),
                                      digits, attempt)
    alerts = checkin_calls.pending_alerts()
    db.session.commit()
    _send_after_commit(alerts)
    return _xml(text)


def _send_after_commit(message_ids):
    """On-duty alerts queued by an answer (e.g. "need urgent help") go out after commit."""
    from helpline.channels.tasks import send_message
    from helpline.tasks import enqueue
    for message_id in message_ids:
        enqueue(send_message, message_id)


@bp.post("/checkin/<int:checkin_id>/status")
@twilio_signed
def checkin_status(checkin_id):
    params, checkin = _call_and_checkin(checkin_id)
    if checkin is None:
        abort(404, description="unknown check-in")
    if not params.status:
        abort(400, description="CallStatus is required")
    try:
        duration = int(request.form.get("CallDuration")) if request.form.get("CallDuration") \
            else None
    except ValueError:
        abort(400, description="CallDuration is not a number")
    outcome = checkin_calls.call_status_changed(checkin, params.sid, params.status,
                                                request.form.get("AnsweredBy"), duration)
    db.session.commit()
    return {"result": outcome}
