"""Outbound gateways behind one small interface, chosen by configuration.

Only this package talks to Twilio; a local operator or aggregator gateway is
another class here with the same two methods.
"""
import uuid
from dataclasses import dataclass

from flask import current_app

from helpline.extensions import db


@dataclass(frozen=True)
class SendResult:
    sid: str
    status: str


class GatewayError(Exception):
    def __init__(self, message, code=None, retryable=True):
        super().__init__(message)
        self.code = code
        self.retryable = retryable


class OutboxGateway:
    """Writes to the local outbox table; the phone simulator reads it."""

    name = "outbox"

    def send_sms(self, to, body, channel="sms"):
        from helpline.channels.models import OutboxEntry
        sid = "SMLOCAL" + uuid.uuid4().hex[:25]
        address = f"whatsapp:{to}" if channel == "whatsapp" else to
        db.session.add(OutboxEntry(sid=sid, kind="sms", to=address, body=body))
        db.session.flush()
        return SendResult(sid=sid, status="delivered")

    def place_call(self, to, url, status_callback=None):
        from helpline.channels.models import OutboxEntry
        sid = "CALOCAL" + uuid.uuid4().hex[:25]
        db.session.add(OutboxEntry(sid=sid, kind="call", to=to, body="",
                                   detail={"url": url, "status_callback": status_callback}))
        db.session.flush()
        return SendResult(sid=sid, status="queued")


class TwilioGateway:
    name = "twilio"

    def __init__(self, config):
        from twilio.rest import Client
        self.client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"])
        self.from_number = config.get("TWILIO_FROM")
        self.messaging_service_sid = config.get("TWILIO_MESSAGING_SERVICE_SID")
        self.base_url = (config.get("PUBLIC_BASE_URL") or "").rstrip("/")

    def send_sms(self, to, body, channel="sms"):
        from twilio.base.exceptions import TwilioRestException
        kwargs = {"to": f"whatsapp:{to}" if channel == "whatsapp" else to, "body": body,
                  "status_callback": f"{self.base_url}/twilio/sms/status"}
        if self.messaging_service_sid and channel != "whatsapp":
            kwargs["messaging_service_sid"] = self.messaging_service_sid
        else:
            kwargs["from_"] = (f"whatsapp:{self.from_number}" if channel == "whatsapp"
                               else self.from_number)
        try:
            msg = self.client.messages.create(**kwargs)
        except TwilioRestException as exc:
            # 4xx from Twilio (bad number, opted out) will not get better by retrying.
            raise GatewayError(str(exc.msg), code=str(exc.code),
                               retryable=exc.status >= 500) from exc
        return SendResult(sid=msg.sid, status=msg.status or "queued")

    def place_call(self, to, url, status_callback=None):
        from twilio.base.exceptions import TwilioRestException
        try:
            call = self.client.calls.create(
                to=to, from_=self.from_number, url=url, status_callback=status_callback,
                status_callback_event=["initiated", "ringing", "answered", "completed"],
                machine_detection="Enable")
        except TwilioRestException as exc:
            raise GatewayError(str(exc.msg), code=str(exc.code),
                               retryable=exc.status >= 500) from exc
        return SendResult(sid=call.sid, status=call.status or "queued")


_FACTORIES = {"outbox": lambda config: OutboxGateway(), "twilio": TwilioGateway}


def get_gateway():
    ext = current_app.extensions
    if "gateway" not in ext:
        ext["gateway"] = _FACTORIES[current_app.config["TWILIO_GATEWAY"]](current_app.config)
    return ext["gateway"]
