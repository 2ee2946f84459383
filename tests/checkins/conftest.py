"""Check-in fixtures: a fake clock (times are passed in, nothing sleeps) and households."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from helpline.extensions import db

BAGHDAD = ZoneInfo("Asia/Baghdad")


def baghdad(y, m, d, hour=10, minute=0):
    """A moment given in Baghdad local time, as UTC."""
    return datetime(y, m, d, hour, minute, tzinfo=BAGHDAD).astimezone(timezone.utc)


def household_data(**overrides):
    data = {"phone": "0770 123 4567", "language": "ar", "arrival_date": "2026-03-01",
            "movement_type": "return", "governorate": "Ninewa", "district": "Sinjar",
            "household_size": 6, "consent_followup": True}
    data.update(overrides)
    return data


@pytest.fixture
def register(app_ctx):
    """register(now=..., **fields) → household id (committed)."""
    from helpline.checkins.services import register_household

    def factory(now=None, **overrides):
        household = register_household(household_data(**overrides),
                                       now=now or baghdad(2026, 3, 1, 12))
        db.session.commit()
        return household.id
    return factory


@pytest.fixture
def sweep(app_ctx):
    """sweep(now) → SweepResult; the session is reset so that tests read fresh rows."""
    from helpline.checkins.sweep import run_sweep

    def run(now, **kwargs):
        result = run_sweep(now=now, **kwargs)
        db.session.expire_all()
        return result
    return run


def checkin_messages(contact_phone=None):
    from helpline.channels.models import Message
    query = select(Message).where(Message.purpose == "checkin")
    if contact_phone:
        query = query.where(Message.to_phone == contact_phone)
    return db.session.scalars(query.order_by(Message.id)).all()


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def days(n):
    return timedelta(days=n)


ARRIVAL = date(2026, 3, 1)
