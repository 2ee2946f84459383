"""The staff queue: views (Mine, Unassigned, Urgent/Overdue, All I may see) as small classes,
filters and search — every query through permissions.visible_cases_condition(user).

Order: urgency first (critical, then untriaged, high, normal, low — see sla.QUEUE_RANK),
then due time, then id; on open cases that is a walk of ix_cases_open_queue.
"""
from dataclasses import dataclass, fields
from datetime import timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from helpline.cases.models import Case
from helpline.cases.permissions import visible_cases_condition
from helpline.cases.references import normalise_reference
from helpline.cases.sla import queue_rank
from helpline.cases.status import OPEN_STATUSES, STATUSES
from helpline.contacts.models import Contact
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.db import utcnow
from helpline.extensions import db

PAGE_SIZE = 50
URGENT_RANK_MAX = queue_rank("high")  # critical, untriaged and high count as urgent
STAFF_CHANNELS = ("help_desk", "complaint_box", "walk_in", "phone_call")
CHANNELS = ("sms", "whatsapp", "voice") + STAFF_CHANNELS


class QueueView:
    key = "all"
    open_only = True

    def condition(self, user, now):
        return None


class AllView(QueueView):
    key = "all"


class MineView(QueueView):
    key = "mine"

    def condition(self, user, now):
        return Case.assignee_id == user.id


class UnassignedView(QueueView):
    key = "unassigned"

    def condition(self, user, now):
        return Case.assignee_id.is_(None)


class UrgentView(QueueView):
    key = "urgent"

    def condition(self, user, now):
        return or_(Case.urgency_rank <= URGENT_RANK_MAX, Case.due_at < now)


VIEWS = {v.key: v() for v in (MineView, UnassignedView, UrgentView, AllView)}
VIEW_ORDER = ("mine", "unassigned", "urgent", "all")


@dataclass
class QueueFilters:
    category: str | None = None
    urgency: str | None = None
    status: str | None = None
    language: str | None = None
    governorate: str | None = None
    channel: str | None = None
    overdue: bool = False
    q: str | None = None

    @classmethod
    def from_args(cls, args):
        values = {f.name: (args.get(f.name) or "").strip() or None for f in fields(cls)}
        values["overdue"] = values["overdue"] in ("1", "on", "true", "yes")
        return cls(**values)

    def active(self):
        return {k: v for k, v in self.__dict__.items() if v}


def _filter_conditions(filters, now):
    conds = []
    if filters.category:
        # The primary category: it follows the most urgent message, and equality keeps the
        # filter on ix_cases_open_category (secondary categories show on the case page).
        conds.append(Case.category == filters.category)
    if filters.urgency:
        conds.append(Case.urgency.is_(None) if filters.urgency == "untriaged"
                     else Case.urgency == filters.urgency)
    if filters.status:
        conds.append(Case.status == filters.status)
    if filters.language:
        conds.append(Case.language == filters.language)
    if filters.governorate:
        conds.append(Case.governorate == canonical_governorate(filters.governorate))
    if filters.channel:
        conds.append(Case.channel == filters.channel)
    if filters.overdue:
        conds.append(and_(Case.due_at < now, Case.first_response_at.is_(None)))
    return conds


def search_condition(text):
    """A reference or a phone number; None when the text is neither."""
    reference = normalise_reference(text)
    if reference:
        return Case.reference == reference
    try:
        phone = to_e164(text)
    except InvalidPhone:
        return None
    return Case.contact_id.in_(select(Contact.id).where(Contact.phone == phone))


def queue_statement(user, view="all", filters=None, now=None):
    """SELECT of the cases in a view for this user, in queue order (unpaged)."""
    now = now or utcnow()
    filters = filters or QueueFilters()
    view_obj = VIEWS.get(view, VIEWS["all"])
    conds = [visible_cases_condition(user)]
    searching = bool(filters.q)
    if searching:
        cond = search_condition(filters.q)
        conds.append(cond if cond is not None else Case.id.is_(None))
    # A search or an explicit status finds closed cases too; the views show open work.
    if filters.status:
        pass
    elif not searching:
        conds.append(Case.status.in_(OPEN_STATUSES))
    view_cond = view_obj.condition(user, now)
    if view_cond is not None:
        conds.append(view_cond)
    conds.extend(_filter_conditions(filters, now))
    return select(Case).where(*conds)


def queue_page(user, view="all", filters=None, page=1, now=None, page_size=PAGE_SIZE):
    """(cases, has_next) for one page of the queue."""
    page = max(1, int(page or 1))
    statement = (queue_statement(user, view, filters, now)
                 .options(selectinload(Case.contact), selectinload(Case.assignee))
                 .order_by(Case.urgency_rank, Case.due_at.asc().nulls_last(), Case.id)
                 .offset((page - 1) * page_size).limit(page_size + 1))
    rows = db.session.scalars(statement).all()
    return rows[:page_size], len(rows) > page_size


COUNT_CAP = 1000


def view_counts(user, now=None):
    """Open cases per view, counted through the same permission condition. Counting stops at
    COUNT_CAP ("1000+"): past that the exact number does not change what anyone does next,
    and a bounded count keeps the queue page fast on a million cases."""
    now = now or utcnow()
    counts = {}
    for key in VIEW_ORDER:
        statement = queue_statement(user, key, QueueFilters(), now)
        capped = statement.with_only_columns(Case.id).limit(COUNT_CAP).subquery()
        counts[key] = db.session.scalar(select(func.count()).select_from(capped))
    return counts


def due_state(case, now=None):
    """('overdue', hours) | ('due', hours) | (None, None) for display."""
    now = now or utcnow()
    if case.due_at is None or case.status not in OPEN_STATUSES or case.first_response_at:
        return None, None
    delta = case.due_at - now
    hours = abs(delta) / timedelta(hours=1)
    return ("overdue" if delta < timedelta(0) else "due"), hours


def governorates():
    from helpline.referrals.constants import GOVERNORATES
    return GOVERNORATES


def canonical_governorate(name):
    """The stored spelling of a governorate typed in any case ('ninewa' → 'Ninewa')."""
    name = (name or "").strip()
    for known in governorates():
        if known.lower() == name.lower():
            return known
    return name or None


def valid_filter_values():
    from helpline.i18n import LANGUAGES
    from helpline.triage import CATEGORIES, URGENCIES
    return {"category": CATEGORIES, "urgency": URGENCIES + ("untriaged",), "status": STATUSES,
            "language": LANGUAGES, "channel": CHANNELS, "governorate": governorates()}


