"""Cases and their event timeline."""
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


class Case(db.Model):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "status", "urgency_rank", "due_at"),
        Index("ix_cases_contact_recent", "contact_id", "last_message_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    category: Mapped[str | None] = mapped_column(String(32), index=True)
    categories = mapped_column(JSON, default=list, nullable=False)
    urgency: Mapped[str | None] = mapped_column(String(10))
    # 0 critical … 3 low, 9 not yet triaged: lets the queue sort by urgency with an index.
    urgency_rank: Mapped[int] = mapped_column(default=9)
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
