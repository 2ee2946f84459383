"""The on-duty officer roster: who is on duty now (pure check + query) and its services."""
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from helpline.contacts.phones import to_e164
from helpline.db import utcnow
from helpline.extensions import db
from helpline.voice.models import OnDutyOfficer

TIME_PATTERN = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


class RosterError(ValueError):
    """A roster entry that cannot work (bad phone, hours or weekdays)."""


def parse_minutes(text):
    """'08:30' → 510; '24:00' is the end of the day."""
    match = TIME_PATTERN.match((text or "").strip())
    if not match:
        raise RosterError(f"not a time of day (HH:MM): {text!r}")
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes > 24 * 60:
        raise RosterError(f"not a time of day (HH:MM): {text!r}")
    return minutes


def format_minutes(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shift_covers(weekdays, start_minute, end_minute, local_dt):
    """Whether a shift covers the local time. Overnight shifts belong to their start day."""
    minute = local_dt.hour * 60 + local_dt.minute
    today = str(local_dt.isoweekday())
    if start_minute == end_minute:
        return False
    if start_minute < end_minute:
        return today in weekdays and start_minute <= minute < end_minute
    if today in weekdays and minute >= start_minute:
        return True
    yesterday = str((local_dt - timedelta(days=1)).isoweekday())
    return yesterday in weekdays and minute < end_minute


def officers_on_duty(now=None):
    now = now or utcnow()
    local = now.astimezone(ZoneInfo(current_app.config["VOICE_DUTY_TIMEZONE"]))
    officers = db.session.scalars(select(OnDutyOfficer).where(
        OnDutyOfficer.is_active.is_(True)).order_by(OnDutyOfficer.id)).all()
    return [o for o in officers
            if shift_covers(o.weekdays, o.start_minute, o.end_minute, local)]


def add_officer(name, phone, weekdays, start, end):
    name = (name or "").strip()
    if not name:
        raise RosterError("a name is required")
    days = "".join(sorted(set(d for d in (weekdays or "") if d in "1234567")))
    if not days:
        raise RosterError("choose at least one weekday")
    try:
        e164 = to_e164(phone)
    except ValueError as exc:
        raise RosterError(str(exc)) from None
    officer = OnDutyOfficer(name=name[:120], phone=e164, weekdays=days,
                            start_minute=parse_minutes(start), end_minute=parse_minutes(end))
    if officer.start_minute == officer.end_minute:
        raise RosterError("a shift must not start and end at the same time")
    db.session.add(officer)
    db.session.flush()
    return officer
