"""The service directory: partners, their services and coverage; suggestions for a case."""
import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from helpline.audit import record_audit
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.extensions import db
from helpline.referrals.constants import SERVICE_FOR_CATEGORY, SERVICE_TYPES
from helpline.referrals.models import Partner, PartnerCoverage, PartnerService
from helpline.referrals.services import ReferralError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def suggest_partners(service_type, governorate=None, district=None):
    """Active partners offering the service, best coverage first.

    Order: partners covering the case's district, then the whole governorate, then (when the
    case has no known location, or nobody covers it) everyone else offering the service.
    Returns a list of (partner, match) with match in {"district", "governorate", "elsewhere"}.
    """
    offers = (select(PartnerService.partner_id)
              .where(PartnerService.service_type == service_type))
    partners = db.session.scalars(
        select(Partner).where(Partner.is_active.is_(True), Partner.id.in_(offers))
        .order_by(Partner.name)).all()
    ranked = []
    gov = (governorate or "").strip().lower()
    dist = (district or "").strip().lower()
    for partner in partners:
        match = "elsewhere"
        for area in partner.coverage:
            if gov and area.governorate.lower() == gov:
                if area.district and dist and area.district.lower() == dist:
                    match = "district"
                    break
                if not area.district:
                    match = "governorate"
        ranked.append((partner, match))
    order = {"district": 0, "governorate": 1, "elsewhere": 2}
    ranked.sort(key=lambda pm: (order[pm[1]], pm[0].name.lower()))
    return ranked


def default_service_for(case):
    return SERVICE_FOR_CATEGORY.get(case.category or "", "protection_cm")


def active_partners():
    return db.session.scalars(
        select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)).all()


def list_partners(query=None, service_type=None, governorate=None):
    stmt = select(Partner).order_by(Partner.is_active.desc(), Partner.name)
    if query:
        stmt = stmt.where(func.lower(Partner.name).contains(query.strip().lower()))
    if service_type:
        stmt = stmt.where(Partner.id.in_(select(PartnerService.partner_id).where(
            PartnerService.service_type == service_type)))
    if governorate:
        stmt = stmt.where(Partner.id.in_(select(PartnerCoverage.partner_id).where(
            func.lower(PartnerCoverage.governorate) == governorate.strip().lower())))
    return db.session.scalars(stmt).all()


def save_partner(partner, actor, name, focal_name="", focal_phone="", focal_email="",
                 is_active=True, service_types=()):
    """Create (partner=None) or update a partner. Returns the partner."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise ReferralError(_("A partner needs a name (at most 200 characters)."))
    clash = db.session.scalar(select(Partner).where(func.lower(Partner.name) == name.lower()))
    if clash is not None and clash is not partner:
        raise ReferralError(_("Another partner already has this name."))
    phone = None
    if (focal_phone or "").strip():
        try:
            phone = to_e164(focal_phone.strip())
        except InvalidPhone:
            raise ReferralError(_("The focal point's phone number is not valid.")) from None
    email = (focal_email or "").strip() or None
    if email and not EMAIL.match(email):
        raise ReferralError(_("The focal point's e-mail address is not valid."))
    unknown = [s for s in service_types if s not in SERVICE_TYPES]
    if unknown:
        raise ReferralError(_("Unknown service type."))
    created = partner is None
    if created:
        partner = Partner(name=name)
        db.session.add(partner)
    partner.name = name
    partner.focal_name = (focal_name or "").strip()[:120] or None
    partner.focal_phone, partner.focal_email = phone, email
    partner.is_active = bool(is_active)
    wanted = list(dict.fromkeys(service_types))
    partner.services = [s for s in partner.services if s.service_type in wanted] + [
        PartnerService(service_type=s) for s in wanted if s not in partner.service_types]
    db.session.flush()
    record_audit("partner_create" if created else "partner_update", actor, "partner",
                 str(partner.id), services=wanted, active=partner.is_active)
    return partner


def add_coverage(partner, actor, governorate, district=""):
    governorate = (governorate or "").strip()
    district = (district or "").strip() or None
    if not governorate or len(governorate) > 64 or len(district or "") > 64:
        raise ReferralError(_("Choose a governorate (and optionally a district)."))
    for area in partner.coverage:
        if area.governorate.lower() == governorate.lower() and \
                (area.district or "").lower() == (district or "").lower():
            raise ReferralError(_("This area is already covered."))
    area = PartnerCoverage(governorate=governorate, district=district)
    partner.coverage.append(area)
    db.session.flush()
    record_audit("partner_coverage_add", actor, "partner", str(partner.id),
                 governorate=governorate, district=district)
    return area


def remove_coverage(partner, actor, coverage_id):
    for area in list(partner.coverage):
        if area.id == coverage_id:
            partner.coverage.remove(area)
            db.session.flush()
            record_audit("partner_coverage_remove", actor, "partner", str(partner.id),
                         governorate=area.governorate, district=area.district)
            return True
    return False

