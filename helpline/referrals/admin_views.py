"""Service directory pages: admins manage partners, services and coverage; referrers browse."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from helpline.audit import record_audit
from helpline.extensions import db
from helpline.web import commit_or_flash
from helpline.referrals.constants import GOVERNORATES, REFERRING_ROLES
from helpline.referrals.directory import add_coverage, list_partners, remove_coverage, \
    save_partner
from helpline.referrals.services import ReferralError, partner_by_id
from helpline.staff.access import roles_required

bp = Blueprint("directory", __name__, template_folder="templates")
BROWSE_ROLES = ("admin", *sorted(REFERRING_ROLES))


@bp.get("/directory")
@roles_required(*BROWSE_ROLES)
def partner_list():
    query = request.args.get("q", "").strip()[:100]
    service = request.args.get("service_type") or None
    governorate = request.args.get("governorate") or None
    partners = list_partners(query, service, governorate)
    record_audit("directory_view", current_user, "partner", None, q=query or None,
                 service=service, governorate=governorate)
    db.session.commit()
    return render_template("referrals/directory.html", partners=partners, q=query,
                           service=service, governorate=governorate,
                           governorates=GOVERNORATES, is_admin=current_user.has_role("admin"))


def _partner_fields(form):
    return {"name": form.get("name"), "focal_name": form.get("focal_name"),
            "focal_phone": form.get("focal_phone"), "focal_email": form.get("focal_email"),
            "is_active": form.get("is_active") == "on",
            "service_types": form.getlist("service_types")}


@bp.route("/directory/new", methods=["GET", "POST"])
@roles_required("admin")
def partner_new():
    if request.method == "POST":
        ok, partner = commit_or_flash(
            lambda: save_partner(None, current_user, **_partner_fields(request.form)),
            _("Partner saved."), ReferralError)
        if ok:
            return redirect(url_for("directory.partner_edit", partner_id=partner.id))
    return render_template("referrals/partner_form.html", partner=None, form=request.form,
                           governorates=GOVERNORATES)


@bp.route("/directory/<int:partner_id>", methods=["GET", "POST"])
@roles_required("admin")
def partner_edit(partner_id):
    partner = partner_by_id(partner_id)
    if partner is None:
        abort(404)
    if request.method == "POST":
        commit_or_flash(lambda: save_partner(partner, current_user, **_partner_fields(request.form)),
                        _("Partner saved."), ReferralError)
        return redirect(url_for("directory.partner_edit", partner_id=partner_id))
    record_audit("partner_view", current_user, "partner", str(partner.id))
    db.session.commit()
    return render_template("referrals/partner_form.html", partner=partner, form={},
                           governorates=GOVERNORATES)


@bp.post("/directory/<int:partner_id>/coverage")
@roles_required("admin")
def coverage_add(partner_id):
    partner = partner_by_id(partner_id)
    if partner is None:
        abort(404)
    commit_or_flash(lambda: add_coverage(partner, current_user, request.form.get("governorate"),
                                         request.form.get("district")),
                    _("Coverage area added."), ReferralError)
    return redirect(url_for("directory.partner_edit", partner_id=partner_id))


@bp.post("/directory/<int:partner_id>/coverage/<int:coverage_id>/remove")
@roles_required("admin")
def coverage_remove(partner_id, coverage_id):
    partner = partner_by_id(partner_id)
    if partner is None or not remove_coverage(partner, current_user, coverage_id):
        abort(404)
    db.session.commit()
    flash(_("Coverage area removed."), "success")
    return redirect(url_for("directory.partner_edit", partner_id=partner_id))
