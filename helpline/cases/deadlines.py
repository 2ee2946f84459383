"""Overdue cases: flag first-response breaches and alert the people who watch deadlines.

Alerts go by SMS to staff phones and carry a case reference only, never content. An
unrestricted case alerts supervisors; a restricted case alerts only the focal points of its
category (a supervisor without the focal role must not learn that the case exists).
"""
import logging
from datetime import datetime

from celery import shared_task
from sqlalchemy import select, update

from helpline.cases.models import Case
from helpline.cases.services import record_event
from helpline.cases.status import OPEN_STATUSES
from helpline.db import utcnow
from helpline.extensions import db
from helpline.locks import periodic_lock
# Alert texts live with the referral texts (gettext domain "referrals").
from helpline.referrals.alerts import overdue_case_text, overdue_digest_text

log = logging.getLogger(__name__)
BATCH = 500
# Above this many alerts for one person in one sweep, send one summary SMS instead.
DIGEST_OVER = 5


def alert_recipients(case):
    """Active staff with a phone who must hear about this case."""
    from helpline.staff.models import User, UserRole
    if case.is_restricted:
        roles = [r for r in (case.restricted_to or "").split(",") if r]
    else:
        roles = ["supervisor"]
    if not roles:
        return []
    return db.session.scalars(
        select(User).where(User.is_active_account.is_(True), User.phone.is_not(None),
                           User.phone != "",
                           User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(roles))))
        .order_by(User.id)).all()


def queue_staff_alerts(per_user_texts, digest):
    """per_user_texts: {user: [text…]}. Returns the outbound message ids (enqueue after commit)."""
    from helpline.channels.outbound import queue_message
    ids = []
    for user, texts in per_user_texts.items():
        language = user.language or "en"
        if len(texts) > DIGEST_OVER:
            texts = [digest(language, len(texts))]
        for text in texts:
            message = queue_message(text, to_phone=user.phone, purpose="staff_alert",
                                    channel="sms", language=language)
            ids.append(message.id)
    return ids


def flag_overdue(now=None, limit=BATCH):
    """Mark open cases past due without a first response as breached, once each.

    Returns the alert message ids to enqueue after the caller commits.
    """
    now = now or utcnow()
    candidates = db.session.scalars(
        select(Case.id).where(Case.status.in_(OPEN_STATUSES), Case.due_at < now,
                              Case.first_response_at.is_(None), Case.breached_at.is_(None))
        .order_by(Case.due_at).limit(limit)).all()
    per_user = {}
    flagged = 0
    for case_id in candidates:
        # Compare-and-set: a concurrent sweep (lock lost, second beat) cannot flag twice.
        claimed = db.session.execute(
            update(Case).where(Case.id == case_id, Case.breached_at.is_(None))
            .values(breached_at=now).execution_options(synchronize_session=False)).rowcount
        if not claimed:
            continue
        case = db.session.get(Case, case_id)
        db.session.refresh(case, ["breached_at"])
        flagged += 1
        recipients = alert_recipients(case)
        record_event(case, "sla_breached", due_at=case.due_at.isoformat(),
                     alerted=len(recipients))
        for user in recipients:
            per_user.setdefault(user, []).append(
                overdue_case_text(user.language or "en", case.reference))
    alerts = queue_staff_alerts(per_user, overdue_digest_text)
    log.info("overdue sweep: %s case(s) flagged, %s alert(s) queued", flagged, len(alerts))
    return flagged, alerts


def run_alert_sweep(lock_name, sweep, now_iso=None):
    """Run one locked sweep that returns (count, alert message ids); commit, then send."""
    from helpline.channels.tasks import send_message
    from helpline.tasks import enqueue
    now = datetime.fromisoformat(now_iso) if now_iso else utcnow()
    with periodic_lock(lock_name) as acquired:
        if not acquired:
            return None
        count, alerts = sweep(now)
        db.session.commit()
    for message_id in alerts:
        enqueue(send_message, message_id)
    return count


@shared_task(name="helpline.cases.tasks.flag_overdue_cases")
def flag_overdue_cases(now_iso=None):
    flagged = run_alert_sweep("flag_overdue_cases", flag_overdue, now_iso)
    return "locked" if flagged is None else f"{flagged} flagged"
