"""Codes of the referral directory and referrals (contracts: stored in the database)."""
from flask_babel import lazy_gettext as _l

# Partner service types (SPEC §5).
SERVICE_TYPES = {
    "protection_cm": _l("Protection case management"),
    "gbv": _l("Gender-based violence (GBV) services"),
    "child_protection": _l("Child protection"),
    "legal_hlp": _l("Legal aid / housing, land and property"),
    "civil_documentation": _l("Civil documentation"),
    "mhpss": _l("Mental health and psychosocial support"),
    "health": _l("Health"),
    "shelter": _l("Shelter"),
    "livelihoods_cash": _l("Livelihoods / cash"),
    "mine_action": _l("Mine action"),
    "municipal_services": _l("Municipal services"),
}

# Which service a case's category most likely needs (first suggestion in the form).
SERVICE_FOR_CATEGORY = {
    "safety_threat": "protection_cm",
    "gbv": "gbv",
    "child_protection": "child_protection",
    "psea": "protection_cm",
    "misconduct_fraud": "protection_cm",
    "detention_missing": "legal_hlp",
    "explosive_hazard": "mine_action",
    "health_mhpss": "mhpss",
    "hlp_eviction": "legal_hlp",
    "civil_documentation": "civil_documentation",
    "shelter": "shelter",
    "basic_services": "municipal_services",
    "livelihoods_cash": "livelihoods_cash",
    "social_cohesion": "protection_cm",
}

CONSENT_METHODS = {
    "verbal_phone": _l("Verbal, by phone"),
    "written": _l("Written"),
    "in_person": _l("In person"),
}

# pending → accepted | declined → completed; revoked by the helpline while still open.
REFERRAL_STATUSES = ("pending", "accepted", "declined", "completed", "revoked")
REFERRAL_TRANSITIONS = {
    "pending": {"accepted", "declined", "revoked"},
    "accepted": {"completed", "revoked"},
    "declined": set(),
    "completed": set(),
    "revoked": set(),
}
OPEN_REFERRAL_STATUSES = ("pending", "accepted")

STATUS_LABELS = {
    "pending": _l("Pending"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "completed": _l("Completed"),
    "revoked": _l("Revoked"),
}

# Roles that may refer a case they can see (focal roles: their restricted cases).
REFERRING_ROLES = frozenset({"protection", "supervisor", "gbv_focal", "psea_focal", "cp_focal"})

# Iraqi governorates (spelling as stored on cases and households).
GOVERNORATES = (
    "Anbar", "Babylon", "Baghdad", "Basra", "Dahuk", "Diyala", "Erbil", "Halabja", "Karbala",
    "Kirkuk", "Maysan", "Muthanna", "Najaf", "Ninewa", "Qadisiyah", "Salah al-Din",
    "Sulaymaniyah", "Dhi Qar", "Wasit",
)


def can_transition(current, target):
    return target in REFERRAL_TRANSITIONS.get(current, set())
