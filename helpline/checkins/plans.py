"""Check-in schedules (pure): wave times, answer windows, allowed sending hours."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

# SPEC §7: 1–2 weeks after arrival, then 3 and 9 months. A wave's window is how long after its
# due time it may still be sent (a late registration still gets it) and answered.
DEFAULT_PLAN_NAME = "Default"
DEFAULT_WAVES = (
    {"wave": 1, "offset_days": 10, "window_days": 21},
    {"wave": 2, "offset_months": 3, "window_days": 45},
    {"wave": 3, "offset_months": 9, "window_days": 60},
)
DEFAULT_HOURS = (9, 20)
DEFAULT_TIMEZONE = "Asia/Baghdad"


@dataclass(frozen=True)
class WaveSlot:
    wave: int
    due_at: datetime          # the wave's own due time (UTC)
    window_closes_at: datetime
    first_attempt_at: datetime  # when the sweep may first send it (inside allowed hours)


class PlanError(ValueError):
    pass


def validate_waves(waves):
    """Check a plan's wave list; returns it sorted by wave number."""
    if not isinstance(waves, (list, tuple)) or not waves:
        raise PlanError("a plan needs at least one wave")
    seen = set()
    for item in waves:
        if not isinstance(item, dict) or not isinstance(item.get("wave"), int):
            raise PlanError("every wave needs a wave number")
        if item["wave"] in seen or item["wave"] < 1:
            raise PlanError(f"wave numbers must be unique and positive ({item['wave']})")
        seen.add(item["wave"])
        offset = (item.get("offset_days", 0), item.get("offset_months", 0))
        if any(not isinstance(v, int) or v < 0 for v in offset) or offset == (0, 0):
            raise PlanError(f"wave {item['wave']} needs offset_days or offset_months > 0")
        if not isinstance(item.get("window_days"), int) or item["window_days"] < 1:
            raise PlanError(f"wave {item['wave']} needs window_days of at least 1")
    return sorted(waves, key=lambda w: w["wave"])


def parse_waves_text(text):
    """'10d/21, 3m/45, 9m/60' → wave list (the admin form's compact notation)."""
    waves = []
    for n, part in enumerate([p.strip() for p in (text or "").split(",") if p.strip()], 1):
        offset, _, window = part.partition("/")
        offset = offset.strip().lower()
        try:
            amount = int(offset[:-1])
            window_days = int(window)
        except ValueError:
            raise PlanError(f"cannot read wave {n}: {part!r} (write e.g. 10d/21 or 3m/45)")
        if offset.endswith("d"):
            waves.append({"wave": n, "offset_days": amount, "window_days": window_days})
        elif offset.endswith("m"):
            waves.append({"wave": n, "offset_months": amount, "window_days": window_days})
        else:
            raise PlanError(f"cannot read wave {n}: {part!r} (write e.g. 10d/21 or 3m/45)")
    return validate_waves(waves)


def waves_text(waves):
    parts = []
    for w in waves:
        offset = f"{w['offset_months']}m" if w.get("offset_months") else f"{w['offset_days']}d"
        parts.append(f"{offset}/{w['window_days']}")
    return ", ".join(parts)


def is_allowed_time(moment, hours=DEFAULT_HOURS, tz=DEFAULT_TIMEZONE):
    local = moment.astimezone(ZoneInfo(tz))
    return hours[0] <= local.hour < hours[1]


def next_allowed_time(moment, hours=DEFAULT_HOURS, tz=DEFAULT_TIMEZONE):
    """The first moment at or after `moment` that is inside the allowed sending hours."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    if hours[0] <= local.hour < hours[1]:
        return moment
    day = local.date() if local.hour < hours[0] else local.date() + timedelta(days=1)
    return datetime.combine(day, time(hours[0]), zone).astimezone(timezone.utc)


def wave_due_at(arrival_date, wave, hours=DEFAULT_HOURS, tz=DEFAULT_TIMEZONE):
    """A wave is due at the start of the allowed hours on its day (local time)."""
    day = arrival_date + relativedelta(days=wave.get("offset_days", 0),
                                       months=wave.get("offset_months", 0))
    return datetime.combine(day, time(hours[0]), ZoneInfo(tz)).astimezone(timezone.utc)


def open_waves(arrival_date, waves, now, hours=DEFAULT_HOURS, tz=DEFAULT_TIMEZONE):
    """Every wave whose window has not closed at `now`, with its first sending time."""
    slots = []
    for wave in validate_waves(waves):
        due = wave_due_at(arrival_date, wave, hours, tz)
        closes = due + timedelta(days=wave["window_days"])
        if closes <= now:
            continue  # registered too late for this wave
        first = next_allowed_time(max(due, now), hours, tz)
        if first >= closes:
            continue
        slots.append(WaveSlot(wave["wave"], due, closes, first))
    return slots


def reminder_time(sent_at, interval_hours, hours=DEFAULT_HOURS, tz=DEFAULT_TIMEZONE):
    return next_allowed_time(sent_at + timedelta(hours=interval_hours), hours, tz)
