"""Worker tasks of the cases domain."""
import logging

from celery import shared_task
from sqlalchemy import update

from helpline.cases.models import Case
from helpline.cases.triage import apply_triage
from helpline.channels.models import Message
from helpline.db import utcnow
from helpline.extensions import db
from helpline.triage import evaluate

log = logging.getLogger(__name__)


@shared_task(name="helpline.cases.tasks.process_inbound_message")
def process_inbound_message(message_id):
    """Triage an inbound message into its case, once (the claim is a compare-and-set)."""
    from helpline.channels.tasks import send_message
    from helpline.tasks import enqueue

    claimed = db.session.execute(
        update(Message)
        .where(Message.id == int(message_id), Message.processing_state == "received")
        .values(processing_state="processing", processing_started_at=utcnow())
    ).rowcount
    db.session.commit()
    if not claimed:
        return "already processed"
    message = db.session.get(Message, int(message_id))
    case = db.session.get(Case, message.case_id) if message.case_id else None
    alerts = []
    if case is not None:
        result = evaluate(message.body, lang_hint=message.language)
        alerts = apply_triage(case, result, message)
    message.processing_state = "done"
    db.session.commit()
    log.info("message %s triaged into case %s", message.id, case.reference if case else None)
    for alert_id in alerts:
        enqueue(send_message, alert_id)
    return "done"
