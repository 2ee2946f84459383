"""The sweep with a fake clock: sends once, quiet hours, reminders, unreachable, opt-out."""
from sqlalchemy import select

from helpline.cases.models import Case, CaseEvent
from helpline.checkins.models import CheckIn, Household
from helpline.contacts.models import Contact
from helpline.extensions import db
from tests.checkins.conftest import baghdad, checkin_messages, count

PHONE = "+9647701234567"


def _wave(household_id, wave):
    return db.session.scalar(select(CheckIn).where(CheckIn.household_id == household_id,
                                                   CheckIn.wave == wave))


def test_registration_schedules_three_waves(register):
    hid = register()
    rows = db.session.scalars(select(CheckIn).where(CheckIn.household_id == hid)
                              .order_by(CheckIn.wave)).all()
    assert [(r.wave, r.status, r.due_at) for r in rows] == [
        (1, "scheduled", baghdad(2026, 3, 11, 9)), (2, "scheduled", baghdad(2026, 6, 1, 9)),
        (3, "scheduled", baghdad(2026, 12, 1, 9))]


def test_wave_one_is_sent_once_in_the_household_language(register, sweep):
    hid = register(language="ckb")
    assert sweep(baghdad(2026, 3, 10, 10)).sent == 0          # not yet due
    result = sweep(baghdad(2026, 3, 11, 10))
    assert result.sent == 1 and result.message_ids
    again = sweep(baghdad(2026, 3, 11, 10, 5))
    assert again.sent == 0
    messages = checkin_messages(PHONE)
    assert len(messages) == 1
    assert messages[0].language == "ckb"
    assert messages[0].delivery_status in ("sent", "delivered")   # sent in-process (no broker)
    assert "1" in messages[0].body and "3" in messages[0].body
    row = _wave(hid, 1)
    assert row.status == "awaiting" and row.attempts == 1
    assert row.current_question == "wellbeing" and row.last_message_id == messages[0].id
    assert _wave(hid, 2).status == "scheduled"


def test_nothing_is_sent_outside_allowed_hours(register, sweep):
    register()
    assert sweep(baghdad(2026, 3, 11, 21, 30)).sent == 0
    assert sweep(baghdad(2026, 3, 12, 6, 0)).sent == 0
    assert checkin_messages() == []
    assert sweep(baghdad(2026, 3, 12, 9, 0)).sent == 1


def test_late_registration_is_sent_the_open_wave_only(register, sweep):
    hid = register(now=baghdad(2026, 4, 10, 12))        # 40 days after arrival
    assert [c.wave for c in db.session.get(Household, hid).checkins] == [2, 3]
    assert sweep(baghdad(2026, 4, 11, 10)).sent == 0
    assert sweep(baghdad(2026, 6, 1, 10)).sent == 1
    hid2 = register(phone="07701234568", now=baghdad(2026, 3, 25, 19, 55))  # day 24: wave 1 open
    result = sweep(baghdad(2026, 3, 26, 9, 0))
    assert result.sent == 1 and _wave(hid2, 1).status == "awaiting"


def test_two_reminders_48_hours_apart_then_an_unreachable_callback_case(register, sweep):
    hid = register()
    assert sweep(baghdad(2026, 3, 11, 10)).sent == 1
    assert sweep(baghdad(2026, 3, 13, 9, 59)).reminded == 0     # 47 h 59 min later
    assert sweep(baghdad(2026, 3, 13, 10)).reminded == 1
    assert sweep(baghdad(2026, 3, 15, 10)).reminded == 1
    assert sweep(baghdad(2026, 3, 16, 10)).reminded == 0
    result = sweep(baghdad(2026, 3, 17, 10))
    assert result.reminded == 0 and result.unreachable == 1
    assert len(checkin_messages()) == 3
    assert "wellbeing" not in checkin_messages()[1].body
    row = _wave(hid, 1)
    assert row.status == "unreachable" and row.attempts == 3 and row.next_attempt_at is None
    case = db.session.get(Case, row.case_id)
    assert (case.channel, case.status, case.category, case.urgency) == (
        "checkin", "new", "other", "normal")
    assert case.governorate == "Ninewa" and case.due_at is not None
    assert db.session.scalar(select(CaseEvent.kind).where(
        CaseEvent.case_id == case.id, CaseEvent.kind == "callback_requested"))
    # Nothing more for this wave, ever.
    assert sweep(baghdad(2026, 3, 25, 10)).unreachable == 0
    assert count(Case) == 1


def test_a_reminder_that_falls_due_at_night_waits_for_the_morning(register, sweep):
    hid = register()
    sweep(baghdad(2026, 3, 11, 19, 30))
    assert _wave(hid, 1).next_attempt_at == baghdad(2026, 3, 13, 19, 30)
    # The 19:30 sweep did not run (worker down); at 20:05 it is too late to text.
    assert sweep(baghdad(2026, 3, 13, 20, 5)).reminded == 0
    assert sweep(baghdad(2026, 3, 14, 4, 0)).reminded == 0
    assert sweep(baghdad(2026, 3, 14, 9, 0)).reminded == 1
    assert _wave(hid, 1).next_attempt_at == baghdad(2026, 3, 16, 9)


def test_opted_out_households_get_nothing_and_start_resumes(app_ctx, register, sweep):
    hid = register()
    contact = db.session.get(Household, hid).contact
    contact.opted_out = True
    db.session.commit()
    result = sweep(baghdad(2026, 3, 11, 10))
    assert result.sent == 0 and result.held_opted_out == 1
    assert checkin_messages() == []          # not even a suppressed row
    assert _wave(hid, 1).status == "scheduled"
    db.session.get(Contact, contact.id).opted_out = False   # START
    db.session.commit()
    assert sweep(baghdad(2026, 3, 12, 10)).sent == 1
    assert len(checkin_messages()) == 1


def test_opting_out_stops_reminders(register, sweep):
    hid = register()
    sweep(baghdad(2026, 3, 11, 10))
    db.session.get(Household, hid).contact.opted_out = True
    db.session.commit()
    result = sweep(baghdad(2026, 3, 13, 10))
    assert result.reminded == 0 and _wave(hid, 1).status == "opted_out"
    assert len(checkin_messages()) == 1


def test_a_wave_never_sent_is_missed_when_its_window_closes(register, sweep):
    hid = register()
    db.session.get(Household, hid).contact.opted_out = True
    db.session.commit()
    sweep(baghdad(2026, 4, 5, 10))
    assert _wave(hid, 1).status == "missed"


def test_voice_households_get_a_call_instead_of_an_sms(register, sweep, monkeypatch):
    placed = []
    monkeypatch.setattr("helpline.checkins.calls.voice_available", lambda: True)
    monkeypatch.setattr("helpline.checkins.calls.start_call",
                        lambda checkin_id: placed.append(checkin_id) or "CAfake")
    hid = register(preferred_channel="voice")
    result = sweep(baghdad(2026, 3, 11, 10))
    assert result.calls == 1 and result.sent == 0
    assert placed == [_wave(hid, 1).id]
    assert checkin_messages() == []
    assert _wave(hid, 1).status == "awaiting"
