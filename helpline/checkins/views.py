"""Staff pages: household registry, registration, CSV import (indicators in indicator_views)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from helpline.audit import record_audit
from helpline.cases.models import Case
from helpline.cases.permissions import can_view_case
from helpline.checkins.importer import import_households
from helpline.checkins.locations import GOVERNORATES
from helpline.checkins.models import CheckIn, CheckinPlan, Household
from helpline.checkins.services import (MOVEMENT_TYPES, VULNERABILITY_FLAGS, DuplicateHousehold,
                                        HouseholdInvalid, register_household)
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.extensions import db
from helpline.staff.access import roles_required

bp = Blueprint("checkins", __name__, url_prefix="/checkins", template_folder="templates")
REGISTRY_ROLES = ("admin", "supervisor", "operator")
PAGE_SIZE = 50
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@bp.get("/")
@roles_required(*REGISTRY_ROLES)
def index():
    return redirect(url_for("checkins.households"))


@bp.get("/households")
@roles_required(*REGISTRY_ROLES)
def households():
    query = select(Household)
    search = (request.args.get("q") or "").strip()
    governorate = request.args.get("governorate") or ""
    flagged = request.args.get("flag") == "not_staying"
    if search:
        try:
            query = query.where(Household.phone == to_e164(search))
        except InvalidPhone:
            flash(_("Search by a full phone number."), "error")
    if governorate:
        query = query.where(Household.governorate == governorate)
    if flagged:
        query = query.where(Household.durability_flag == "not_staying")
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = max(1, request.args.get("page", 1, type=int))
    rows = db.session.scalars(query.order_by(Household.id.desc())
                              .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return render_template("checkins/households.html", households=rows, total=total, page=page,
                           pages=max(1, -(-total // PAGE_SIZE)), search=search,
                           governorate=governorate, flagged=flagged,
                           governorates=sorted(GOVERNORATES))


@bp.route("/households/new", methods=["GET", "POST"])
@roles_required(*REGISTRY_ROLES)
def new_household():
    errors, form = {}, request.form
    if request.method == "POST":
        data = form.to_dict()
        data["vulnerability_flags"] = form.getlist("vulnerability_flags")
        data["consent_followup"] = form.get("consent_followup") == "yes"
        try:
            household = register_household(data, actor=current_user,
                                           source=form.get("registration_source") or "staff")
        except HouseholdInvalid as exc:
            errors = exc.errors
        except DuplicateHousehold as exc:
            flash(_("This household is already registered (same phone and arrival date)."),
                  "error")
            return redirect(url_for("checkins.household", household_id=exc.household.id))
        else:
            record_audit("household_create", current_user, "household", str(household.id))
            db.session.commit()
            flash(_("Household registered; %(count)s check-ins scheduled.",
                    count=len(household.checkins)), "info")
            return redirect(url_for("checkins.household", household_id=household.id))
        db.session.rollback()
    plans = db.session.scalars(select(CheckinPlan).order_by(CheckinPlan.id)).all()
    return render_template("checkins/household_new.html", errors=errors, form=form,
                           governorates=sorted(GOVERNORATES), movement_types=MOVEMENT_TYPES,
                           flags=VULNERABILITY_FLAGS, plans=plans), (422 if errors else 200)


@bp.get("/households/<int:household_id>")
@roles_required(*REGISTRY_ROLES)
def household(household_id):
    item = db.session.get(Household, household_id)
    if item is None:
        abort(404)
    checkins = db.session.scalars(select(CheckIn).where(CheckIn.household_id == item.id)
                                  .order_by(CheckIn.wave)).all()
    case_ids = {c.case_id for c in checkins if c.case_id}
    case_ids |= {a.case_id for c in checkins for a in c.answers if a.case_id}
    cases = {c.id: c for c in db.session.scalars(select(Case).where(Case.id.in_(case_ids)))}
    # Need to know: a restricted case is not even named to someone who may not see it.
    visible = {cid: c for cid, c in cases.items() if can_view_case(current_user, c)}
    record_audit("household_view", current_user, "household", str(item.id))
    db.session.commit()
    return render_template("checkins/household.html", household=item, checkins=checkins,
                           cases=visible)


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*REGISTRY_ROLES)
def import_csv():
    report = None
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash(_("Choose a CSV file to import."), "error")
            return render_template("checkins/import.html", report=None), 400
        report = import_households(upload.read(), actor=current_user,
                                   source=request.form.get("source") or "csv_import")
        if report.error:
            db.session.rollback()
            return render_template("checkins/import.html", report=report), 400
        record_audit("household_import", current_user, "household", None,
                     imported=report.imported, duplicates=report.duplicates,
                     rejected=report.rejected)
        db.session.commit()
    return render_template("checkins/import.html", report=report)


@bp.before_request
def _larger_uploads_for_import():
    # Registration exports are bigger than any webhook body: allow them on this page only.
    if request.endpoint == "checkins.import_csv":
        request.max_content_length = MAX_IMPORT_BYTES


from helpline.checkins import indicator_views  # noqa: E402,F401  (routes on the same blueprint)
