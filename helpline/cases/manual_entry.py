"""Complaints entered by staff from help desks, complaint boxes, walk-ins and phone calls.

The text becomes an inbound message on a new case and goes through the same triage task as
an SMS (process_inbound_message), enqueued by the caller after commit."""
from helpline.cases import contact_texts
from helpline.cases.errors import CaseActionError
from helpline.cases.queue import STAFF_CHANNELS, canonical_governorate
from helpline.cases.services import open_case, record_event
from helpline.channels.models import Message
from helpline.channels.outbound import queue_message
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.contacts.services import find_or_create_contact
from helpline.db import utcnow
from helpline.extensions import db
from helpline.i18n import normalise_language
from helpline.triage import detect_language

MAX_TEXT_LENGTH = 5000
LOCATION_FIELDS = ("governorate", "district", "subdistrict", "village")
LOCATION_LIMITS = {"governorate": 64, "district": 64, "subdistrict": 64, "village": 120}


def enter_complaint(actor, channel, text, phone=None, language=None, send_reference=False,
                    now=None, **location):
    """Returns (case, inbound message, outbound ids to enqueue after commit)."""
    now = now or utcnow()
    if channel not in STAFF_CHANNELS:
        raise CaseActionError("unknown_channel", f"channel must be one of {', '.join(STAFF_CHANNELS)}")
    text = (text or "").strip()
    if not text:
        raise CaseActionError("text_required", "the complaint text is required")
    if len(text) > MAX_TEXT_LENGTH:
        raise CaseActionError("text_too_long", f"the text has at most {MAX_TEXT_LENGTH} characters")
    place = {}
    for name in LOCATION_FIELDS:
        value = (location.get(name) or "").strip() or None
        if value and len(value) > LOCATION_LIMITS[name]:
            raise CaseActionError("location_too_long", f"{name} is too long", field=name)
        place[name] = value
    place["governorate"] = canonical_governorate(place["governorate"])
    contact = None
    detected = detect_language(text)
    language = normalise_language(language) or detected or "en"
    if (phone or "").strip():
        try:
            e164 = to_e164(phone)
        except InvalidPhone:
            raise CaseActionError("invalid_phone", "not a valid phone number") from None
        contact, _ = find_or_create_contact(e164, language=language, channel="sms")
        if contact.language is None:
            contact.language = language
    case = open_case(contact, channel, language, actor=actor, now=now, **place)
    message = Message(direction="in", channel=channel, body=text, language=detected or language,
                      contact_id=getattr(contact, "id", None), case_id=case.id,
                      author_id=actor.id, processing_state="received", created_at=now)
    db.session.add(message)
    db.session.flush()
    record_event(case, "entered_by_staff", actor=actor, channel=channel, message_id=message.id)
    outbound = []
    if send_reference and contact is not None and not contact.opted_out:
        ack = queue_message(contact_texts.manual_acknowledgement(contact.language or language,
                                                                 case.reference),
                            contact=contact, case=case, purpose="ack", author=actor,
                            channel="sms")
        outbound.append(ack.id)
    return case, message, outbound
