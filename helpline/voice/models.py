"""Voice calls (inbound IVR and outbound check-in calls), recordings and the on-duty roster."""
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


class VoiceCall(db.Model):
    """One phone call, keyed by Twilio's CallSid; it remembers where the caller is in the menus."""

    __tablename__ = "voice_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    direction: Mapped[str] = mapped_column(String(3))          # "in" | "out"
    purpose: Mapped[str] = mapped_column(String(16), default="ivr")  # ivr | checkin
    # None when the caller withheld their number.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # Plain id (no foreign key): the check-ins area owns its table and its lifecycle.
    checkin_id: Mapped[int | None] = mapped_column(index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    # Where the caller is: language_menu, main_menu, recording, dialling, question, ended.
    step: Mapped[str] = mapped_column(String(16), default="start")
    # emergency | complaint | checkin | information | fallback (menu given up)
    branch: Mapped[str | None] = mapped_column(String(16))
    question_key: Mapped[str | None] = mapped_column(String(32))
    answers_given: Mapped[int] = mapped_column(default=0)
    call_status: Mapped[str | None] = mapped_column(String(16))
    answered_by: Mapped[str | None] = mapped_column(String(24))
    officer_connected: Mapped[bool] = mapped_column(default=False)
    recording_received: Mapped[bool] = mapped_column(default=False)
    callback_requested: Mapped[bool] = mapped_column(default=False)
    unanswered_marked: Mapped[bool] = mapped_column(default=False)
    duration_seconds: Mapped[int | None] = mapped_column()
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    ended_at = mapped_column(UTCDateTime())

    contact = relationship("Contact")
    case = relationship("Case")


class VoiceRecording(db.Model):
    """A caller's recorded message: fetched from the provider, stored by us, then deleted there."""

    __tablename__ = "voice_recordings"
    __table_args__ = (
        Index("ix_voice_recordings_pending", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_sid: Mapped[str] = mapped_column(String(64), unique=True)
    call_sid: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    # Provider URL of the audio; kept only until the audio is stored and deleted there.
    provider_url: Mapped[str | None] = mapped_column(String(255))
    duration_seconds: Mapped[int | None] = mapped_column()
    # pending → stored, or failed after too many attempts
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(40))
    size_bytes: Mapped[int | None] = mapped_column()
    stored_at = mapped_column(UTCDateTime())
    provider_deleted_at = mapped_column(UTCDateTime())
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    message = relationship("Message")


class OnDutyOfficer(db.Model):
    """A roster line: who answers emergency calls, on which weekdays and between which hours.

    Hours are minutes after midnight in the duty time zone (VOICE_DUTY_TIMEZONE); a shift whose
    end is before its start runs past midnight and belongs to the weekday it started on.
    """

    __tablename__ = "onduty_officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20))
    # ISO weekdays as digits, Monday=1 … Sunday=7, e.g. "12345" or "67".
    weekdays: Mapped[str] = mapped_column(String(7), default="1234567")
    start_minute: Mapped[int] = mapped_column(default=0)
    end_minute: Mapped[int] = mapped_column(default=24 * 60)
    is_active: Mapped[bool] = mapped_column(default=True, index=True)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
