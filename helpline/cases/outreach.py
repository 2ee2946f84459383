"""Messages staff send to the person on a case. Queue here; the caller commits, then enqueues
`send_message` for every id returned (side effects only after commit)."""
import re
from helpline.cases import contact_texts
from helpline.cases.errors import CaseActionError
from helpline.cases.services import record_event
from helpline.channels.outbound import queue_message
from helpline.db import utcnow
from helpline.i18n import sms_parts

MAX_PARTS = 4  # free text: a long reply is allowed but costs; the page shows the count
# A number to call back: digits with an optional leading + (short codes such as 104 too).
CALLBACK_NUMBER = re.compile(r"^\+?[0-9]{3,15}$")
# Stands in for the number in previews when none is configured (same length as +9647XXXXXXXXX).
NUMBER_PLACEHOLDER = "+964 … … …"


def person_language(case):
    contact = case.contact
    return (contact.language if contact and contact.language else case.language) or "en"


def can_message(case):
    """(True, None) or (False, why) — why is 'no_phone' or 'opted_out'."""
    contact = case.contact
    if contact is None or not contact.phone:
        return False, "no_phone"
    if contact.opted_out:
        return False, "opted_out"
    return True, None


def reply_options(case):
    """Template previews in the person's language, with their SMS part counts."""
    language = person_language(case)
    options = []
    configured = contact_texts.callback_number()
    for key in contact_texts.REPLY_TEMPLATES:
        needs_number = key == "call_us_back"
        text = contact_texts.reply_text(key, language, case.reference,
                                        number=None if configured else NUMBER_PLACEHOLDER)
        if text:
            parts = sms_parts(text if configured or not needs_number
                              else text.replace(NUMBER_PLACEHOLDER, "+9647800000000"))
            options.append({"key": key, "text": text, "parts": parts,
                            "needs_number": needs_number, "number": configured})
    return options


def clean_callback_number(raw):
    number = "".join((raw or "").split()).replace("-", "")
    number = number.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    if not CALLBACK_NUMBER.match(number):
        raise CaseActionError("invalid_callback_number", "the number to call back is not valid")
    return number


def send_reply(case, actor, template=None, text=None, number=None, now=None):
    """Queue a reply. Refused for opted-out contacts: a staff reply is unsolicited."""
    now = now or utcnow()
    allowed, why = can_message(case)
    if not allowed:
        raise CaseActionError(why, "the person opted out of messages" if why == "opted_out"
                              else "this case has no phone number to reply to")
    if template == "call_us_back" and (number or not contact_texts.callback_number()):
        number = clean_callback_number(number)
    if template and template != "free":
        body = contact_texts.reply_text(template, person_language(case), case.reference,
                                        number=number or None)
        if body is None:
            raise CaseActionError("unknown_template", f"unknown reply template {template!r}")
    else:
        body = (text or "").strip()
        if not body:
            raise CaseActionError("reply_empty", "a reply needs some text")
    parts = sms_parts(body)
    if parts > MAX_PARTS:
        raise CaseActionError("reply_too_long", f"a reply has at most {MAX_PARTS} SMS parts",
                              parts=parts)
    message = queue_message(body, contact=case.contact, case=case, purpose="reply", author=actor,
                            language=person_language(case))
    if case.first_response_at is None:
        case.first_response_at = now
    record_event(case, "reply_queued", actor=actor, message_id=message.id,
                 template=template or "free", parts=parts)
    return message


def send_outcome(case, actor, ask_satisfaction=False, now=None):
    """After resolving: tell the person (closing the loop), optionally ask how satisfied they
    are. Returns the message ids to enqueue; nothing is sent to opted-out contacts."""
    now = now or utcnow()
    allowed, why = can_message(case)
    if not allowed:
        record_event(case, "outcome_not_sent", actor=actor, why=why)
        return []
    language = person_language(case)
    ids = [queue_message(contact_texts.outcome_message(language, case.reference),
                         contact=case.contact, case=case, purpose="outcome", author=actor,
                         language=language).id]
    record_event(case, "outcome_sent", actor=actor, message_id=ids[0])
    if ask_satisfaction:
        question = queue_message(contact_texts.satisfaction_question(language, case.reference),
                                 contact=case.contact, case=case, purpose="satisfaction",
                                 author=actor, language=language)
        case.satisfaction_asked_at = now
        case.satisfaction_score = None
        case.satisfaction_answered_at = None
        ids.append(question.id)
        record_event(case, "satisfaction_asked", actor=actor, message_id=question.id)
    return ids
