"""/api/v1/households (check-ins): register a household, read it with its check-ins."""
from flask import abort, g
from sqlalchemy import select

from helpline.api import bp, json_body, token_required
from helpline.api.serializers import iso
from helpline.audit import record_audit
from helpline.checkins.models import CheckIn, Household
from helpline.checkins.services import DuplicateHousehold, HouseholdInvalid, register_household
from helpline.extensions import db

# The same rule as the registry pages.
REGISTRY_ROLES = ("admin", "supervisor", "operator")


def _allowed():
    if not g.api_user.has_role(*REGISTRY_ROLES):
        abort(403, description="registering and reading households needs the operator, "
                               "supervisor or admin role")


def household_json(household, checkins):
    return {
        "id": household.id, "phone": household.phone, "alternate_phone": household.alternate_phone,
        "language": household.language, "preferred_channel": household.preferred_channel,
        "movement_type": household.movement_type, "arrival_date": household.arrival_date.isoformat(),
        "governorate": household.governorate, "district": household.district,
        "subdistrict": household.subdistrict, "village": household.village,
        "origin_governorate": household.origin_governorate,
        "origin_district": household.origin_district,
        "origin_subdistrict": household.origin_subdistrict,
        "origin_village": household.origin_village,
        "household_size": household.household_size,
        "vulnerability_flags": list(household.vulnerability_flags or []),
        "consent_followup": household.consent_followup,
        "registration_source": household.registration_source,
        "durability_flag": household.durability_flag, "created_at": iso(household.created_at),
        "checkins": [{"wave": c.wave, "due_at": iso(c.due_at), "status": c.status,
                      "attempts": c.attempts, "window_closes_at": iso(c.window_closes_at),
                      "answers": {a.question: a.code for a in c.answers}} for c in checkins],
    }


@bp.post("/households")
@token_required
def create_household():
    _allowed()
    data = json_body()
    try:
        household = register_household(data, actor=g.api_user, source=data.get(
            "registration_source") or "api")
    except HouseholdInvalid as exc:
        db.session.rollback()
        return {"error": "Unprocessable Entity", "reason": "the household is not valid",
                "errors": exc.errors}, 422
    except DuplicateHousehold as exc:
        db.session.rollback()
        return {"error": "Conflict", "id": exc.household.id,
                "reason": "a household with this phone and arrival date is already registered"}, 409
    record_audit("household_create", g.api_user, "household", str(household.id), via="api")
    checkins = _checkins(household)
    data = household_json(household, checkins)
    db.session.commit()
    return data, 201, {"Location": f"/api/v1/households/{household.id}"}


@bp.get("/households/<int:household_id>")
@token_required
def get_household(household_id):
    _allowed()
    household = db.session.get(Household, household_id)
    if household is None:
        abort(404, description="no such household")
    record_audit("household_view", g.api_user, "household", str(household.id), via="api")
    data = household_json(household, _checkins(household))
    db.session.commit()
    return data


def _checkins(household):
    return db.session.scalars(select(CheckIn).where(CheckIn.household_id == household.id)
                              .order_by(CheckIn.wave)).all()
