"""Worker tasks for sending and for messages whose processing never started."""
import logging
from datetime import timedelta

from celery import shared_task
from flask import current_app
from sqlalchemy import select

from helpline.channels.gateway import GatewayError, get_gateway
from helpline.channels.models import Message
from helpline.channels.outbound import is_suppressed, mark_sent
from helpline.db import utcnow
from helpline.extensions import db
from helpline.locks import periodic_lock

log = logging.getLogger(__name__)


@shared_task(bind=True, name="helpline.channels.tasks.send_message", max_retries=2)
def send_message(self, message_id):
    message = db.session.get(Message, int(message_id))
    if message is None or message.direction != "out" or message.provider_sid:
        return "nothing to send"
    if is_suppressed(message):
        message.delivery_status = "suppressed"
        db.session.commit()
        log.info("message %s suppressed: contact opted out", message.id)
        return "suppressed"
    message.send_attempts += 1
    try:
        result = get_gateway().send_sms(message.to_phone, message.body, channel=message.channel)
    except GatewayError as exc:
        message.error_code = exc.code
        if exc.code == "21610" and message.contact_id:
            from helpline.contacts.models import Contact
            from helpline.contacts.services import opt_out
            opt_out(db.session.get(Contact, message.contact_id))
        final = not exc.retryable or self.request.retries >= self.max_retries
        message.delivery_status = "failed" if final else message.delivery_status
        db.session.commit()
        log.warning("send of message %s failed (code %s, attempt %s)",
                    message.id, exc.code, message.send_attempts)
        if final:
            return "failed"
        raise self.retry(countdown=5 * 2 ** self.request.retries)
    mark_sent(message, result)
    db.session.commit()
    log.info("message %s sent as %s", message.id, result.sid)
    return "sent"


@shared_task(name="helpline.channels.tasks.requeue_stalled_messages")
def requeue_stalled_messages():
    """Inbound messages committed while the broker was down are enqueued again."""
    from helpline.cases.tasks import process_inbound_message
    from helpline.tasks import enqueue

    with periodic_lock("requeue-stalled-messages") as acquired:
        if not acquired:
            return 0
        cutoff = utcnow() - timedelta(minutes=current_app.config["STALLED_MESSAGE_MINUTES"])
        ids = db.session.scalars(select(Message.id).where(
            Message.direction == "in", Message.processing_state == "received",
            Message.created_at <= cutoff).order_by(Message.id).limit(500)).all()
        pending = db.session.scalars(select(Message.id).where(
            Message.direction == "out", Message.delivery_status == "pending",
            Message.created_at <= cutoff).order_by(Message.id).limit(500)).all()
        db.session.commit()
        for message_id in ids:
            enqueue(process_inbound_message, message_id)
        for message_id in pending:
            enqueue(send_message, message_id)
        return len(ids) + len(pending)
