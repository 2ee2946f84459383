"""Dashboard aggregates. Counts only: no row of a restricted case ever leaves these queries.

Scope: supervisors and admins see counts over all cases (restricted categories included as
counts, without drill-down unless they hold the focal role); focal points without a
supervisor/admin role see the counts of their own restricted categories only.
"""
from datetime import timedelta

from sqlalchemy import and_, func, or_, select

from helpline.cases.models import Case
from helpline.cases.permissions import focal_roles
from helpline.cases.status import OPEN_STATUSES
from helpline.db import utcnow
from helpline.extensions import db
from helpline.referrals.constants import OPEN_REFERRAL_STATUSES
from helpline.referrals.models import Partner, Referral
from helpline.triage import RESTRICTED_CATEGORIES

OVERVIEW_ROLES = frozenset({"supervisor", "admin"})
WEEKS = 8
COMPLIANCE_DAYS = 30


def scope_condition(user):
    """Which cases the user's dashboard counts."""
    if user.roles & OVERVIEW_ROLES:
        return None
    roles = sorted(focal_roles(user))
    if not roles:
        return Case.id.is_(None)  # nothing
    return and_(Case.is_restricted.is_(True),
                or_(*[Case.restricted_to.like(f"%,{r},%") for r in roles]))


def _scoped(stmt, user):
    condition = scope_condition(user)
    return stmt if condition is None else stmt.where(condition)


def drillable_categories(user, categories):
    """Categories whose cases this user may open (restricted ones need the focal role)."""
    own = focal_roles(user)
    return {c for c in categories
            if c not in RESTRICTED_CATEGORIES or RESTRICTED_CATEGORIES[c] in own}


def week_start(moment):
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def cases_per_category_per_week(user, now=None, weeks=WEEKS):
    """[(week_start, {category: count})], oldest first, one range query per week."""
    now = now or utcnow()
    first = week_start(now) - timedelta(weeks=weeks - 1)
    result = []
    for n in range(weeks):
        start, end = first + timedelta(weeks=n), first + timedelta(weeks=n + 1)
        rows = db.session.execute(_scoped(
            select(Case.category, func.count())
            .where(Case.created_at >= start, Case.created_at < end)
            .group_by(Case.category), user)).all()
        counts = {}
        for category, count in rows:
            counts[category or "other"] = counts.get(category or "other", 0) + count
        result.append((start, counts))
    return result


def cases_by_governorate(user, limit=20):
    rows = db.session.execute(_scoped(
        select(Case.governorate, func.count())
        .where(Case.status.in_(OPEN_STATUSES))
        .group_by(Case.governorate), user)).all()
    return sorted(((g or "", n) for g, n in rows), key=lambda r: (-r[1], r[0]))[:limit]


def deadline_compliance(user, now=None, days=COMPLIANCE_DAYS):
    """Per urgency over cases opened in the last `days`: answered on time, late, overdue.

    on_time: first response before the deadline; late: after it; overdue: still unanswered
    and past the deadline. Cases not yet due and unanswered are left out (not decided yet).
    """
    now = now or utcnow()
    since = now - timedelta(days=days)
    base = _scoped(select(Case.urgency, func.count()).where(
        Case.created_at >= since, Case.urgency.is_not(None), Case.due_at.is_not(None)), user)
    on_time = dict(db.session.execute(base.where(
        Case.first_response_at.is_not(None), Case.first_response_at <= Case.due_at)
        .group_by(Case.urgency)).all())
    late = dict(db.session.execute(base.where(
        Case.first_response_at.is_not(None), Case.first_response_at > Case.due_at)
        .group_by(Case.urgency)).all())
    overdue = dict(db.session.execute(base.where(
        Case.first_response_at.is_(None), Case.due_at < now).group_by(Case.urgency)).all())
    result = []
    for urgency in ("critical", "high", "normal", "low"):
        a, b, c = on_time.get(urgency, 0), late.get(urgency, 0), overdue.get(urgency, 0)
        decided = a + b + c
        result.append({"urgency": urgency, "on_time": a, "late": b, "overdue": c,
                       "rate": round(100.0 * a / decided, 1) if decided else None})
    return result


def open_referrals_by_partner(user):
    stmt = (select(Partner.name, Referral.status, func.count())
            .join(Referral, Referral.partner_id == Partner.id)
            .join(Case, Referral.case_id == Case.id)
            .where(Referral.status.in_(OPEN_REFERRAL_STATUSES))
            .group_by(Partner.name, Referral.status))
    rows = db.session.execute(_scoped(stmt, user)).all()
    by_partner = {}
    for name, status, count in rows:
        by_partner.setdefault(name, {"pending": 0, "accepted": 0})[status] = count
    return sorted(by_partner.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
