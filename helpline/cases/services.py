"""Case services. They flush but never commit: the request or task commits once."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.cases.models import Case, CaseEvent
from helpline.cases.references import new_reference
from helpline.cases.sla import due_at_for, higher_urgency, queue_rank, rank_of
from helpline.cases.status import OPEN_STATUSES, check_transition
from helpline.db import utcnow
from helpline.extensions import db


def record_event(case, kind, actor=None, **detail):
    event = CaseEvent(case=case, kind=kind, actor_id=getattr(actor, "id", None),
                      detail=detail or None)
    db.session.add(event)
    return event


def find_recent_open_case(contact, now=None):
    now = now or utcnow()
    window = timedelta(days=current_app.config["CASE_JOIN_WINDOW_DAYS"])
    return db.session.scalar(
        select(Case)
        .where(Case.contact_id == contact.id, Case.status.in_(OPEN_STATUSES),
               Case.last_message_at >= now - window)
        .order_by(Case.last_message_at.desc())
        .limit(1))


def build_case(contact, channel, language, now=None):
    """A new case, not yet flushed (the hot SMS path flushes everything once).

    A reference collision then surfaces as an IntegrityError at flush; the
    webhook retries the whole intake once.
    """
    now = now or utcnow()
    case = Case(reference=new_reference(), contact=contact, channel=channel, language=language,
                status="new", categories=[], created_at=now, last_message_at=now)
    db.session.add(case)
    record_event(case, "opened", channel=channel)
    return case


def open_case(contact, channel, language, actor=None, now=None, **location):
    now = now or utcnow()
    for _ in range(5):
        case = Case(reference=new_reference(), contact_id=getattr(contact, "id", None),
                    channel=channel, language=language, status="new", categories=[],
                    created_at=now, last_message_at=now, **location)
        try:
            with db.session.begin_nested():
                db.session.add(case)
                db.session.flush()
        except IntegrityError:
            continue  # reference collision: draw another
        record_event(case, "opened", actor=actor, channel=channel)
        return case
    raise RuntimeError("could not allocate a unique case reference")


def attach_or_open_case(contact, channel, language, now=None):
    """A contact's open case from the last 7 days, else a new one. Returns (case, is_new)."""
    now = now or utcnow()
    case = find_recent_open_case(contact, now)
    if case is not None:
        case.last_message_at = now
        return case, False
    return open_case(contact, channel, language, now=now), True


def set_urgency(case, urgency, actor=None, reason=None, now=None):
    """Set urgency and its deadline. Lowering needs a staff member and a reason."""
    now = now or utcnow()
    previous = case.urgency
    if previous == urgency:
        return False
    lowering = previous is not None and rank_of(urgency) > rank_of(previous)
    if lowering and (actor is None or not (reason or "").strip()):
        raise ValueError("urgency can only be lowered by staff, with a reason")
    case.urgency = urgency
    case.urgency_rank = queue_rank(urgency)
    if case.first_response_at is None:
        case.due_at = due_at_for(case.created_at or now, urgency,
                                 current_app.config["SLA_HOURS"])
    record_event(case, "urgency_changed", actor=actor, before=previous, after=urgency,
                 reason=reason)
    return True


def raise_urgency(case, urgency, now=None):
    """Triage may raise urgency, never lower it."""
    target = higher_urgency(case.urgency, urgency)
    if target != case.urgency:
        set_urgency(case, target, now=now)
        return True
    return False


def change_status(case, target, actor=None, reason=None, now=None):
    now = now or utcnow()
    check_transition(case.status, target)
    before = case.status
    case.status = target
    if target == "resolved":
        case.resolved_at = now
    elif target == "closed":
        case.closed_at = now
    elif target == "reopened":
        case.resolved_at = case.closed_at = None
    record_event(case, "status_changed", actor=actor, before=before, after=target,
                 reason=reason)
    return case
