"""Schedules (pure): quiet hours in Asia/Baghdad, wave times, late registration."""
from datetime import date, timedelta

import pytest

from helpline.checkins.plans import (DEFAULT_WAVES, PlanError, is_allowed_time, next_allowed_time,
                                     open_waves, parse_waves_text, wave_due_at)
from tests.checkins.conftest import baghdad


def test_allowed_hours_are_baghdad_local_time():
    assert is_allowed_time(baghdad(2026, 3, 11, 9, 0))
    assert is_allowed_time(baghdad(2026, 3, 11, 19, 59))
    assert not is_allowed_time(baghdad(2026, 3, 11, 20, 0))
    assert not is_allowed_time(baghdad(2026, 3, 11, 8, 59))
    # 07:00 UTC is 10:00 in Baghdad (UTC+3, no daylight saving)
    assert is_allowed_time(baghdad(2026, 7, 1, 10))


def test_next_allowed_time_waits_for_the_morning():
    assert next_allowed_time(baghdad(2026, 3, 11, 22, 30)) == baghdad(2026, 3, 12, 9)
    assert next_allowed_time(baghdad(2026, 3, 11, 3, 0)) == baghdad(2026, 3, 11, 9)
    assert next_allowed_time(baghdad(2026, 3, 11, 12, 0)) == baghdad(2026, 3, 11, 12)


def test_waves_fall_at_ten_days_three_and_nine_months():
    arrival = date(2026, 3, 1)
    dues = [wave_due_at(arrival, w) for w in DEFAULT_WAVES]
    assert dues == [baghdad(2026, 3, 11, 9), baghdad(2026, 6, 1, 9), baghdad(2026, 12, 1, 9)]


def test_on_time_registration_gets_every_wave():
    slots = open_waves(date(2026, 3, 1), DEFAULT_WAVES, baghdad(2026, 3, 1, 12))
    assert [s.wave for s in slots] == [1, 2, 3]
    assert slots[0].first_attempt_at == baghdad(2026, 3, 11, 9)


def test_late_registration_gets_only_waves_whose_window_is_open():
    # Registered 40 days after arrival: wave 1 (day 10 + 21 days) has closed.
    slots = open_waves(date(2026, 3, 1), DEFAULT_WAVES, baghdad(2026, 4, 10, 12))
    assert [s.wave for s in slots] == [2, 3]
    # Registered on day 20 in the evening: wave 1 is still open, sent next morning.
    slots = open_waves(date(2026, 3, 1), DEFAULT_WAVES, baghdad(2026, 3, 21, 21))
    assert slots[0].wave == 1
    assert slots[0].due_at == baghdad(2026, 3, 11, 9)
    assert slots[0].first_attempt_at == baghdad(2026, 3, 22, 9)


def test_plan_notation():
    waves = parse_waves_text("10d/21, 3m/45")
    assert waves == [{"wave": 1, "offset_days": 10, "window_days": 21},
                     {"wave": 2, "offset_months": 3, "window_days": 45}]
    for bad in ("", "10x/3", "10d", "0d/5", "10d/0"):
        with pytest.raises(PlanError):
            parse_waves_text(bad)
