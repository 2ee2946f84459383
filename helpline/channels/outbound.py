"""Outbound messages: queue now, send from the worker after commit, track delivery."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.channels.models import DELIVERY_RANK, ChannelEvent, Message
from helpline.contacts.models import Contact
from helpline.contacts.services import opt_out
from helpline.db import utcnow
from helpline.extensions import db

# Purposes a person asked for by writing to us; everything else is unsolicited.
SOLICITED_PURPOSES = frozenset({"ack", "optout_confirm", "reply_ack"})
OPTED_OUT_ERROR = "21610"


def queue_message(body, contact=None, case=None, purpose="reply", author=None,
                  to_phone=None, channel=None, language=None):
    """Create an outbound message in 'pending'. The caller commits, then enqueues send_message."""
    message = Message(direction="out", body=body, purpose=purpose,
                      contact_id=getattr(contact, "id", None), case_id=getattr(case, "id", None),
                      to_phone=to_phone or getattr(contact, "phone", None),
                      channel=channel or getattr(contact, "preferred_channel", None) or "sms",
                      language=language or getattr(contact, "language", None),
                      author_id=getattr(author, "id", None), delivery_status="pending")
    db.session.add(message)
    db.session.flush()
    return message


def is_suppressed(message):
    if message.contact_id is None or message.purpose in SOLICITED_PURPOSES:
        return False
    contact = db.session.get(Contact, message.contact_id)
    return bool(contact and contact.opted_out)


def apply_status(message, status, error_code=None):
    """Move a message forward in delivery state; never back (callbacks come out of order)."""
    status = (status or "").lower()
    if status not in DELIVERY_RANK:
        return False
    if error_code and not message.error_code:
        message.error_code = str(error_code)
    if str(error_code or "") == OPTED_OUT_ERROR and message.contact_id:
        opt_out(db.session.get(Contact, message.contact_id))
    current = DELIVERY_RANK.get(message.delivery_status or "pending", 0)
    if DELIVERY_RANK[status] <= current:
        return False
    message.delivery_status = status
    return True


def record_status_callback(form):
    """Store a delivery receipt once and apply it. Unknown sids wait for the send to finish."""
    sid = form["MessageSid"]
    status = (form.get("MessageStatus") or form.get("SmsStatus") or "").lower()
    error_code = form.get("ErrorCode") or None
    key = f"sms_status:{sid}:{status}:{error_code or ''}"
    if db.session.scalar(select(ChannelEvent.id).where(ChannelEvent.event_key == key)):
        return "duplicate"
    message = db.session.scalar(select(Message).where(Message.provider_sid == sid))
    event = ChannelEvent(event_key=key, kind="sms_status", applied=message is not None,
                         payload={"MessageSid": sid, "MessageStatus": status,
                                  "ErrorCode": error_code})
    try:
        with db.session.begin_nested():
            db.session.add(event)
            db.session.flush()
    except IntegrityError:
        return "duplicate"
    if message is None:
        return "pending"
    apply_status(message, status, error_code)
    return "applied"


def apply_pending_statuses(message):
    """Receipts that arrived before we stored the provider sid."""
    events = db.session.scalars(select(ChannelEvent).where(
        ChannelEvent.kind == "sms_status", ChannelEvent.applied.is_(False),
        ChannelEvent.event_key.like(f"sms_status:{message.provider_sid}:%"))).all()
    for event in events:
        apply_status(message, event.payload.get("MessageStatus"), event.payload.get("ErrorCode"))
        event.applied = True


def mark_sent(message, result):
    message.provider_sid = result.sid
    message.sent_at = utcnow()
    apply_status(message, result.status)
    apply_pending_statuses(message)
