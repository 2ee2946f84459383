"""Partner response deadlines: escalate pending referrals past their deadline, once each."""
import logging

from celery import shared_task
from sqlalchemy import select, update

from helpline.audit import record_audit
from helpline.cases.deadlines import alert_recipients, queue_staff_alerts, run_alert_sweep
from helpline.cases.services import record_event
from helpline.db import utcnow
from helpline.extensions import db
from helpline.referrals.alerts import referral_digest_text, referral_overdue_text
from helpline.referrals.models import Referral

log = logging.getLogger(__name__)
BATCH = 500


def escalate_overdue(now=None, limit=BATCH):
    """Flag pending referrals past respond_by. Returns (count, alert message ids)."""
    now = now or utcnow()
    candidates = db.session.scalars(
        select(Referral.id).where(Referral.status == "pending", Referral.respond_by < now,
                                  Referral.escalated_at.is_(None))
        .order_by(Referral.respond_by).limit(limit)).all()
    per_user = {}
    escalated = 0
    for referral_id in candidates:
        claimed = db.session.execute(
            update(Referral).where(Referral.id == referral_id, Referral.escalated_at.is_(None),
                                   Referral.status == "pending")
            .values(escalated_at=now).execution_options(synchronize_session=False)).rowcount
        if not claimed:
            continue
        referral = db.session.get(Referral, referral_id)
        db.session.refresh(referral, ["escalated_at"])
        escalated += 1
        case = referral.case
        recipients = alert_recipients(case)
        record_event(case, "referral_overdue", referral_id=referral.id,
                     partner=referral.partner.name, alerted=len(recipients))
        record_audit("referral_escalate", None, "referral", str(referral.id),
                     case=case.reference, alerted=len(recipients))
        for user in recipients:
            per_user.setdefault(user, []).append(
                referral_overdue_text(user.language or "en", case.reference))
    alerts = queue_staff_alerts(per_user, referral_digest_text)
    log.info("referral sweep: %s escalated, %s alert(s) queued", escalated, len(alerts))
    return escalated, alerts


@shared_task(name="helpline.referrals.tasks.escalate_overdue_referrals")
def escalate_overdue_referrals(now_iso=None):
    escalated = run_alert_sweep("escalate_overdue_referrals", escalate_overdue, now_iso)
    return "locked" if escalated is None else f"{escalated} escalated"
