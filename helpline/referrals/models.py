"""Referral directory (partners, their services and coverage) and referrals with consent."""
from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpline.cases.models import OPEN_PREDICATE, Case
from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


class Partner(db.Model):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    focal_name: Mapped[str | None] = mapped_column(String(120))
    focal_phone: Mapped[str | None] = mapped_column(String(20))
    focal_email: Mapped[str | None] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))

    services: Mapped[list["PartnerService"]] = relationship(
        cascade="all, delete-orphan", order_by="PartnerService.service_type", lazy="selectin")
    coverage: Mapped[list["PartnerCoverage"]] = relationship(
        cascade="all, delete-orphan",
        order_by="(PartnerCoverage.governorate, PartnerCoverage.district)", lazy="selectin")

    @property
    def service_types(self):
        return [s.service_type for s in self.services]


class PartnerService(db.Model):
    __tablename__ = "partner_services"
    __table_args__ = (UniqueConstraint("partner_id", "service_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"),
                                            index=True)
    service_type: Mapped[str] = mapped_column(String(32), index=True)


class PartnerCoverage(db.Model):
    """An area a partner works in: a whole governorate (district empty) or one district."""

    __tablename__ = "partner_coverage"
    __table_args__ = (UniqueConstraint("partner_id", "governorate", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"),
                                            index=True)
    governorate: Mapped[str] = mapped_column(String(64), index=True)
    district: Mapped[str | None] = mapped_column(String(64))


class Referral(db.Model):
    __tablename__ = "referrals"
    __table_args__ = (
        # The escalation sweep reads pending referrals by deadline.
        Index("ix_referrals_status_respond_by", "status", "respond_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    service_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    # Written by the referring officer for the partner: the only case narrative they receive.
    summary: Mapped[str] = mapped_column(Text)
    # The person agreed that this partner may phone them (shown to the partner once accepted).
    share_phone: Mapped[bool] = mapped_column(Boolean, default=False)

    # Informed consent, or an emergency override with a reason (never both empty).
    consent_given_by: Mapped[str | None] = mapped_column(String(120))
    consent_method: Mapped[str | None] = mapped_column(String(16))
    consent_at = mapped_column(UTCDateTime())
    consent_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    emergency_override: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(Text)

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    respond_by = mapped_column(UTCDateTime(), nullable=False)
    escalated_at = mapped_column(UTCDateTime())
    responded_at = mapped_column(UTCDateTime())
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decline_reason: Mapped[str | None] = mapped_column(Text)
    completed_at = mapped_column(UTCDateTime())
    outcome_note: Mapped[str | None] = mapped_column(Text)
    revoked_at = mapped_column(UTCDateTime())
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    case = relationship("Case")
    partner: Mapped[Partner] = relationship()
    created_by = relationship("User", foreign_keys=[created_by_id])
    consent_recorded_by = relationship("User", foreign_keys=[consent_recorded_by_id])


# Indexes on the cases table that serve this area's queries, declared here so that migration
# 0005 owns them (measured with bench/cases_bench.py on 1,000,000 cases).
# The overdue sweep reads open, unanswered, not yet flagged cases by deadline: a small index.
Index("ix_cases_overdue_sweep", Case.due_at,
      postgresql_where=text(f"{OPEN_PREDICATE} AND first_response_at IS NULL "
                            "AND breached_at IS NULL"),
      sqlite_where=text(f"{OPEN_PREDICATE} AND first_response_at IS NULL "
                        "AND breached_at IS NULL"))
# The queue and the API filtered by urgency ("high" cases) walk this in queue order instead of
# stepping over every critical and untriaged case first.
Index("ix_cases_open_urgency", Case.urgency, Case.urgency_rank, Case.due_at, Case.id,
      postgresql_where=text(OPEN_PREDICATE), sqlite_where=text(OPEN_PREDICATE))
