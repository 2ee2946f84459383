"""People who contact the helpline, identified by phone number."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from helpline.db import UTCDateTime, utcnow
from helpline.extensions import db


class Contact(db.Model):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    language: Mapped[str | None] = mapped_column(String(8))
    # The channel they last wrote on ("sms" or "whatsapp"): replies go back the same way.
    preferred_channel: Mapped[str] = mapped_column(String(16), default="sms")
    opted_out: Mapped[bool] = mapped_column(default=False)
    opted_out_at = mapped_column(UTCDateTime())
    created_at = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


def mask_phone(phone):
    """+9647701234567 → +964770•••4567: enough to recognise, not to copy."""
    if not phone:
        return ""
    if len(phone) <= 8:
        return phone[:2] + "•" * (len(phone) - 2)
    return phone[:7] + "•••" + phone[-4:]
