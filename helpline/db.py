"""Shared column helpers and the list of model modules (for Alembic and create_all)."""
import importlib
from datetime import datetime, timezone

from sqlalchemy import DateTime, TypeDecorator

MODEL_MODULES = (
    "helpline.staff.models",
    "helpline.audit.models",
    "helpline.contacts.models",
    "helpline.cases.models",
    "helpline.channels.models",
    "helpline.referrals.models",
    "helpline.checkins.models",
    "helpline.voice.models",
)


def utcnow():
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def import_all_models():
    for name in MODEL_MODULES:
        importlib.import_module(name)
