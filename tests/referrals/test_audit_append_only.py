"""The audit log refuses changes: through the ORM everywhere, and in PostgreSQL itself."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from helpline.audit import record_audit
from helpline.audit.models import AuditEntry, AuditLogIsAppendOnly
from helpline.extensions import db


def test_orm_refuses_update_and_delete(app_ctx):
    entry = record_audit("case_view", None, "case", "HL-22222")
    db.session.commit()
    entry.action = "nothing_happened"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


@pytest.mark.postgres
def test_database_refuses_raw_update_and_delete(app_ctx):
    record_audit("case_export", None, "case", None, row_count=3)
    db.session.commit()
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(statement))
    assert db.session.query(AuditEntry).count() == 1
