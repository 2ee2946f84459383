"""Apply a triage result to a case: categories, urgency (only upwards), restriction, deadline."""
from flask import current_app

from helpline.cases.services import raise_urgency, record_event
from helpline.cases.sla import rank_of
from helpline.channels.outbound import queue_message
from helpline.channels.sms.replies import staff_alert
from helpline.triage import RESTRICTED_CATEGORIES


def merge_categories(existing, result):
    """Union of categories; the primary follows the most urgent message."""
    merged = [c for c in (existing or []) if c != "other"]
    for code in result.categories:
        if code not in merged and not (code == "other" and merged):
            merged.append(code)
    return merged or ["other"]


def restrict_case(case):
    """Once restricted, always restricted: a later benign message must not expose it."""
    roles = {RESTRICTED_CATEGORIES[c] for c in case.categories if c in RESTRICTED_CATEGORIES}
    roles |= {r for r in (case.restricted_to or "").split(",") if r}
    if roles:
        case.is_restricted = True
        case.restricted_to = "," + ",".join(sorted(roles)) + ","


def apply_triage(case, result, message=None):
    """Returns the staff alerts queued (message ids), to be enqueued after commit."""
    was_critical = case.urgency == "critical"
    more_urgent = rank_of(result.urgency) < rank_of(case.urgency)
    case.categories = merge_categories(case.categories, result)
    if case.category is None or case.category == "other" or more_urgent:
        case.category = result.category if result.category != "other" or not case.category \
            else case.category
    restrict_case(case)
    raise_urgency(case, result.urgency)
    case.triage_evidence = (case.triage_evidence or []) + [
        {"message_id": getattr(message, "id", None), **e} for e in result.evidence][-50:]
    case.triage_confidence = result.confidence
    if case.status == "new":
        case.status = "open"
    record_event(case, "triaged", category=result.category, categories=result.categories,
                 urgency=result.urgency, message_id=getattr(message, "id", None))
    if case.urgency == "critical" and not was_critical:
        return alert_on_duty(case)
    return []


def alert_on_duty(case):
    phones = [p.strip() for p in current_app.config.get("ONDUTY_ALERT_PHONES", "").split(",")
              if p.strip()]
    alerts = [queue_message(staff_alert(case.reference, case.urgency), to_phone=phone,
                            purpose="staff_alert", channel="sms", language="en")
              for phone in phones]
    if alerts:
        record_event(case, "staff_alerted", count=len(alerts))
    return [m.id for m in alerts]
