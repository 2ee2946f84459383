"""Inbound SMS/WhatsApp: store once, attach to a contact and a case, answer in their language."""
from dataclasses import dataclass

from sqlalchemy import select

from helpline.cases.services import attach_or_open_case
from helpline.channels.models import ChannelEvent, Message
from helpline.channels.sms import replies
from helpline.channels.sms.routing import route_reply
from helpline.channels.twiml import message_reply
from helpline.contacts.optout import keyword_of
from helpline.contacts.services import find_or_create_contact, opt_in, opt_out
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
    event = ChannelEvent(event_key=f"sms:{inbound.sid}", kind="sms_inbound",
                         payload={k: form.get(k) for k in RAW_FIELDS if form.get(k) is not None})
    db.session.add(event)
    # Flushing first makes a concurrent retry wait here, then fail on the unique key.
    db.session.flush()

    detected = detect_language(inbound.body) if inbound.body.strip() else None
    contact, _ = find_or_create_contact(inbound.phone, language=detected, channel=inbound.channel)
    contact.preferred_channel = inbound.channel
    if contact.language is None and detected:
        contact.language = detected
    language = contact.language or "en"

    message = Message(direction="in", channel=inbound.channel, body=inbound.body,
                      contact_id=contact.id, language=detected or language,
                      provider_sid=inbound.sid, created_at=now)
    keyword = keyword_of(inbound.body)
    if keyword:
        # Opt-out and opt-in come before anything else and open no case.
        (opt_out(contact, now) if keyword == "stop" else opt_in(contact))
        message.processing_state = "done"
        db.session.add(message)
        text = (replies.opt_out_confirmation(language) if keyword == "stop"
                else replies.opt_in_confirmation(language))
        _record_reply(contact, None, inbound.channel, text, language, "optout_confirm", now)
        event.response_body = message_reply(text)
        db.session.flush()
        return IntakeResult(event.response_body, message.id, needs_processing=False)

    routed = route_reply(contact, message, now)
    if routed is not None:
        message.case_id = getattr(routed.case, "id", None)
        message.processing_state = "received" if routed.needs_triage and routed.case else "done"
        db.session.add(message)
        if routed.reply_text:
            _record_reply(contact, routed.case, inbound.channel, routed.reply_text, language,
                          "reply_ack", now)
        event.response_body = message_reply(routed.reply_text)
        db.session.flush()
        return IntakeResult(event.response_body, message.id,
                            needs_processing=message.processing_state == "received",
                            case_reference=getattr(routed.case, "reference", None))

    case, _ = attach_or_open_case(contact, inbound.channel, language, now=now)
    message.case_id = case.id
    message.processing_state = "received"
    db.session.add(message)
    critical = evaluate(inbound.body, lang_hint=language).urgency == "critical"
    text = replies.acknowledgement(language, case.reference, critical=critical)
    _record_reply(contact, case, inbound.channel, text, language, "ack", now)
    event.response_body = message_reply(text)
    db.session.flush()
    return IntakeResult(event.response_body, message.id, needs_processing=True,
                        case_reference=case.reference)


def _record_reply(contact, case, channel, text, language, purpose, now):
    """A reply given in the webhook's TwiML is part of the conversation too."""
    db.session.add(Message(direction="out", channel=channel, body=text, language=language,
                           contact_id=contact.id, case_id=getattr(case, "id", None),
                           to_phone=contact.phone, purpose=purpose, delivery_status="sent",
                           created_at=now, sent_at=now))
