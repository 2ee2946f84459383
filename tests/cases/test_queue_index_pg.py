"""The queue's first page is an index walk on PostgreSQL (the 1M-case benchmark relies on it)."""
import pytest
from sqlalchemy import text

from helpline.cases.queue import QueueFilters, queue_statement
from helpline.cases.models import Case
from helpline.extensions import db

pytestmark = pytest.mark.postgres


def _plan(statement):
    compiled = statement.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})
    rows = db.session.execute(text(f"EXPLAIN {compiled}")).scalars().all()
    return "\n".join(rows)


@pytest.mark.parametrize("view", ["all", "unassigned", "mine", "urgent"])
def test_queue_views_use_the_open_queue_indexes(app_ctx, make_user, view):
    from helpline.staff.models import User
    user = db.session.get(User, make_user("op", ["operator"]))
    db.session.execute(text(
        "INSERT INTO cases (reference, channel, language, categories, urgency, urgency_rank, status,"
        " is_restricted, due_at, created_at, last_message_at)"
        " SELECT 'HL-' || lpad(n::text, 6, '0'), 'sms', 'ar', '[]', 'normal', 3,"
        " CASE WHEN n % 10 = 0 THEN 'open' ELSE 'closed' END, n % 7 = 0,"
        " now() + (n || ' minutes')::interval, now(), now() FROM generate_series(1, 20000) AS n"))
    db.session.execute(text("ANALYZE cases"))
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_bitmapscan = off"))
    statement = (queue_statement(user, view, QueueFilters())
                 .order_by(Case.urgency_rank, Case.due_at.asc().nulls_last(), Case.id).limit(51))
    plan = _plan(statement)
    assert "Seq Scan" not in plan, plan
    if view in ("all", "unassigned"):
        # The big views: walked in queue order on the partial index, no sort of all open cases.
        assert "ix_cases_open_queue" in plan and "Sort" not in plan, plan
    db.session.rollback()
