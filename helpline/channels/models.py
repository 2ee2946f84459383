"""Messages in and out, raw provider events, and the local outbox."""
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db

# Delivery states by rank: a status callback never moves a message down this list.
DELIVERY_RANK = {
    "pending": 0, "accepted": 1, "scheduled": 1, "queued": 2, "sending": 3, "sent": 4,
    "failed": 5, "undelivered": 5, "delivered": 6, "read": 7,
}


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_unprocessed", "processing_state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" | "out"
    channel: Mapped[str] = mapped_column(String(16))   # sms, whatsapp, voice, staff_entry…
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    # Provider id (MessageSid, RecordingSid…): unique, so provider retries never duplicate.
    provider_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Outbound only
    to_phone: Mapped[str | None] = mapped_column(String(20))
    purpose: Mapped[str | None] = mapped_column(String(32))
    delivery_status: Mapped[str | None] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(16))
    send_attempts: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Inbound only: received → processing → done; the stalled sweep re-enqueues "received".
    processing_state: Mapped[str | None] = mapped_column(String(12))
    processing_started_at = mapped_column(UTCDateTime())
    media_path: Mapped[str | None] = mapped_column(String(255))
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    sent_at = mapped_column(UTCDateTime())

    case = relationship("Case")
    contact = relationship("Contact")


class ChannelEvent(db.Model):
    """A raw provider webhook, stored once per provider key (unique)."""

    __tablename__ = "channel_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload = mapped_column(JSON, nullable=False)
    # What we answered, so a retry gets exactly the same answer.
    response_body: Mapped[str | None] = mapped_column(Text)
    applied: Mapped[bool] = mapped_column(default=True)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class OutboxEntry(db.Model):
    """What the local gateway 'sent' (embedded default and tests): the simulator shows these."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8), default="sms")  # sms | call
    to: Mapped[str] = mapped_column(String(40), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    detail = mapped_column(JSON)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
