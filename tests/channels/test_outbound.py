"""Outbound sending, retries and delivery receipts."""
from sqlalchemy import select

from helpline.channels.gateway import GatewayError, SendResult
from helpline.channels.models import Message, OutboxEntry
from helpline.channels.outbound import queue_message
from helpline.channels.tasks import send_message
from helpline.contacts.models import Contact
from helpline.extensions import db


def _contact(app, phone="+9647701234567", language="ar"):
    with app.app_context():
        contact = Contact(phone=phone, language=language)
        db.session.add(contact)
        db.session.commit()
        return contact.id


def test_send_task_puts_message_in_the_local_outbox(app):
    cid = _contact(app)
    with app.app_context():
        message = queue_message("مرحبا", contact=db.session.get(Contact, cid))
        db.session.commit()
        send_message.apply(args=(message.id,))
        db.session.expire_all()
        entry = db.session.scalar(select(OutboxEntry))
        assert entry.to == "+9647701234567" and entry.body == "مرحبا"
        sent = db.session.get(Message, message.id)
        assert sent.provider_sid == entry.sid and sent.delivery_status == "delivered"


class FlakyGateway:
    def __init__(self, failures, retryable=True, code="30008"):
        self.failures, self.retryable, self.code, self.calls = failures, retryable, code, 0

    def send_sms(self, to, body, channel="sms"):
        self.calls += 1
        if self.calls <= self.failures:
            raise GatewayError("provider trouble", code=self.code, retryable=self.retryable)
        return SendResult(sid=f"SM{self.calls:032d}", status="queued")


def test_send_retries_up_to_three_attempts(app):
    cid = _contact(app)
    gateway = FlakyGateway(failures=2)
    app.extensions["gateway"] = gateway
    with app.app_context():
        message = queue_message("hello", contact=db.session.get(Contact, cid))
        db.session.commit()
        send_message.apply(args=(message.id,))
        db.session.expire_all()
        sent = db.session.get(Message, message.id)
        assert gateway.calls == 3 and sent.send_attempts == 3
        assert sent.delivery_status == "queued"


def test_send_gives_up_after_three_failures(app):
    cid = _contact(app)
    gateway = FlakyGateway(failures=10)
    app.extensions["gateway"] = gateway
    with app.app_context():
        message = queue_message("hello", contact=db.session.get(Contact, cid))
        db.session.commit()
        send_message.apply(args=(message.id,))
        db.session.expire_all()
        assert gateway.calls == 3
        assert db.session.get(Message, message.id).delivery_status == "failed"


def test_error_21610_marks_contact_opted_out(app):
    cid = _contact(app)
    app.extensions["gateway"] = FlakyGateway(failures=1, retryable=False, code="21610")
    with app.app_context():
        message = queue_message("hello", contact=db.session.get(Contact, cid))
        db.session.commit()
        send_message.apply(args=(message.id,))
        db.session.expire_all()
        assert db.session.get(Contact, cid).opted_out


def _sent_message(app, sid="SM" + "9" * 32):
    cid = _contact(app)
    with app.app_context():
        message = queue_message("hello", contact=db.session.get(Contact, cid))
        message.provider_sid = sid
        message.delivery_status = "queued"
        db.session.commit()
        return message.id


def _status(app, message_id):
    with app.app_context():
        return db.session.get(Message, message_id).delivery_status


def test_status_callbacks_move_forward_only(app, twilio):
    mid = _sent_message(app)
    sid = "SM" + "9" * 32
    assert twilio.post("/twilio/sms/status", {"MessageSid": sid, "MessageStatus": "delivered"}).status_code == 200
    assert twilio.post("/twilio/sms/status", {"MessageSid": sid, "MessageStatus": "sent"}).status_code == 200
    assert _status(app, mid) == "delivered"


def test_status_callback_with_21610_opts_out(app, twilio):
    mid = _sent_message(app)
    twilio.post("/twilio/sms/status", {"MessageSid": "SM" + "9" * 32, "MessageStatus": "undelivered",
                                       "ErrorCode": "21610"})
    with app.app_context():
        message = db.session.get(Message, mid)
        assert message.delivery_status == "undelivered"
        assert db.session.get(Contact, message.contact_id).opted_out


def test_status_before_send_is_recorded_applied_later(app, twilio):
    from helpline.channels.outbound import mark_sent
    sid = "SM" + "7" * 32
    assert twilio.post("/twilio/sms/status", {"MessageSid": sid, "MessageStatus": "delivered"}).status_code == 200
    cid = _contact(app)
    with app.app_context():
        message = queue_message("hello", contact=db.session.get(Contact, cid))
        mark_sent(message, SendResult(sid=sid, status="queued"))
        db.session.commit()
        assert message.delivery_status == "delivered"


def test_status_callback_requires_signature_and_fields(app, twilio):
    assert twilio.post("/twilio/sms/status", {"MessageSid": "SM1", "MessageStatus": "sent"},
                       signature="").status_code == 403
    assert twilio.post("/twilio/sms/status", {"MessageStatus": "sent"}).status_code == 400
    assert twilio.post("/twilio/sms/status", {"MessageSid": "SM" + "1" * 32}).status_code == 400
