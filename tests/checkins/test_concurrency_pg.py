"""Exactly once on PostgreSQL: concurrent sweeps claim disjoint rows (FOR UPDATE SKIP LOCKED)."""
import threading

import pytest
from sqlalchemy import func, select

from helpline.channels.models import Message, OutboxEntry
from helpline.checkins.models import CheckIn
from helpline.checkins.services import register_household
from helpline.extensions import db
from tests.checkins.conftest import baghdad, household_data

pytestmark = pytest.mark.postgres
HOUSEHOLDS = 120
DUE = baghdad(2026, 3, 11, 10)


def _register_many(app, n):
    with app.app_context():
        for i in range(n):
            register_household(household_data(phone=f"+96477012{i:05d}"),
                               now=baghdad(2026, 3, 1, 12))
        db.session.commit()


def _in_threads(app, target, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            with app.app_context():
                barrier.wait()
                results.append(target())
                db.session.remove()
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    return results


def test_two_concurrent_sweeps_send_each_household_wave_exactly_once(app):
    from helpline.checkins.sweep import run_sweep
    _register_many(app, HOUSEHOLDS)
    # Small batches so that the two sweeps interleave many times over the same due rows.
    results = _in_threads(app, lambda: run_sweep(now=DUE, batch_size=7), 2)
    assert sum(r.sent for r in results) == HOUSEHOLDS
    with app.app_context():
        per_contact = db.session.execute(
            select(Message.contact_id, func.count()).where(Message.purpose == "checkin")
            .group_by(Message.contact_id)).all()
        assert len(per_contact) == HOUSEHOLDS
        assert {n for _, n in per_contact} == {1}
        assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == HOUSEHOLDS
        statuses = db.session.execute(select(CheckIn.status, func.count())
                                      .where(CheckIn.wave == 1).group_by(CheckIn.status)).all()
        assert statuses == [("awaiting", HOUSEHOLDS)]
        assert db.session.scalar(select(func.max(CheckIn.attempts))) == 1


def test_rows_locked_by_one_sweep_are_skipped_by_another(app):
    from helpline.checkins.sweep import claim_due, run_sweep
    _register_many(app, 20)
    claimed, release, holding = [], threading.Event(), threading.Event()

    def hold_claim():
        with app.app_context():
            claimed.extend(claim_due(DUE, 5))
            holding.set()
            release.wait(60)
            db.session.rollback()      # this sweep died before sending: rows become due again
            db.session.remove()

    holder = threading.Thread(target=hold_claim)
    holder.start()
    assert holding.wait(60)
    with app.app_context():
        other = run_sweep(now=DUE)
    release.set()
    holder.join(60)
    assert len(claimed) == 5 and other.sent == 15
    with app.app_context():
        again = run_sweep(now=DUE)
        assert again.sent == 5
        assert db.session.scalar(select(func.count()).select_from(Message)
                                 .where(Message.purpose == "checkin")) == 20
