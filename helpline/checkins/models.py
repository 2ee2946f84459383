"""Households, check-in plans, scheduled check-in rows and their answers."""
from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db

# Rows the sweep still has to act on (send, remind, close). Terminal statuses are the rest.
PENDING_STATUSES = ("scheduled", "awaiting", "in_progress")
TERMINAL_STATUSES = ("answered", "partial", "unreachable", "missed", "opted_out")
_PENDING_SQL = text("status IN ('scheduled', 'awaiting', 'in_progress')")


class CheckinPlan(db.Model):
    """A programme's check-in plan: waves after arrival, windows, hours, reminders."""

    __tablename__ = "checkin_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    # [{"wave": 1, "offset_days": 10, "window_days": 21}, {"wave": 2, "offset_months": 3, …}]
    waves = mapped_column(JSON, nullable=False)
    send_from_hour: Mapped[int] = mapped_column(default=9)
    send_until_hour: Mapped[int] = mapped_column(default=20)
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Baghdad")
    max_reminders: Mapped[int] = mapped_column(default=2)
    reminder_interval_hours: Mapped[int] = mapped_column(default=48)
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class Household(db.Model):
    __tablename__ = "households"
    __table_args__ = (
        # The same head-of-household phone and arrival date is the same registration.
        UniqueConstraint("phone", "arrival_date"),
        Index("ix_households_area", "governorate", "district"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("checkin_plans.id"))
    phone: Mapped[str] = mapped_column(String(20))  # E.164, head of household
    alternate_phone: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    preferred_channel: Mapped[str] = mapped_column(String(8), default="sms")  # sms | voice
    movement_type: Mapped[str] = mapped_column(String(20), default="return")
    origin_governorate: Mapped[str | None] = mapped_column(String(64))
    origin_district: Mapped[str | None] = mapped_column(String(64))
    origin_subdistrict: Mapped[str | None] = mapped_column(String(64))
    origin_village: Mapped[str | None] = mapped_column(String(120))
    governorate: Mapped[str] = mapped_column(String(64))
    district: Mapped[str] = mapped_column(String(64))
    subdistrict: Mapped[str | None] = mapped_column(String(64))
    village: Mapped[str | None] = mapped_column(String(120))
    arrival_date = mapped_column(Date, nullable=False)
    household_size: Mapped[int | None] = mapped_column()
    vulnerability_flags = mapped_column(JSON, default=list, nullable=False)
    consent_followup: Mapped[bool] = mapped_column(default=False)
    consent_recorded_at = mapped_column(UTCDateTime())
    registration_source: Mapped[str | None] = mapped_column(String(40))
    # "not_staying" when a check-in answer says they do not plan to stay.
    durability_flag: Mapped[str | None] = mapped_column(String(16), index=True)
    durability_flagged_at = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    contact = relationship("Contact")
    plan = relationship("CheckinPlan")
    checkins: Mapped[list["CheckIn"]] = relationship(
        back_populates="household", order_by="CheckIn.wave")


class CheckIn(db.Model):
    """One wave for one household: a row with a due time swept by the periodic task."""

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("household_id", "wave"),
        # The sweep reads only rows it still has to act on, by time: a small partial index.
        Index("ix_checkins_pending", "next_attempt_at",
              postgresql_where=_PENDING_SQL, sqlite_where=_PENDING_SQL),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("checkin_plans.id"))
    wave: Mapped[int] = mapped_column()
    due_at = mapped_column(UTCDateTime(), nullable=False)
    window_closes_at = mapped_column(UTCDateTime(), nullable=False)
    # When the sweep must act next (first send, reminder, closing); NULL once finished.
    next_attempt_at = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    channel: Mapped[str] = mapped_column(String(8), default="sms")  # sms | voice
    attempts: Mapped[int] = mapped_column(default=0)
    unanswered_attempts: Mapped[int] = mapped_column(default=0)
    last_failure: Mapped[str | None] = mapped_column(String(32))
    current_question: Mapped[str | None] = mapped_column(String(20))
    last_message_id: Mapped[int | None] = mapped_column()
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    claimed_at = mapped_column(UTCDateTime())
    first_sent_at = mapped_column(UTCDateTime())
    last_sent_at = mapped_column(UTCDateTime())
    answered_at = mapped_column(UTCDateTime())
    completed_at = mapped_column(UTCDateTime())

    household: Mapped[Household] = relationship(back_populates="checkins")
    answers: Mapped[list["CheckinAnswer"]] = relationship(
        back_populates="checkin", order_by="CheckinAnswer.id")


class CheckinAnswer(db.Model):
    """One answer per check-in and question (unique): replayed replies never count twice."""

    __tablename__ = "checkin_answers"
    __table_args__ = (UniqueConstraint("checkin_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(20))  # an option code or "free_text"
    raw_text: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(8))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    answered_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    checkin: Mapped[CheckIn] = relationship(back_populates="answers")
