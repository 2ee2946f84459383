"""Referral pages: the list (staff or partner view), one referral, the refer form, actions."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from helpline.audit import record_audit
from helpline.cases.queries import get_visible_case
from helpline.extensions import db
from helpline.web import commit_or_flash
from helpline.referrals import access
from helpline.referrals.constants import CONSENT_METHODS, REFERRAL_STATUSES, SERVICE_TYPES, \
    STATUS_LABELS
from helpline.referrals.directory import default_service_for, suggest_partners
from helpline.referrals.forms import referral_arguments
from helpline.referrals.models import Referral
from helpline.referrals.serializers import partner_may_see_phone
from helpline.referrals.services import ReferralError, accept_referral, complete_referral, \
    create_referral, decline_referral, partner_by_id, revoke_referral

bp = Blueprint("referrals", __name__, template_folder="templates",
               static_folder="static", static_url_path="/referrals/static")
PAGE_SIZE = 50


@bp.app_context_processor
def _labels():
    return {"service_labels": SERVICE_TYPES, "referral_status_labels": STATUS_LABELS,
            "consent_method_labels": CONSENT_METHODS}


def _may_use_referrals():
    if not (access.is_partner_user(current_user) or access.is_staff(current_user)):
        abort(403)


@bp.get("/referrals")
@login_required
def referral_list():
    _may_use_referrals()
    status = request.args.get("status") or None
    if status not in (None, *REFERRAL_STATUSES):
        status = None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    stmt = access.visible_referrals_query(current_user)
    if status:
        stmt = stmt.where(Referral.status == status)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    referrals = db.session.scalars(
        stmt.order_by(Referral.created_at.desc(), Referral.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    record_audit("referral_list", current_user, "referral", None, status=status, page=page,
                 rows=len(referrals))
    db.session.commit()
    partner_view = access.is_partner_user(current_user) and not access.is_staff(current_user)
    return render_template("referrals/list.html", referrals=referrals, status=status,
                           page=page, total=total, page_size=PAGE_SIZE,
                           partner_view=partner_view, statuses=REFERRAL_STATUSES)


@bp.get("/referrals/<int:referral_id>")
@login_required
def referral_detail(referral_id):
    referral = access.get_visible_referral(current_user, referral_id)
    if referral is None:
        abort(404)
    as_partner = access.sees_as_partner(current_user, referral)
    record_audit("referral_view", current_user, "referral", str(referral.id),
                 case=referral.case.reference, view="partner" if as_partner else "staff")
    db.session.commit()
    return render_template("referrals/detail.html", referral=referral, as_partner=as_partner,
                           show_phone=as_partner and partner_may_see_phone(referral),
                           can_revoke=access.can_revoke(current_user, referral))


ACTIONS = {
    "accept": (access.can_respond, lambda r, u, f: accept_referral(r, u),
               lambda: _("Referral accepted.")),
    "decline": (access.can_respond, lambda r, u, f: decline_referral(r, u, f.get("reason")),
                lambda: _("Referral declined.")),
    "complete": (access.can_respond,
                 lambda r, u, f: complete_referral(r, u, f.get("outcome_note")),
                 lambda: _("Referral completed.")),
    "revoke": (access.can_revoke, lambda r, u, f: revoke_referral(r, u, f.get("reason")),
               lambda: _("Referral revoked.")),
}


@bp.post("/referrals/<int:referral_id>/<any(accept, decline, complete, revoke):action>")
@login_required
def referral_action(referral_id, action):
    referral = access.get_visible_referral(current_user, referral_id)
    if referral is None:
        abort(404)
    allowed, perform, done = ACTIONS[action]
    if not allowed(current_user, referral):
        abort(403)
    commit_or_flash(lambda: perform(referral, current_user, request.form),
                    lambda _result: done(), ReferralError)
    return redirect(url_for("referrals.referral_detail", referral_id=referral_id))


@bp.route("/cases/<reference>/refer", methods=["GET", "POST"])
@login_required
def refer_case(reference):
    case = get_visible_case(current_user, reference.upper())
    if case is None:
        abort(404)
    if not access.can_refer(current_user, case):
        abort(403)
    form = request.form if request.method == "POST" else {}
    service = (request.values.get("service_type") or default_service_for(case))
    if service not in SERVICE_TYPES:
        service = default_service_for(case)
    if request.method == "POST":
        ok, referral = commit_or_flash(
            lambda: create_referral(case, partner_by_id(request.form.get("partner_id")),
                                    actor=current_user, **referral_arguments(request.form)),
            lambda made: _("Referral sent to %(partner)s.", partner=made.partner.name),
            ReferralError)
        if ok:
            return redirect(url_for("referrals.referral_detail", referral_id=referral.id))
    record_audit("case_view", current_user, "case", case.reference, page="refer")
    db.session.commit()
    return render_template("referrals/refer.html", case=case, service=service, form=form,
                           suggestions=suggest_partners(service, case.governorate,
                                                        case.district))


def referral_panel_data(case):
    """For the case page partial: the case's referrals and whether this user may refer."""
    referrals = db.session.scalars(
        select(Referral).where(Referral.case_id == case.id)
        .order_by(Referral.created_at.desc())).all()
    return {"referrals": referrals, "can_refer": access.can_refer(current_user, case),
            "default_service": default_service_for(case)}
