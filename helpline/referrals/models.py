"""Partner organisations (the referral directory grows from here)."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


class Partner(db.Model):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
