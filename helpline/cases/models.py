"""Cases and their event timeline."""
from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


# Must list the same statuses as status.OPEN_STATUSES (kept literal for the partial indexes).
OPEN_PREDICATE = "status IN ('new', 'open', 'assigned', 'referred', 'reopened')"


class Case(db.Model):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "status", "urgency_rank", "due_at"),
        Index("ix_cases_contact_recent", "contact_id", "last_message_at"),
        # The queue walks open cases in queue order; closed cases (most rows, in time) are
        # left out of the index so "first page of the queue" stays a short index scan.
        Index("ix_cases_open_queue", "urgency_rank", "due_at", "id",
              postgresql_where=text(OPEN_PREDICATE), sqlite_where=text(OPEN_PREDICATE)),
        Index("ix_cases_assignee_queue", "assignee_id", "urgency_rank", "due_at",
              postgresql_where=text(OPEN_PREDICATE), sqlite_where=text(OPEN_PREDICATE)),
        Index("ix_cases_open_category", "category", "urgency_rank", "due_at", "id",
              postgresql_where=text(OPEN_PREDICATE), sqlite_where=text(OPEN_PREDICATE)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    category: Mapped[str | None] = mapped_column(String(32), index=True)
    categories = mapped_column(JSON, default=list, nullable=False)
    urgency: Mapped[str | None] = mapped_column(String(10))
    # Queue position by urgency (sla.queue_rank): critical 0, not yet triaged 1, high 2,
    # normal 3, low 4 — lets the queue sort with an index.
    urgency_rank: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(12), default="new", index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    is_restricted: Mapped[bool] = mapped_column(default=False, index=True)
    # Focal roles that may see a restricted case, as ",gbv_focal,cp_focal," for LIKE filters.
    restricted_to: Mapped[str | None] = mapped_column(String(64))
    governorate: Mapped[str | None] = mapped_column(String(64), index=True)
    district: Mapped[str | None] = mapped_column(String(64))
    subdistrict: Mapped[str | None] = mapped_column(String(64))
    village: Mapped[str | None] = mapped_column(String(120))
    triage_evidence = mapped_column(JSON)
    triage_confidence: Mapped[float | None] = mapped_column()
    due_at = mapped_column(UTCDateTime(), index=True)
    breached_at = mapped_column(UTCDateTime())
    first_response_at = mapped_column(UTCDateTime())
    resolved_at = mapped_column(UTCDateTime())
    closed_at = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(Text)
    # Closing the loop: a one-question satisfaction follow-up (1–5) after resolution.
    satisfaction_asked_at = mapped_column(UTCDateTime())
    satisfaction_score: Mapped[int | None] = mapped_column(SmallInteger)
    satisfaction_answered_at = mapped_column(UTCDateTime())
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    last_message_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    contact = relationship("Contact")
    assignee = relationship("User")
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan")


class CaseEvent(db.Model):
    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    # None means the system (webhook, triage, sweep).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail = mapped_column(JSON)

    case: Mapped[Case] = relationship(back_populates="events")
    actor = relationship("User")


class CaseNote(db.Model):
    """Internal notes: staff only, never sent to the person."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    author = relationship("User")


class TriageCorrection(db.Model):
    """A staff correction of triage: what the engine said, what staff decided, who and why.

    Kept for rule review (`flask triage corrections`)."""

    __tablename__ = "triage_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # The inbound message the engine judged (the latest one on the case), when there is one.
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    engine_category: Mapped[str | None] = mapped_column(String(32))
    engine_categories = mapped_column(JSON)
    engine_urgency: Mapped[str | None] = mapped_column(String(10))
    engine_evidence = mapped_column(JSON)
    before_category: Mapped[str | None] = mapped_column(String(32))
    before_urgency: Mapped[str | None] = mapped_column(String(10))
    corrected_category: Mapped[str | None] = mapped_column(String(32))
    corrected_categories = mapped_column(JSON)
    corrected_urgency: Mapped[str | None] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False, index=True)

    case = relationship("Case")
    actor = relationship("User")
