"""Answers to check-in questions, and the cases they open (SPEC §7). Flushes only.

Used by the SMS reply handler and by the voice check-in call alike.
"""
import logging

from flask import after_this_request, has_request_context
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.cases.models import Case
from helpline.cases.services import attach_or_open_case, raise_urgency, record_event
from helpline.cases.status import OPEN_STATUSES
from helpline.checkins.models import CheckinAnswer
from helpline.checkins.questions import FREE_TEXT, OPTIONS, QUESTIONS, next_question
from helpline.db import utcnow
from helpline.extensions import db

log = logging.getLogger(__name__)

# Main problem → case category (triage taxonomy codes) and urgency.
PROBLEM_CATEGORIES = {
    "safety": ("safety_threat", "high"),
    "housing": ("shelter", "normal"),
    "water_electricity": ("basic_services", "normal"),
    "work_money": ("livelihoods_cash", "normal"),
    "documents": ("civil_documentation", "normal"),
    "health": ("health_mhpss", "normal"),
    "other": ("other", "normal"),
}
CASE_CHANNEL = "checkin"
_PENDING_SENDS = "checkins.pending_sends"


def take_pending_sends():
    """Message ids (on-duty alerts) queued by answers; enqueue them after commit."""
    return db.session.info.pop(_PENDING_SENDS, [])


def record_answer(checkin, question_key, code, raw_text, channel, now=None, case=None):
    """Store the answer once per check-in and question; act on it; return the next question.

    `case` links a free-text answer to the case its triage will go into.
    """
    now = now or utcnow()
    if question_key not in QUESTIONS:
        raise ValueError(f"unknown question {question_key!r}")
    if code != FREE_TEXT and code not in dict((c, d) for d, c in OPTIONS[question_key]):
        raise ValueError(f"unknown answer {code!r} to {question_key!r}")
    existing = _answer(checkin, question_key)
    if existing is not None:
        # A replayed reply or keypad digit: the first answer stands.
        return next_question(question_key, existing.code) if checkin.current_question else None
    answer = CheckinAnswer(checkin_id=checkin.id, question=question_key, code=code,
                           raw_text=(raw_text or "")[:1600], channel=channel, answered_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(answer)
            db.session.flush()
    except IntegrityError:
        existing = _answer(checkin, question_key)
        return next_question(question_key, existing.code) if existing else None
    case = _act_on(checkin, question_key, code, now) or case
    if case is not None:
        answer.case_id = case.id
        checkin.case_id = case.id
        record_event(case, "checkin_answer", wave=checkin.wave, question=question_key,
                     answer=code, channel=channel)
    following = next_question(question_key, code)
    checkin.answered_at = checkin.answered_at or now
    checkin.current_question = following
    if following is None:
        checkin.status = "answered"
        checkin.completed_at = now
        checkin.next_attempt_at = None
    else:
        # Waiting for the rest; the sweep closes it as partial when the window ends.
        checkin.status = "in_progress"
        checkin.next_attempt_at = checkin.window_closes_at
    db.session.flush()
    log.info("checkin %s answered %s", checkin.id, question_key)
    return following


def mark_unanswered(checkin, reason, now=None):
    """A call or message that got no answer (no answer, busy, voicemail, failed)."""
    checkin.unanswered_attempts = (checkin.unanswered_attempts or 0) + 1
    checkin.last_failure = str(reason or "no_answer")[:32]
    db.session.flush()


def _answer(checkin, question_key):
    return db.session.scalar(select(CheckinAnswer).where(
        CheckinAnswer.checkin_id == checkin.id, CheckinAnswer.question == question_key))


def _act_on(checkin, key, code, now):
    household = checkin.household
    if key == "wellbeing" and code == "urgent_help":
        return _raise_case(checkin, "critical", None, now)
    if key == "wellbeing" and code == "problem":
        # Opened now so that nothing is lost if they never answer which problem.
        return _raise_case(checkin, "normal", None, now)
    if key == "main_problem" and code in PROBLEM_CATEGORIES:
        category, urgency = PROBLEM_CATEGORIES[code]
        return _raise_case(checkin, urgency, category, now)
    if key == "plan_to_stay":
        if code == "no":
            household.durability_flag = "not_staying"
            household.durability_flagged_at = now
        elif household.durability_flag == "not_staying" and code == "yes":
            household.durability_flag = None  # a later wave says they now stay
        if checkin.case_id:
            return db.session.get(Case, checkin.case_id)
    return None


def _raise_case(checkin, urgency, category, now):
    from helpline.cases.triage import alert_on_duty
    household = checkin.household
    case = db.session.get(Case, checkin.case_id) if checkin.case_id else None
    if case is None or case.status not in OPEN_STATUSES:
        case, is_new = attach_or_open_case(household.contact, CASE_CHANNEL, household.language,
                                           now=now)
        if is_new:
            for field in ("governorate", "district", "subdistrict", "village"):
                setattr(case, field, getattr(household, field))
    if category:
        categories = [c for c in (case.categories or []) if c != "other"]
        if category not in categories and not (category == "other" and categories):
            categories.append(category)
        case.categories = categories or ["other"]
        if case.category in (None, "other") or urgency == "high":
            case.category = category if category != "other" or not case.category \
                else case.category
    elif not case.categories:
        case.categories = ["other"]
        case.category = case.category or "other"
    was_critical = case.urgency == "critical"
    raise_urgency(case, urgency, now=now)
    if case.urgency == "critical" and not was_critical:
        _send_after_commit(alert_on_duty(case))
    return case


def _send_after_commit(message_ids):
    """On-duty alerts leave as soon as the webhook (SMS reply or keypad call) has committed.

    Outside a request the caller takes them with take_pending_sends(); either way they are
    committed as 'pending', so the stalled-message sweep would still send them.
    """
    if not message_ids:
        return
    if not has_request_context():
        db.session.info.setdefault(_PENDING_SENDS, []).extend(message_ids)
        return

    @after_this_request
    def _enqueue(response):
        from helpline.channels.tasks import send_message
        from helpline.tasks import enqueue
        if response.status_code < 400:
            for message_id in message_ids:
                enqueue(send_message, message_id)
        return response
