"""Staff actions on a case: claim, assign, notes, status with outcome. They flush, never commit.

Every change writes a case event; the caller writes the audit entry and commits.
"""
from sqlalchemy import select

from helpline.cases.errors import CaseActionError
from helpline.cases.models import Case, CaseNote
from helpline.cases.permissions import can_view_case
from helpline.cases.services import change_status, record_event
from helpline.cases.status import STATUSES, InvalidTransition, can_transition
from helpline.db import utcnow
from helpline.extensions import db

ASSIGNING_ROLES = ("supervisor", "admin")
MAX_NOTE_LENGTH = 5000
MAX_OUTCOME_LENGTH = 2000


def may_assign_others(user):
    return user.has_role(*ASSIGNING_ROLES)


def assignable_users(case=None):
    """Active staff who could work cases (a restricted case: only its focal roles)."""
    from helpline.staff.models import User
    users = db.session.scalars(select(User).where(User.is_active_account.is_(True))
                               .order_by(User.username)).all()
    users = [u for u in users if not u.has_role("partner") or len(u.roles) > 1]
    if case is not None:
        users = [u for u in users if can_view_case(u, case)]
    return users


def assign_case(case, assignee, actor, now=None):
    """Assign (or unassign with assignee=None). Others than supervisors may only claim."""
    if assignee is not None and assignee.id != actor.id and not may_assign_others(actor):
        raise CaseActionError("assign_forbidden", "only supervisors and admins assign to others")
    if case.assignee_id not in (None, actor.id) and not may_assign_others(actor):
        raise CaseActionError("already_assigned", "this case is already assigned to someone else")
    if assignee is not None and not (assignee.is_active and can_view_case(assignee, case)):
        # Never hand a restricted case to someone who may not see it.
        raise CaseActionError("assignee_cannot_see", "this user may not see this case")
    before = case.assignee.username if case.assignee else None
    case.assignee_id = assignee.id if assignee else None
    case.assignee = assignee
    if assignee is not None and can_transition(case.status, "assigned") \
            and case.status in ("new", "open", "reopened"):
        change_status(case, "assigned", actor=actor, now=now)
    elif assignee is None and case.status == "assigned":
        change_status(case, "open", actor=actor, now=now)
    record_event(case, "assigned", actor=actor, before=before,
                 after=assignee.username if assignee else None)
    return case


def claim_case(case, actor, now=None):
    if case.assignee_id == actor.id:
        return case
    if case.assignee_id is not None and not may_assign_others(actor):
        raise CaseActionError("already_assigned", "this case is already assigned to someone else")
    return assign_case(case, actor, actor, now=now)


def bulk_assign(cases, assignee, actor, now=None):
    """Assign several cases; returns (done, skipped) references. Skips what cannot be done."""
    done, skipped = [], []
    for case in cases:
        try:
            if assignee is None or assignee.id != actor.id:
                assign_case(case, assignee, actor, now=now)
            else:
                claim_case(case, actor, now=now)
            done.append(case.reference)
        except CaseActionError:
            skipped.append(case.reference)
    return done, skipped


def add_note(case, actor, text):
    text = (text or "").strip()
    if not text:
        raise CaseActionError("note_empty", "a note needs some text")
    if len(text) > MAX_NOTE_LENGTH:
        raise CaseActionError("note_too_long", f"a note has at most {MAX_NOTE_LENGTH} characters")
    note = CaseNote(case_id=case.id, author_id=actor.id, body=text, created_at=utcnow())
    db.session.add(note)
    db.session.flush()
    record_event(case, "note_added", actor=actor, note_id=note.id)
    return note


def case_notes(case):
    return db.session.scalars(select(CaseNote).where(CaseNote.case_id == case.id)
                              .order_by(CaseNote.created_at, CaseNote.id)).all()


def set_case_status(case, target, actor, reason=None, outcome=None, now=None):
    """Validated status change. Resolving needs an outcome text (it closes the loop)."""
    now = now or utcnow()
    if target not in STATUSES:
        raise CaseActionError("unknown_status", f"unknown status {target!r}", status=target)
    if target == case.status:
        raise CaseActionError("same_status", f"the case is already {target!r}", status=target)
    outcome = (outcome or "").strip()
    if target == "resolved":
        if not outcome:
            raise CaseActionError("outcome_required", "resolving a case needs an outcome text")
        if len(outcome) > MAX_OUTCOME_LENGTH:
            raise CaseActionError("outcome_too_long",
                                  f"an outcome has at most {MAX_OUTCOME_LENGTH} characters")
    if target == "reopened" and not (reason or "").strip():
        raise CaseActionError("reason_required", "reopening a case needs a reason")
    try:
        change_status(case, target, actor=actor, reason=(reason or "").strip() or None, now=now)
    except InvalidTransition:
        raise CaseActionError("invalid_transition",
                              f"a case cannot go from {case.status!r} to {target!r}",
                              current=case.status, status=target) from None
    if target == "resolved":
        case.outcome = outcome
        if case.first_response_at is None:
            case.first_response_at = now
    elif target == "reopened":
        case.satisfaction_asked_at = None
    return case


def find_cases_by_reference(references):
    refs = [r for r in references if r]
    if not refs:
        return []
    return db.session.scalars(select(Case).where(Case.reference.in_(refs))).all()
