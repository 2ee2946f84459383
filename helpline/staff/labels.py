"""Translated labels for codes shown on staff pages, and texts for case action errors."""
from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "safety_threat": _l("Safety threat"),
    "gbv": _l("Gender-based violence"),
    "child_protection": _l("Child protection"),
    "psea": _l("Sexual exploitation and abuse (PSEA)"),
    "misconduct_fraud": _l("Misconduct or fraud"),
    "detention_missing": _l("Detention or missing person"),
    "explosive_hazard": _l("Explosive hazard"),
    "health_mhpss": _l("Health and mental health"),
    "hlp_eviction": _l("Housing, land, property or eviction"),
    "civil_documentation": _l("Civil documentation"),
    "shelter": _l("Shelter"),
    "basic_services": _l("Basic services"),
    "livelihoods_cash": _l("Livelihoods and cash"),
    "social_cohesion": _l("Social cohesion"),
    "information_request": _l("Information request"),
    "positive_feedback": _l("Positive feedback"),
    "other": _l("Other"),
}
URGENCY_LABELS = {"critical": _l("Critical"), "high": _l("High"), "normal": _l("Normal"),
                  "low": _l("Low"), "untriaged": _l("Not triaged yet")}
STATUS_LABELS = {"new": _l("New"), "open": _l("Open"), "assigned": _l("Assigned"),
                 "referred": _l("Referred"), "resolved": _l("Resolved"), "closed": _l("Closed"),
                 "reopened": _l("Reopened")}
CHANNEL_LABELS = {"sms": _l("SMS"), "whatsapp": _l("WhatsApp"), "voice": _l("Voice call"),
                  "help_desk": _l("Help desk"), "complaint_box": _l("Complaint box"),
                  "walk_in": _l("Walk-in"), "phone_call": _l("Phone call to an operator")}
ROLE_LABELS = {"admin": _l("Administrator"), "supervisor": _l("Supervisor"),
               "operator": _l("Operator"), "protection": _l("Protection officer"),
               "gbv_focal": _l("GBV focal point"), "psea_focal": _l("PSEA focal point"),
               "cp_focal": _l("Child protection focal point"), "partner": _l("Partner organisation")}
VIEW_LABELS = {"mine": _l("Mine"), "unassigned": _l("Unassigned"),
               "urgent": _l("Urgent / overdue"), "all": _l("All I may see")}
REPLY_LABELS = {"tried_to_call": _l("We tried to call you"),
                "call_us_back": _l("Please call us back"),
                "referred": _l("Your case has been referred"),
                "more_info": _l("Please send more details"),
                "free": _l("Free text")}
DELIVERY_LABELS = {"pending": _l("waiting to be sent"), "accepted": _l("accepted"),
                   "scheduled": _l("scheduled"), "queued": _l("queued"), "sending": _l("sending"),
                   "sent": _l("sent"), "delivered": _l("delivered"), "read": _l("read"),
                   "failed": _l("failed"), "undelivered": _l("not delivered"),
                   "suppressed": _l("not sent: opted out")}
EVENT_LABELS = {
    "opened": _l("Case opened"), "triaged": _l("Triaged"),
    "urgency_changed": _l("Urgency changed"), "urgency_lowered": _l("Urgency lowered"),
    "status_changed": _l("Status changed"), "assigned": _l("Assignment changed"),
    "note_added": _l("Note added"), "reply_queued": _l("Reply sent"),
    "triage_corrected": _l("Triage corrected"), "restriction_lifted": _l("Restriction lifted"),
    "outcome_sent": _l("Outcome sent to the person"),
    "outcome_not_sent": _l("Outcome not sent (no phone or opted out)"),
    "satisfaction_asked": _l("Satisfaction question sent"),
    "satisfaction_answered": _l("Satisfaction answer received"),
    "staff_alerted": _l("On-duty staff alerted"), "entered_by_staff": _l("Entered by staff"),
}
ERROR_TEXTS = {
    "assign_forbidden": _l("Only supervisors and admins can assign cases to other people."),
    "assignee_cannot_see": _l("That person is not allowed to see this case."),
    "already_assigned": _l("This case is already assigned to someone else."),
    "note_empty": _l("Write something in the note first."),
    "note_too_long": _l("The note is too long."),
    "unknown_status": _l("Unknown status."),
    "same_status": _l("The case already has this status."),
    "outcome_required": _l("To resolve a case, write the outcome."),
    "outcome_too_long": _l("The outcome text is too long."),
    "reason_required": _l("Give a reason."),
    "reason_too_long": _l("The reason is too long."),
    "invalid_transition": _l("This status change is not allowed: a case that is %(current)s "
                             "cannot become %(status)s."),
    "opted_out": _l("This person opted out of messages: nothing was sent."),
    "no_phone": _l("This case has no phone number, so no message can be sent."),
    "unknown_template": _l("Unknown reply template."),
    "reply_empty": _l("Write the reply first."),
    "reply_too_long": _l("The reply is too long (%(parts)s SMS parts)."),
    "unknown_category": _l("Unknown category."),
    "unknown_urgency": _l("Unknown urgency."),
    "nothing_changed": _l("The correction changes nothing."),
    "unknown_channel": _l("Choose how the complaint was received."),
    "text_required": _l("The complaint text is required."),
    "text_too_long": _l("The complaint text is too long."),
    "location_too_long": _l("A location field is too long."),
    "invalid_phone": _l("This is not a valid phone number."),
    "invalid_callback_number": _l("Write the number to call back (digits, optionally starting with +)."),
}


def error_text(exc):
    """The translated text for a CaseActionError (status codes shown with their labels)."""
    template = ERROR_TEXTS.get(exc.code)
    if template is None:
        return exc.reason
    params = dict(exc.params)
    for key in ("current", "status"):
        if key in params:
            params[key] = STATUS_LABELS.get(params[key], params[key])
    return str(template) % params if params and "%(" in str(template) else str(template)
