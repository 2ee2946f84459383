"""Validation of Twilio's inbound SMS/WhatsApp form (pure apart from the request object)."""
import re
from dataclasses import dataclass

from helpline.contacts.phones import InvalidPhone, parse_sender

SID_PATTERN = re.compile(r"^[A-Z]{2}[0-9A-Za-z]{16,62}$")


class MalformedRequest(ValueError):
    """The request cannot be a message; the reason is told to the caller."""


@dataclass(frozen=True)
class InboundSms:
    sid: str
    phone: str
    channel: str
    body: str
    to: str | None
    num_media: int


def parse_inbound_sms(form, max_body):
    sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
    if not sid:
        raise MalformedRequest("MessageSid is required")
    if not SID_PATTERN.match(sid):
        raise MalformedRequest("MessageSid is not a Twilio message id")
    raw_from = form.get("From")
    if not raw_from or not raw_from.strip():
        raise MalformedRequest("From is required")
    try:
        phone, channel = parse_sender(raw_from)
    except InvalidPhone as exc:
        raise MalformedRequest(f"From is not a phone number ({exc})") from None
    body = form.get("Body") or ""
    if "\ufffd" in body:
        raise MalformedRequest("Body is not valid UTF-8")
    # NUL carries no content and PostgreSQL text cannot hold it.
    body = body.replace("\x00", "")
    if len(body) > max_body:
        raise MalformedRequest(f"Body is longer than {max_body} characters")
    try:
        num_media = int(form.get("NumMedia") or 0)
    except ValueError:
        raise MalformedRequest("NumMedia is not a number") from None
    return InboundSms(sid=sid, phone=phone, channel=channel, body=body,
                      to=form.get("To"), num_media=num_media)
