"""Household registration and check-in scheduling. Services flush; the caller commits."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.checkins.locations import canonical_governorate, clean_place
from helpline.checkins.models import CheckIn, CheckinPlan, Household
from helpline.checkins.plans import (DEFAULT_HOURS, DEFAULT_PLAN_NAME, DEFAULT_TIMEZONE,
                                     DEFAULT_WAVES, open_waves)
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.contacts.services import find_or_create_contact
from helpline.db import utcnow
from helpline.extensions import db
from helpline.i18n import normalise_language

MOVEMENT_TYPES = ("return", "relocation", "local_integration")
CONTACT_CHANNELS = ("sms", "voice")
VULNERABILITY_FLAGS = ("female_headed", "elderly_headed", "child_headed", "disability",
                       "chronic_illness", "pregnant_lactating", "large_family", "other")
TRUE_WORDS = {"yes", "y", "true", "1", "نعم", "بەڵێ", "erê", "ere"}
FALSE_WORDS = {"no", "n", "false", "0", "لا", "نەخێر", "na"}
MAX_HOUSEHOLD_SIZE = 60


class HouseholdInvalid(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class DuplicateHousehold(ValueError):
    def __init__(self, household):
        super().__init__(f"household {household.id} has the same phone and arrival date")
        self.household = household


def local_today(now=None, tz=DEFAULT_TIMEZONE):
    return (now or utcnow()).astimezone(ZoneInfo(tz)).date()


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def _parse_date(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean_household(data, now=None):
    """Validate raw input (API JSON, form, CSV row) into model values, or raise HouseholdInvalid."""
    errors, values = {}, {}
    for field in ("phone", "alternate_phone"):
        raw = data.get(field)
        if field == "alternate_phone" and not str(raw or "").strip():
            values[field] = None
            continue
        try:
            values[field] = to_e164(raw)
        except InvalidPhone:
            errors[field] = _("enter a valid phone number (for example 0770 123 4567 or "
                              "+964 770 123 4567)")
    language = normalise_language(data.get("language"))
    if language is None:
        errors["language"] = _("choose a language: ar, ckb, ku or en")
    values["language"] = language
    arrival = _parse_date(data.get("arrival_date"))
    if arrival is None:
        errors["arrival_date"] = _("enter the arrival date as YYYY-MM-DD")
    elif arrival > local_today(now):
        errors["arrival_date"] = _("the arrival date cannot be in the future")
    values["arrival_date"] = arrival
    movement = str(data.get("movement_type") or "return").strip().lower().replace(" ", "_")
    if movement not in MOVEMENT_TYPES:
        errors["movement_type"] = _("choose return, relocation or local_integration")
    values["movement_type"] = movement
    channel = str(data.get("preferred_channel") or "sms").strip().lower()
    if channel not in CONTACT_CHANNELS:
        errors["preferred_channel"] = _("choose sms or voice")
    values["preferred_channel"] = channel
    for prefix in ("", "origin_"):
        raw_gov = data.get(prefix + "governorate")
        governorate = canonical_governorate(raw_gov) if raw_gov else None
        if raw_gov and governorate is None:
            errors[prefix + "governorate"] = _("unknown governorate")
        values[prefix + "governorate"] = governorate
        values[prefix + "district"] = clean_place(data.get(prefix + "district"))
        values[prefix + "subdistrict"] = clean_place(data.get(prefix + "subdistrict"))
        values[prefix + "village"] = clean_place(data.get(prefix + "village"), 120)
    for field in ("governorate", "district"):
        if not values[field] and field not in errors:
            errors[field] = _("this field is required")
    size = data.get("household_size")
    values["household_size"] = None
    if size not in (None, ""):
        try:
            values["household_size"] = int(str(size).strip())
            if not 1 <= values["household_size"] <= MAX_HOUSEHOLD_SIZE:
                raise ValueError
        except ValueError:
            errors["household_size"] = _("household size must be a whole number from 1 to "
                                         "%(max)s", max=MAX_HOUSEHOLD_SIZE)
    flags = data.get("vulnerability_flags") or []
    if isinstance(flags, str):
        flags = [f.strip() for f in flags.replace(",", ";").split(";")]
    flags = [str(f).strip().lower() for f in flags if str(f).strip()]
    if any(f not in VULNERABILITY_FLAGS for f in flags):
        errors["vulnerability_flags"] = _("unknown vulnerability flag; use %(flags)s",
                                          flags=", ".join(VULNERABILITY_FLAGS))
    values["vulnerability_flags"] = list(dict.fromkeys(flags))
    consent = parse_bool(data.get("consent_followup"))
    if consent is not True:
        errors["consent_followup"] = _("check-ins need the household's recorded consent to "
                                       "follow-up contact")
    values["consent_followup"] = bool(consent)
    values["registration_source"] = clean_place(data.get("registration_source"), 40)
    if errors:
        raise HouseholdInvalid(errors)
    return values


def default_plan():
    plan = db.session.scalar(select(CheckinPlan).where(CheckinPlan.is_default.is_(True))
                             .order_by(CheckinPlan.id).limit(1))
    if plan is not None:
        return plan
    plan = CheckinPlan(name=DEFAULT_PLAN_NAME, waves=[dict(w) for w in DEFAULT_WAVES],
                       send_from_hour=DEFAULT_HOURS[0], send_until_hour=DEFAULT_HOURS[1],
                       timezone=DEFAULT_TIMEZONE, max_reminders=2, reminder_interval_hours=48,
                       is_default=True)
    try:
        with db.session.begin_nested():
            db.session.add(plan)
            db.session.flush()
    except IntegrityError:  # created by a concurrent registration
        return db.session.scalar(select(CheckinPlan).where(CheckinPlan.name == DEFAULT_PLAN_NAME))
    return plan


def find_plan(name):
    if not name:
        return default_plan()
    return db.session.scalar(select(CheckinPlan).where(CheckinPlan.name == name))


def find_duplicate(phone, arrival_date):
    return db.session.scalar(select(Household).where(Household.phone == phone,
                                                     Household.arrival_date == arrival_date))


def register_household(data, actor=None, now=None, source=None, plan_name=None):
    """Validate, store and schedule every wave whose window is still open."""
    now = now or utcnow()
    values = clean_household(data, now)
    plan = find_plan(plan_name or data.get("plan"))
    if plan is None:
        raise HouseholdInvalid({"plan": _("no check-in plan with that name")})
    existing = find_duplicate(values["phone"], values["arrival_date"])
    if existing is not None:
        raise DuplicateHousehold(existing)
    contact, _created = find_or_create_contact(values["phone"], language=values["language"])
    if contact.language is None:
        contact.language = values["language"]
    if source and not values["registration_source"]:
        values["registration_source"] = source
    household = Household(contact_id=contact.id, plan_id=plan.id, consent_recorded_at=now,
                          created_by_id=getattr(actor, "id", None), created_at=now, **values)
    try:
        with db.session.begin_nested():
            db.session.add(household)
            db.session.flush()
    except IntegrityError:
        raise DuplicateHousehold(find_duplicate(values["phone"], values["arrival_date"]))
    schedule_checkins(household, plan, now)
    return household


def schedule_checkins(household, plan, now):
    hours = (plan.send_from_hour, plan.send_until_hour)
    rows = []
    for slot in open_waves(household.arrival_date, plan.waves, now, hours, plan.timezone):
        rows.append(CheckIn(household_id=household.id, contact_id=household.contact_id,
                            plan_id=plan.id, wave=slot.wave, due_at=slot.due_at,
                            window_closes_at=slot.window_closes_at,
                            next_attempt_at=slot.first_attempt_at, status="scheduled",
                            channel=household.preferred_channel, attempts=0,
                            unanswered_attempts=0))
    db.session.add_all(rows)
    db.session.flush()
    return rows
