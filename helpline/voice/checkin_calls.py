"""Outbound check-in calls: the same check-in questions, asked by recorded prompt and keypad.

Answers go through the check-ins area's `record_answer`, exactly like SMS answers; a call
that is not answered, is busy, fails or reaches voicemail counts as an unanswered attempt.
"""
import importlib
import logging

from flask import current_app

from helpline.channels.gateway import get_gateway
from helpline.db import utcnow
from helpline.extensions import db
from helpline.i18n import normalise_language
from helpline.voice import twiml
from helpline.voice.calls import find_call
from helpline.voice.models import VoiceCall
from helpline.voice.prompts import resolve_prompt
from helpline.voice.urls import public_url_for

log = logging.getLogger(__name__)
UNANSWERED_STATUSES = {"no-answer": "no_answer", "busy": "busy", "failed": "failed",
                       "canceled": "no_answer"}
FINISHED_CHECKIN_STATUSES = ("answered", "partial", "unreachable", "missed", "opted_out")


# The check-ins area owns these modules; tests replace them with fakes through these seams.
def questions_module():
    return importlib.import_module("helpline.checkins.questions")


def answers_module():
    return importlib.import_module("helpline.checkins.answers")


def pending_alerts():
    """Staff alerts the answers queued in this transaction (sent after commit)."""
    take = getattr(answers_module(), "take_pending_sends", None)
    return take() if take else []


def load_checkin(checkin_id):
    from helpline.checkins.models import CheckIn
    return db.session.get(CheckIn, int(checkin_id))


def start_checkin_call(checkin_id):
    """Place the call (after the sweep committed the check-in). Returns the call sid.

    Flushes the call row; the caller commits. The webhooks also cope with a call whose row
    was never committed, because the check-in id travels in their URLs.
    """
    checkin = load_checkin(checkin_id)
    if checkin is None:
        raise LookupError(f"no check-in {checkin_id}")
    household = checkin.household
    result = get_gateway().place_call(
        household.phone, public_url_for("voice.checkin_answered", checkin_id=checkin.id),
        public_url_for("voice.checkin_status", checkin_id=checkin.id))
    call = _call_row(result.sid, checkin)
    call.call_status = result.status
    db.session.flush()
    log.info("check-in %s: call %s placed", checkin.id, result.sid)
    return result.sid


def _call_row(call_sid, checkin):
    call = find_call(call_sid)
    if call is None:
        call = VoiceCall(call_sid=call_sid, direction="out", purpose="checkin",
                         checkin_id=checkin.id, contact_id=checkin.contact_id,
                         language=normalise_language(checkin.household.language), step="ringing")
        db.session.add(call)
        db.session.flush()
    return call


def _language(call):
    return call.language or current_app.config["VOICE_DEFAULT_LANGUAGE"]


def _ask(call, checkin, key, attempt, lead=()):
    call.step = "question"
    call.question_key = key
    prompts = [resolve_prompt(k, _language(call)) for k in (*lead, f"checkin_{key}")]
    action = public_url_for("voice.checkin_answer", checkin_id=checkin.id, q=key,
                            attempt=attempt)
    return twiml.menu(prompts, action=action, timeout_url=action + "&timeout=1",
                      timeout_seconds=current_app.config["VOICE_GATHER_TIMEOUT"])


def _finish(call, keys):
    call.step = "ended"
    return twiml.speak_and_hang_up([resolve_prompt(k, _language(call)) for k in keys])


def mark_unanswered_once(call, checkin, reason):
    if call.unanswered_marked or call.answers_given:
        return False
    call.unanswered_marked = True
    answers_module().mark_unanswered(checkin, reason)
    return True


def call_answered(checkin, call_sid, answered_by, now=None):
    """Twilio fetched the call's TwiML: a person picked up, or a machine did."""
    call = _call_row(call_sid, checkin)
    call.answered_by = (answered_by or "")[:24] or None
    if answered_by and (answered_by.startswith("machine") or answered_by == "fax"):
        mark_unanswered_once(call, checkin, "voicemail")
        call.step = "ended"
        return twiml.hang_up()
    if checkin.status in FINISHED_CHECKIN_STATUSES:
        return _finish(call, ["checkin_thanks"])
    first = checkin.current_question or questions_module().QUESTIONS[0]
    return _ask(call, checkin, first, attempt=1, lead=("checkin_intro",))


def answer_given(checkin, call_sid, key, digits, attempt):
    questions = questions_module()
    call = _call_row(call_sid, checkin)
    if key not in questions.QUESTIONS:
        return _finish(call, ["checkin_thanks"])
    code = dict(questions.OPTIONS[key]).get((digits or "").strip())
    if code is None:
        if attempt >= current_app.config["VOICE_MENU_ATTEMPTS"]:
            return _finish(call, ["checkin_thanks"])
        lead = ("invalid_choice",) if (digits or "").strip() else ()
        return _ask(call, checkin, key, attempt + 1, lead=lead)
    next_key = answers_module().record_answer(checkin, key, code, digits.strip(), "voice")
    call.answers_given += 1
    urgent = code == "urgent_help" or (key == "main_problem" and code == "safety")
    lead = ("checkin_urgent",) if urgent else ()
    if next_key is None:
        return _finish(call, [*lead, "checkin_thanks"])
    return _ask(call, checkin, next_key, attempt=1, lead=lead)


def call_status_changed(checkin, call_sid, status, answered_by=None, duration=None):
    call = _call_row(call_sid, checkin)
    call.call_status = status
    if answered_by:
        call.answered_by = answered_by[:24]
    if duration is not None:
        call.duration_seconds = duration
    reason = UNANSWERED_STATUSES.get(status)
    if status == "completed":
        call.ended_at = call.ended_at or utcnow()
        call.step = "ended"
        if (call.answered_by or "").startswith("machine"):
            reason = "voicemail"
        elif not call.answers_given:
            reason = "no_answer"   # picked up and hung up before answering anything
    elif reason:
        call.ended_at = call.ended_at or utcnow()
        call.step = "ended"
    if reason:
        return "unanswered" if mark_unanswered_once(call, checkin, reason) else "already counted"
    return "noted"
