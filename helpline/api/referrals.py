"""/api/v1/referrals: the same rules as the pages (partner scoping, case visibility)."""
from flask import abort, g, request
from sqlalchemy import select

from helpline.api import bp, json_body, token_required
from helpline.audit import record_audit
from helpline.cases.models import Case
from helpline.cases.permissions import can_view_case
from helpline.extensions import db
from helpline.referrals import access
from helpline.referrals.constants import REFERRAL_STATUSES
from helpline.referrals.forms import referral_arguments
from helpline.referrals.models import Referral
from helpline.referrals.serializers import referral_for_partner, referral_for_staff
from helpline.referrals.services import ReferralError, accept_referral, complete_referral, \
    create_referral, decline_referral, partner_by_id, revoke_referral

MAX_ITEMS = 200


def _shape(user, referral):
    if access.sees_as_partner(user, referral):
        return referral_for_partner(referral)
    return referral_for_staff(referral)


def _bad_request(reason):
    db.session.rollback()
    return {"error": "Bad Request", "reason": reason}, 400


@bp.get("/referrals")
@token_required
def list_referrals():
    user = g.api_user
    if not (access.is_partner_user(user) or access.is_staff(user)):
        abort(403, description="this account has no access to referrals")
    stmt = access.visible_referrals_query(user)
    status = request.args.get("status")
    if status:
        if status not in REFERRAL_STATUSES:
            return _bad_request(f"status must be one of {', '.join(REFERRAL_STATUSES)}")
        stmt = stmt.where(Referral.status == status)
    reference = request.args.get("case")
    if reference:
        stmt = stmt.where(Case.reference == reference.strip().upper())
    limit = min(max(request.args.get("limit", 100, type=int) or 100, 1), MAX_ITEMS)
    rows = db.session.scalars(stmt.order_by(Referral.created_at.desc(), Referral.id.desc())
                              .limit(limit)).all()
    record_audit("referral_list", user, "referral", None, via="api", status=status,
                 rows=len(rows))
    items = [_shape(user, r) for r in rows]
    db.session.commit()
    return {"items": items}


@bp.get("/referrals/<int:referral_id>")
@token_required
def get_referral(referral_id):
    referral = access.get_visible_referral(g.api_user, referral_id)
    if referral is None:
        abort(404, description="no such referral")
    record_audit("referral_view", g.api_user, "referral", str(referral.id), via="api",
                 case=referral.case.reference)
    data = _shape(g.api_user, referral)
    db.session.commit()
    return data


@bp.post("/referrals")
@token_required
def post_referral():
    user = g.api_user
    data = json_body()
    reference = data.get("case_reference")
    if not isinstance(reference, str) or not reference.strip():
        return _bad_request("case_reference is required (e.g. HL-7KQ2M)")
    case = db.session.scalar(select(Case).where(Case.reference == reference.strip().upper()))
    if case is None or not can_view_case(user, case):
        abort(404, description="no such case")
    if not access.can_refer(user, case):
        abort(403, description="this account may not refer cases")
    partner = partner_by_id(data.get("partner_id"))
    if partner is None:
        return _bad_request("partner_id must be the id of a partner organisation")
    try:
        referral = create_referral(case, partner, actor=user, **referral_arguments(data))
    except ReferralError as exc:
        return _bad_request(str(exc))
    result = referral_for_staff(referral)
    db.session.commit()
    return result, 201


def _act(referral_id, allowed, perform):
    user = g.api_user
    referral = access.get_visible_referral(user, referral_id)
    if referral is None:
        abort(404, description="no such referral")
    if not allowed(user, referral):
        abort(403, description="this account may not do that to this referral")
    data = request.get_json(silent=True) or {}
    if not isinstance(data, dict):
        return _bad_request("the request body must be a JSON object")
    try:
        perform(referral, user, data)
    except ReferralError as exc:
        return _bad_request(str(exc))
    result = _shape(user, referral)
    db.session.commit()
    return result


@bp.post("/referrals/<int:referral_id>/accept")
@token_required
def accept(referral_id):
    return _act(referral_id, access.can_respond, lambda r, u, d: accept_referral(r, u))


@bp.post("/referrals/<int:referral_id>/decline")
@token_required
def decline(referral_id):
    return _act(referral_id, access.can_respond,
                lambda r, u, d: decline_referral(r, u, _text(d.get("reason"))))


@bp.post("/referrals/<int:referral_id>/complete")
@token_required
def complete(referral_id):
    return _act(referral_id, access.can_respond,
                lambda r, u, d: complete_referral(r, u, _text(d.get("outcome_note"))))


@bp.post("/referrals/<int:referral_id>/revoke")
@token_required
def revoke(referral_id):
    return _act(referral_id, access.can_revoke,
                lambda r, u, d: revoke_referral(r, u, _text(d.get("reason"))))


def _text(value):
    return value if isinstance(value, str) else ""
