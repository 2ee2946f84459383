"""/api/v1/cases: list, detail and updates — the same services and permissions as the pages.

Updates (all POST, JSON bodies, audited; 404 for a case the caller may not see; 400 with a
reason on bad input; 403 when the role does not allow the action):
  /cases/<ref>/assign       {"assignee": "username" | null}   (non-supervisors: themselves only)
  /cases/<ref>/status       {"status", "reason"?, "outcome"? (required for resolved),
                             "ask_satisfaction"?: bool}
  /cases/<ref>/notes        {"text"}                                              → 201
  /cases/<ref>/corrections  {"reason", "category"?, "categories"?: [], "urgency"?}  → 201
  /cases/<ref>/replies      {"template"? | "text"?, "number"? (call_us_back)}     → 201
"""
from flask import abort, g, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from helpline.api import bp, json_body, token_required
from helpline.api.serializers import case_detail, case_summary
from helpline.audit import record_audit
from helpline.cases.casework import add_note, assign_case, set_case_status
from helpline.cases.corrections import correct_triage
from helpline.cases.errors import CaseActionError
from helpline.cases.models import Case
from helpline.cases.outreach import send_outcome, send_reply
from helpline.cases.permissions import can_view_case, visible_cases_condition
from helpline.cases.queries import conversation, get_visible_case
from helpline.cases.status import STATUSES
from helpline.contacts.models import Contact
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.extensions import db
from helpline.staff.access import CASE_ROLES
from helpline.staff.models import User
from helpline.tasks import enqueue
from helpline.triage import CATEGORIES, URGENCIES

MAX_PER_PAGE = 100


def _bad_request(reason):
    return {"error": "Bad Request", "reason": reason}, 400


def _int_arg(name, default, low, high):
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, description=f"{name} must be a whole number")
    if not low <= value <= high:
        abort(400, description=f"{name} must be between {low} and {high}")
    return value


@bp.get("/cases")
@token_required
def list_cases():
    user = g.api_user
    if not user.has_role(*CASE_ROLES):
        abort(403, description="this account works with referrals (/api/v1/referrals), not cases")
    conds = [visible_cases_condition(user)]
    args = request.args
    if args.get("phone"):
        try:
            phone = to_e164(args["phone"])
        except InvalidPhone:
            return _bad_request("phone is not a valid phone number")
        conds.append(Case.contact_id.in_(select(Contact.id).where(Contact.phone == phone)))
    for name, allowed, column in (("status", STATUSES, Case.status),
                                  ("urgency", URGENCIES, Case.urgency)):
        if args.get(name):
            if args[name] not in allowed:
                return _bad_request(f"{name} must be one of {', '.join(allowed)}")
            conds.append(column == args[name])
    if args.get("category"):
        if args["category"] not in CATEGORIES:
            return _bad_request(f"category must be one of {', '.join(CATEGORIES)}")
        conds.append(Case.category == args["category"])
    page = _int_arg("page", 1, 1, 100000)
    per_page = _int_arg("per_page", 50, 1, MAX_PER_PAGE)
    rows = db.session.scalars(
        select(Case).where(*conds)
        .options(selectinload(Case.contact), selectinload(Case.assignee))
        .order_by(Case.urgency_rank, Case.due_at.asc().nulls_last(), Case.id)
        .offset((page - 1) * per_page).limit(per_page + 1)).all()
    items = [case_summary(c) for c in rows[:per_page]]
    record_audit("case_list", user, "case", None, via="api", results=len(items),
                 filters=sorted(k for k in ("phone", "status", "urgency", "category")
                                if args.get(k)))
    db.session.commit()
    return {"items": items, "page": page, "per_page": per_page,
            "next_page": page + 1 if len(rows) > per_page else None}


@bp.get("/cases/<reference>")
@token_required
def get_case(reference):
    case = get_visible_case(g.api_user, reference.upper())
    if case is None:
        abort(404, description="no such case")
    record_audit("case_view", g.api_user, "case", case.reference, via="api")
    data = case_detail(case, conversation(case))
    db.session.commit()
    return data


def _update(reference, audit_action, action, created=False):
    """Shared shape of every case update: visible case, one service call, audit, commit."""
    user = g.api_user
    if not user.has_role(*CASE_ROLES):
        abort(404, description="no such case")
    case = get_visible_case(user, reference.upper())
    if case is None:
        abort(404, description="no such case")
    body = json_body()
    try:
        detail, to_send = action(case, user, body)
    except CaseActionError as exc:
        db.session.rollback()
        status = 403 if exc.code == "assign_forbidden" else 400
        return {"error": "Forbidden" if status == 403 else "Bad Request",
                "reason": exc.reason, "code": exc.code}, status
    record_audit(audit_action, user, "case", case.reference, via="api", **detail)
    db.session.commit()
    from helpline.channels.tasks import send_message
    for message_id in to_send:
        enqueue(send_message, message_id)
    data = case_summary(case) if can_view_case(user, case) else {
        "reference": case.reference, "restricted": True}
    data.update(detail)
    return data, 201 if created else 200


def _text(body, name):
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise CaseActionError("bad_field", f"{name} must be a string")
    return value


@bp.post("/cases/<reference>/assign")
@token_required
def assign(reference):
    def action(case, user, body):
        if "assignee" not in body:
            raise CaseActionError("bad_field", "assignee is required (a username, or null)")
        name = _text(body, "assignee")
        assignee = None
        if name:
            assignee = db.session.scalar(select(User).where(User.username == name))
            if assignee is None:
                raise CaseActionError("unknown_user", f"no user named {name!r}")
        assign_case(case, assignee, user)
        return {"assignee": assignee.username if assignee else None}, []
    return _update(reference, "case_assign", action)


@bp.post("/cases/<reference>/status")
@token_required
def status(reference):
    def action(case, user, body):
        target = _text(body, "status")
        if not target:
            raise CaseActionError("bad_field", "status is required")
        before = case.status
        set_case_status(case, target, user, reason=_text(body, "reason"),
                        outcome=_text(body, "outcome"))
        to_send = send_outcome(case, user, bool(body.get("ask_satisfaction"))) \
            if target == "resolved" else []
        return {"before": before, "after": target, "messages_queued": len(to_send)}, to_send
    return _update(reference, "case_status", action)


@bp.post("/cases/<reference>/notes")
@token_required
def notes(reference):
    def action(case, user, body):
        note = add_note(case, user, _text(body, "text"))
        return {"note_id": note.id}, []
    return _update(reference, "case_note", action, created=True)


@bp.post("/cases/<reference>/corrections")
@token_required
def corrections(reference):
    def action(case, user, body):
        extra = body.get("categories") or []
        if not isinstance(extra, list) or not all(isinstance(c, str) for c in extra):
            raise CaseActionError("bad_field", "categories must be a list of category codes")
        correction = correct_triage(case, user, _text(body, "reason"),
                                    category=_text(body, "category"), categories=extra,
                                    urgency=_text(body, "urgency"))
        return {"correction_id": correction.id, "corrected_category":
                correction.corrected_category, "corrected_urgency": correction.corrected_urgency}, []
    return _update(reference, "case_correction", action, created=True)


@bp.post("/cases/<reference>/replies")
@token_required
def replies(reference):
    def action(case, user, body):
        message = send_reply(case, user, template=_text(body, "template"),
                             text=_text(body, "text"), number=_text(body, "number"))
        return {"message_id": message.id}, [message.id]
    return _update(reference, "case_reply", action, created=True)
