"""Staff-facing names of check-in codes (translated)."""
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "scheduled": _l("scheduled"), "sending": _l("sending"), "awaiting": _l("waiting for answer"),
    "in_progress": _l("partly answered"), "answered": _l("answered"), "partial": _l("partial"),
    "unreachable": _l("unreachable"), "missed": _l("missed"), "opted_out": _l("opted out"),
}
QUESTION_LABELS = {
    "wellbeing": _l("How is your family"), "main_problem": _l("Main problem"),
    "plan_to_stay": _l("Plans to stay"),
}
ANSWER_LABELS = {
    "fine": _l("fine"), "problem": _l("a problem"), "urgent_help": _l("needs urgent help"),
    "safety": _l("safety"), "housing": _l("housing"), "water_electricity": _l("water/electricity"),
    "work_money": _l("work/money"), "documents": _l("documents"), "health": _l("health"),
    "other": _l("other"), "yes": _l("yes"), "no": _l("no"), "not_sure": _l("not sure"),
    "free_text": _l("own words"),
}
MOVEMENT_LABELS = {"return": _l("return"), "relocation": _l("relocation"),
                   "local_integration": _l("local integration")}
FLAG_LABELS = {
    "female_headed": _l("female-headed"), "elderly_headed": _l("elderly-headed"),
    "child_headed": _l("child-headed"), "disability": _l("disability"),
    "chronic_illness": _l("chronic illness"), "pregnant_lactating": _l("pregnant or lactating"),
    "large_family": _l("large family"), "other": _l("other"),
}
CHANNEL_LABELS = {"sms": _l("SMS"), "voice": _l("voice call")}
FIELD_LABELS = {
    "phone": _l("Phone"), "alternate_phone": _l("Alternate phone"), "language": _l("Language"),
    "arrival_date": _l("Arrival date"), "movement_type": _l("Movement"),
    "preferred_channel": _l("Check-ins by"), "governorate": _l("Governorate"),
    "district": _l("District"), "subdistrict": _l("Sub-district"), "village": _l("Village"),
    "origin_governorate": _l("Origin governorate"), "origin_district": _l("Origin district"),
    "origin_subdistrict": _l("Origin sub-district"), "origin_village": _l("Origin village"),
    "household_size": _l("Household size"), "vulnerability_flags": _l("Vulnerabilities"),
    "consent_followup": _l("Consent to follow-up contact"),
    "registration_source": _l("Registration source"), "plan": _l("Plan"),
}


def checkin_label(kind, code):
    table = {"status": STATUS_LABELS, "question": QUESTION_LABELS, "answer": ANSWER_LABELS,
             "movement": MOVEMENT_LABELS, "flag": FLAG_LABELS, "channel": CHANNEL_LABELS,
             "field": FIELD_LABELS}[kind]
    return table.get(code, code or "—")
