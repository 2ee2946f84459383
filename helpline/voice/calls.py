"""Call records and the cases they feed (services: flush, never commit)."""
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.cases.models import Case
from helpline.cases.services import attach_or_open_case, open_case, raise_urgency, record_event
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.contacts.services import find_or_create_contact
from helpline.db import utcnow
from helpline.extensions import db
from helpline.i18n import normalise_language
from helpline.voice.models import VoiceCall

SID_PATTERN = re.compile(r"^[A-Z]{2}[0-9A-Za-z]{16,62}$")
# Urgency of the case each menu branch opens (the recording is not triaged: it has no text).
BRANCH_URGENCY = {"emergency": "critical", "complaint": "normal", "checkin": "normal",
                  "information": "low", "fallback": "normal"}
BRANCH_CATEGORY = {"information": "information_request"}


class MalformedCall(ValueError):
    """The request cannot belong to a call; the reason is told to the caller."""


@dataclass(frozen=True)
class CallParams:
    sid: str
    phone: str | None      # None: withheld or not a phone number
    status: str | None


def parse_call(form):
    sid = (form.get("CallSid") or "").strip()
    if not sid:
        raise MalformedCall("CallSid is required")
    if not SID_PATTERN.match(sid):
        raise MalformedCall("CallSid is not a Twilio call id")
    phone = None
    raw = (form.get("From") or "").strip()
    if raw:
        try:
            phone = to_e164(raw)
        except InvalidPhone:
            phone = None  # "anonymous", "restricted": the call still gets through
    return CallParams(sid=sid, phone=phone, status=(form.get("CallStatus") or None))


def find_call(sid):
    return db.session.scalar(select(VoiceCall).where(VoiceCall.call_sid == sid))


def start_inbound_call(params):
    """The call's row, created once whatever the number of retries. Returns (call, is_new)."""
    call = find_call(params.sid)
    if call is not None:
        return call, False
    contact = find_or_create_contact(params.phone)[0] if params.phone else None
    language = normalise_language(contact.language) if contact is not None else None
    call = VoiceCall(call_sid=params.sid, direction="in", purpose="ivr",
                     contact_id=getattr(contact, "id", None), language=language,
                     step="start", call_status=params.status)
    try:
        with db.session.begin_nested():
            db.session.add(call)
            db.session.flush()
    except IntegrityError:
        return find_call(params.sid), False
    return call, True


def remember_language(call, language):
    """The chosen language is the caller's language from now on (SMS replies too)."""
    call.language = language
    if call.contact is not None and call.contact.language is None:
        call.contact.language = language


def case_for_call(call, urgency=None, now=None):
    """The case this call feeds: the caller's open case, else a new voice case."""
    now = now or utcnow()
    language = call.language or "ar"
    if call.case_id is not None:
        case = db.session.get(Case, call.case_id)
        case.last_message_at = now
    elif call.contact is not None:
        case, _ = attach_or_open_case(call.contact, "voice", language, now=now)
    else:
        case = open_case(None, "voice", language, now=now)
    call.case_id = case.id
    call.case = case
    if urgency:
        raise_urgency(case, urgency, now=now)
    category = BRANCH_CATEGORY.get(call.branch)
    if category and not case.category:
        case.category = category
        case.categories = [category]
    return case


def request_callback(call, now=None):
    """A missed call or early hang-up: a callback request in the queue (once per call)."""
    if call.callback_requested or call.direction != "in":
        return None
    if call.contact is None and call.case_id is None:
        return None  # withheld number and nothing said: there is nobody to call back
    call.callback_requested = True
    urgency = "high" if call.branch == "emergency" else "normal"
    case = case_for_call(call, urgency=urgency, now=now)
    record_event(case, "callback_requested", channel="voice", call_sid=call.call_sid,
                 step=call.step, branch=call.branch)
    return case
