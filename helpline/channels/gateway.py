"""Outbound gateways behind one small interface, chosen by configuration.

Only this package talks to Twilio; a local operator or aggregator gateway is
another class here with the same methods (send_sms, place_call, fetch_recording,
delete_recording).
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


class RecordingNotReady(GatewayError):
    """The provider has not finished processing the recording yet: try again later."""

    def __init__(self, message="recording not ready yet"):
        super().__init__(message, code="not_ready", retryable=True)


RECORDING_SID_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _recording_sid_of(url):
    sid = (url or "").rstrip("/").rsplit("/", 1)[-1].split(".")[0]
    if not sid.startswith("RE") or not set(sid) <= RECORDING_SID_CHARS or len(sid) > 64:
        raise GatewayError("not a recording URL", code="bad_url", retryable=False)
    return sid


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

    # The phone simulator leaves its "recordings" where Twilio would keep them.
    def _recording_file(self, sid):
        from pathlib import Path
        return Path(current_app.config["OUTBOX_RECORDINGS_DIR"]) / f"{sid}.wav"

    def fetch_recording(self, url):
        path = self._recording_file(_recording_sid_of(url))
        if not path.is_file():
            raise RecordingNotReady()
        return path.read_bytes(), "audio/wav"

    def delete_recording(self, sid):
        path = self._recording_file(_recording_sid_of(sid))
        if path.is_file():
            path.unlink()


class TwilioGateway:
    name = "twilio"

    def __init__(self, config):
        from twilio.rest import Client
        self.account_sid = config["TWILIO_ACCOUNT_SID"]
        self.auth_token = config["TWILIO_AUTH_TOKEN"]
        self.client = Client(self.account_sid, self.auth_token)
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

    def fetch_recording(self, url):
        """The MP3 of a recording. Twilio answers 404 for a short while after the callback."""
        import requests
        _recording_sid_of(url)
        if not url.startswith("https://api.twilio.com/"):
            raise GatewayError("recording URL is not on api.twilio.com", code="bad_url",
                               retryable=False)
        try:
            response = requests.get(url + ".mp3", auth=(self.account_sid, self.auth_token),
                                    timeout=(5, 30))
        except requests.RequestException as exc:
            raise GatewayError(f"recording download failed: {type(exc).__name__}") from exc
        if response.status_code == 404:
            raise RecordingNotReady()
        if response.status_code != 200:
            raise GatewayError(f"recording download answered {response.status_code}",
                               code=str(response.status_code),
                               retryable=response.status_code >= 500 or response.status_code == 429)
        return response.content, response.headers.get("Content-Type", "audio/mpeg")

    def delete_recording(self, sid):
        from twilio.base.exceptions import TwilioRestException
        try:
            self.client.recordings(_recording_sid_of(sid)).delete()
        except TwilioRestException as exc:
            if exc.status == 404:
                return  # already gone
            raise GatewayError(str(exc.msg), code=str(exc.code),
                               retryable=exc.status >= 500) from exc


_FACTORIES = {"outbox": lambda config: OutboxGateway(), "twilio": TwilioGateway}


def get_gateway():
    ext = current_app.extensions
    if "gateway" not in ext:
        ext["gateway"] = _FACTORIES[current_app.config["TWILIO_GATEWAY"]](current_app.config)
    return ext["gateway"]
