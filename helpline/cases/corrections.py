"""Staff corrections of triage: category and urgency changed with a reason, kept for rule review.

Restriction follows the corrected categories, with one guard: a case corrected AWAY from a
restricted category stays restricted unless a focal point holding that category's role does it
(and says why) — otherwise one mistaken click would expose a GBV or PSEA case to everyone.
"""
from sqlalchemy import select

from helpline.cases.errors import CaseActionError
from helpline.cases.models import TriageCorrection
from helpline.cases.services import record_event, set_urgency
from helpline.cases.sla import rank_of
from helpline.cases.triage import restrict_case
from helpline.channels.models import Message
from helpline.extensions import db
from helpline.triage import CATEGORIES, RESTRICTED_CATEGORIES, URGENCIES

MAX_REASON_LENGTH = 1000


def correct_triage(case, actor, reason, category=None, categories=None, urgency=None, now=None):
    """Apply a correction and store it. Returns the TriageCorrection."""
    reason = (reason or "").strip()
    if not reason:
        raise CaseActionError("reason_required", "a triage correction needs a reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise CaseActionError("reason_too_long",
                              f"a reason has at most {MAX_REASON_LENGTH} characters")
    category = category or None
    urgency = urgency or None
    if category is not None and category not in CATEGORIES:
        raise CaseActionError("unknown_category", f"unknown category {category!r}",
                              category=category)
    if urgency is not None and urgency not in URGENCIES:
        raise CaseActionError("unknown_urgency", f"unknown urgency {urgency!r}", urgency=urgency)
    extra = [c for c in (categories or []) if c]
    unknown = [c for c in extra if c not in CATEGORIES]
    if unknown:
        raise CaseActionError("unknown_category", f"unknown category {unknown[0]!r}",
                              category=unknown[0])
    new_category = category or case.category
    new_categories = list(dict.fromkeys(([new_category] if new_category else []) + extra)) \
        if (category or extra) else list(case.categories or [])
    if new_category == case.category and new_categories == list(case.categories or []) \
            and (urgency is None or urgency == case.urgency):
        raise CaseActionError("nothing_changed", "the correction changes nothing")

    correction = TriageCorrection(
        case_id=case.id, message_id=_latest_inbound_id(case), reason=reason,
        actor_id=actor.id, before_category=case.category, before_urgency=case.urgency,
        corrected_category=new_category, corrected_categories=new_categories,
        corrected_urgency=urgency or case.urgency, **_engine_output(case))
    if urgency and urgency != case.urgency:
        lowering = case.urgency is not None and rank_of(urgency) > rank_of(case.urgency)
        set_urgency(case, urgency, actor=actor, reason=reason, now=now)
        if lowering:
            record_event(case, "urgency_lowered", actor=actor, reason=reason)
    if new_categories != list(case.categories or []) or new_category != case.category:
        _recategorise(case, actor, new_category, new_categories)
    db.session.add(correction)
    db.session.flush()
    record_event(case, "triage_corrected", actor=actor, correction_id=correction.id,
                 category=new_category, categories=new_categories, urgency=case.urgency,
                 reason=reason)
    return correction


def _recategorise(case, actor, category, categories):
    old_roles = _roles_for(case.categories or [])
    new_roles = _roles_for(categories)
    case.category = category
    case.categories = categories
    # Roles whose category was removed stay on the case unless that focal point removed it.
    kept = {r for r in (case.restricted_to or "").split(",") if r}
    removable = (old_roles - new_roles) & actor.roles
    remaining = (kept | new_roles) - removable
    if remaining:
        case.is_restricted = True
        case.restricted_to = "," + ",".join(sorted(remaining)) + ","
    else:
        case.is_restricted = False
        case.restricted_to = None
    restrict_case(case)
    if old_roles - new_roles and removable:
        record_event(case, "restriction_lifted", actor=actor, roles=sorted(removable))


def _roles_for(categories):
    return {RESTRICTED_CATEGORIES[c] for c in categories if c in RESTRICTED_CATEGORIES}


def _latest_inbound_id(case):
    return db.session.scalar(select(Message.id).where(
        Message.case_id == case.id, Message.direction == "in")
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(1))


def _engine_output(case):
    """What the engine last said: the latest 'triaged' event on the case."""
    for event in reversed(case.events):
        if event.kind == "triaged":
            detail = event.detail or {}
            return {"engine_category": detail.get("category"),
                    "engine_categories": detail.get("categories"),
                    "engine_urgency": detail.get("urgency"),
                    "engine_evidence": [e for e in (case.triage_evidence or [])
                                        if e.get("message_id") == detail.get("message_id")]
                    or None}
    return {}


def list_corrections(since=None):
    query = select(TriageCorrection).order_by(TriageCorrection.created_at, TriageCorrection.id)
    if since is not None:
        query = query.where(TriageCorrection.created_at >= since)
    return db.session.scalars(query).all()


def correction_record(c):
    """One correction as a plain dict (CLI jsonl, review)."""
    return {
        "id": c.id, "case": c.case.reference if c.case else None, "message_id": c.message_id,
        "at": c.created_at.isoformat() if c.created_at else None,
        "by": c.actor.username if c.actor else None,
        "engine": {"category": c.engine_category, "categories": c.engine_categories,
                   "urgency": c.engine_urgency, "evidence": c.engine_evidence},
        "before": {"category": c.before_category, "urgency": c.before_urgency},
        "corrected": {"category": c.corrected_category, "categories": c.corrected_categories,
                      "urgency": c.corrected_urgency},
        "reason": c.reason,
    }
