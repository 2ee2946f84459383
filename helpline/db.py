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


_sqlite_configured = False


def use_real_sqlite_transactions():
    """Make SQLite savepoints nest inside a transaction, as on PostgreSQL.

    The sqlite3 driver opens a transaction only at the first write, so a
    SAVEPOINT taken before any write became the outermost transaction and its
    RELEASE committed for good, whatever the request did afterwards. We open
    the transaction ourselves just before such a savepoint.
    """
    global _sqlite_configured
    if _sqlite_configured:
        return
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _on_connect(dbapi_connection, connection_record):
        if isinstance(dbapi_connection, sqlite3.Connection):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout=5000")
            # Readers (the dev server's other threads) never block the writer.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    @event.listens_for(Engine, "savepoint")
    def _on_savepoint(connection, name):
        if connection.dialect.name != "sqlite":
            return
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN")

    _sqlite_configured = True
