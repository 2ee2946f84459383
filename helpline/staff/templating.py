"""Helpers available in staff templates: labels, due-time wording, roles."""
from flask_babel import format_datetime, gettext as _, ngettext

from helpline.cases.queue import due_state
from helpline.staff import labels


def label(kind, code):
    table = {"category": labels.CATEGORY_LABELS, "urgency": labels.URGENCY_LABELS,
             "status": labels.STATUS_LABELS, "channel": labels.CHANNEL_LABELS,
             "role": labels.ROLE_LABELS, "view": labels.VIEW_LABELS,
             "reply": labels.REPLY_LABELS, "event": labels.EVENT_LABELS,
             "delivery": labels.DELIVERY_LABELS}[kind]
    if code is None and kind == "urgency":
        code = "untriaged"
    return table.get(code, code or "—")


def _span(hours):
    if hours < 1:
        minutes = max(1, int(round(hours * 60)))
        return ngettext("%(num)d min", "%(num)d min", minutes)
    if hours < 48:
        whole = int(round(hours))
        return ngettext("%(num)d h", "%(num)d h", whole)
    days = int(round(hours / 24))
    return ngettext("%(num)d day", "%(num)d days", days)


def due_text(case, now=None):
    """'overdue by 3 h' / 'due in 5 h' (None when no deadline applies)."""
    state, hours = due_state(case, now)
    if state is None:
        return None
    if state == "overdue":
        return _("overdue by %(span)s", span=_span(hours))
    return _("due in %(span)s", span=_span(hours))


def event_change(event):
    """(before, after) of a timeline event, as translated labels where they are codes."""
    detail = event.detail or {}
    if "before" not in detail and "after" not in detail:
        return None
    kind = {"status_changed": "status", "urgency_changed": "urgency"}.get(event.kind)

    def show(value):
        if kind is None:
            return value or "—"
        return label(kind, value)
    return show(detail.get("before")), show(detail.get("after"))


def when(value):
    return format_datetime(value, "short") if value else ""


def template_helpers():
    return {"label": label, "due_text": due_text, "when": when,
            "due_state": due_state, "event_change": event_change}
