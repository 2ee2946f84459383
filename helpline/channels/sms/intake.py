"""Inbound SMS/WhatsApp: store once, attach to a contact and a case, answer in their language.

The hot path runs two SELECTs and one flush: the raw event, contact, case and
messages are inserted together, so a Twilio retry (or a race for a new contact
or reference) fails on a unique key at flush and the webhook answers from the
stored event or retries once.
"""
from dataclasses import dataclass

from sqlalchemy import select

from helpline.cases.services import build_case, find_recent_open_case
from helpline.channels.models import ChannelEvent, Message
from helpline.channels.sms import replies
from helpline.channels.sms.routing import route_reply
from helpline.channels.twiml import message_reply
from helpline.contacts.models import Contact
from helpline.contacts.optout import keyword_of
from helpline.contacts.services import find_contact, opt_in, opt_out
from helpline.db import utcnow
from helpline.extensions import db
from helpline.triage import detect_language, evaluate

# Raw fields kept from Twilio's form; the body and number live on the message and contact.
RAW_FIELDS = ("MessageSid", "AccountSid", "MessagingServiceSid", "To", "NumMedia",
              "NumSegments", "SmsStatus", "ApiVersion", "FromCountry", "FromCity", "ProfileName")


@dataclass(frozen=True)
class IntakeResult:
    reply_xml: str
    message_id: int | None
    needs_processing: bool
    case_reference: str | None = None


def stored_reply(sid):
    """The answer already given to this MessageSid (a Twilio retry), or None."""
    event = db.session.scalar(select(ChannelEvent).where(ChannelEvent.event_key == f"sms:{sid}"))
    if event is None:
        return None
    return IntakeResult(reply_xml=event.response_body or message_reply(None),
                        message_id=None, needs_processing=False)


def receive_sms(inbound, form, now=None):
    now = now or utcnow()
    detected = detect_language(inbound.body) if inbound.body.strip() else None
    contact = find_contact(inbound.phone)
    is_new_contact = contact is None
    if is_new_contact:
        contact = Contact(phone=inbound.phone, language=detected, preferred_channel=inbound.channel)
        db.session.add(contact)
    contact.preferred_channel = inbound.channel
    if contact.language is None and detected:
        contact.language = detected
    language = contact.language or "en"
    message = Message(direction="in", channel=inbound.channel, body=inbound.body,
                      contact=contact, language=detected or language,
                      provider_sid=inbound.sid, created_at=now)

    keyword = keyword_of(inbound.body)
    if keyword:
        # Opt-out and opt-in come before anything else and open no case.
        (opt_out(contact, now) if keyword == "stop" else opt_in(contact))
        message.processing_state = "done"
        text = (replies.opt_out_confirmation(language) if keyword == "stop"
                else replies.opt_in_confirmation(language))
        return _finish(inbound, form, contact, None, message, text, language, "optout_confirm", now)

    routed = None if is_new_contact else route_reply(contact, message, now)
    if routed is not None:
        message.case = routed.case
        message.processing_state = "received" if routed.needs_triage and routed.case else "done"
        return _finish(inbound, form, contact, routed.case, message, routed.reply_text, language,
                       "reply_ack", now)

    case = None if is_new_contact else find_recent_open_case(contact, now)
    if case is None:
        case = build_case(contact, inbound.channel, language, now=now)
    else:
        case.last_message_at = now
    message.case = case
    message.processing_state = "received"
    critical = evaluate(inbound.body, lang_hint=language).urgency == "critical"
    text = replies.acknowledgement(language, case.reference, critical=critical)
    return _finish(inbound, form, contact, case, message, text, language, "ack", now)


def _finish(inbound, form, contact, case, message, text, language, purpose, now):
    """Record the reply given in the TwiML answer and the raw event, then flush once."""
    # Added only now, so the look-ups before this never autoflush half a message.
    db.session.add(message)
    if text:
        db.session.add(Message(direction="out", channel=inbound.channel, body=text,
                               language=language, contact=contact, case=case,
                               to_phone=contact.phone, purpose=purpose, delivery_status="sent",
                               created_at=now, sent_at=now))
    reply_xml = message_reply(text)
    db.session.add(ChannelEvent(
        event_key=f"sms:{inbound.sid}", kind="sms_inbound", response_body=reply_xml,
        payload={k: form.get(k) for k in RAW_FIELDS if form.get(k) is not None}))
    db.session.flush()
    return IntakeResult(reply_xml, message.id,
                        needs_processing=message.processing_state == "received",
                        case_reference=getattr(case, "reference", None))
