"""Overdue cases and overdue partner answers: flagged once, alerts carry a reference only."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from helpline.cases.models import Case, CaseEvent
from helpline.channels.models import Message
from helpline.db import utcnow
from helpline.extensions import db
from helpline.i18n import sms_parts
from helpline.referrals.models import Referral
from tests.referrals.conftest import make_case, refer


def _alerts():
    return db.session.scalars(select(Message).where(Message.purpose == "staff_alert")
                              .order_by(Message.id)).all()


def test_overdue_case_is_flagged_once_and_supervisors_alerted(app, world):
    from helpline.cases.deadlines import flag_overdue_cases
    later = (utcnow() + timedelta(hours=25)).isoformat()
    assert flag_overdue_cases.apply(args=(later,)).get() == "2 flagged"
    assert flag_overdue_cases.apply(args=(later,)).get() == "0 flagged"
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == world.case))
        gbv = db.session.scalar(select(Case).where(Case.reference == world.gbv_case))
        assert case.breached_at is not None and gbv.breached_at is not None
        assert [e.kind for e in case.events].count("sla_breached") == 1
        alerts = _alerts()
        by_phone = {m.to_phone: m.body for m in alerts}
        # Open case → supervisor; GBV case → the GBV focal point only.
        assert len(alerts) == 2
        assert world.case in by_phone["+9647702222222"]
        assert world.gbv_case in by_phone["+9647703333333"]
        assert world.gbv_case not in by_phone["+9647702222222"]
        for message in alerts:
            assert "eviction" not in message.body.lower()


def test_cases_with_a_first_response_or_closed_are_not_flagged(app, world):
    from helpline.cases.deadlines import flag_overdue
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == world.case))
        case.first_response_at = utcnow()
        gbv = db.session.scalar(select(Case).where(Case.reference == world.gbv_case))
        gbv.status = "resolved"
        db.session.commit()
        flagged, alerts = flag_overdue(utcnow() + timedelta(days=3))
        assert flagged == 0 and alerts == []
        flagged, _ = flag_overdue(utcnow())  # not yet due
        assert flagged == 0


def test_many_overdue_cases_give_one_digest_per_supervisor(app, world):
    from helpline.cases.deadlines import flag_overdue
    with app.app_context():
        for n in range(7):
            make_case(f"+96477060000{n:02d}", "shelter", "normal")
        db.session.commit()
        flagged, alerts = flag_overdue(utcnow() + timedelta(days=4))
        db.session.commit()
        assert flagged == 9
        supervisor_alerts = [m for m in _alerts() if m.to_phone == "+9647702222222"]
        assert len(supervisor_alerts) == 1 and "8" in supervisor_alerts[0].body


def test_pending_referral_past_deadline_escalates_once(app, world):
    from helpline.referrals.tasks import escalate_overdue_referrals
    referral_id = refer(app, world)
    now = utcnow()
    assert escalate_overdue_referrals.apply(args=(now.isoformat(),)).get() == "0 escalated"
    later = (now + timedelta(hours=25)).isoformat()
    assert escalate_overdue_referrals.apply(args=(later,)).get() == "1 escalated"
    assert escalate_overdue_referrals.apply(args=(later,)).get() == "0 escalated"
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        assert referral.escalated_at is not None
        events = db.session.scalars(select(CaseEvent).where(
            CaseEvent.kind == "referral_overdue")).all()
        assert len(events) == 1
        alerts = _alerts()
        assert [m.to_phone for m in alerts] == ["+9647702222222"]
        assert world.case in alerts[0].body and "eviction" not in alerts[0].body.lower()


def test_answered_referrals_are_not_escalated(app, world):
    from helpline.referrals.services import accept_referral
    from helpline.referrals.tasks import escalate_overdue
    from helpline.staff.models import User
    referral_id = refer(app, world)
    with app.app_context():
        accept_referral(db.session.get(Referral, referral_id),
                        db.session.get(User, world.users["partner_a"]))
        db.session.commit()
        assert escalate_overdue(utcnow() + timedelta(days=2)) == (0, [])


def test_restricted_referral_escalates_to_focal_point_only(app, world):
    from helpline.referrals.tasks import escalate_overdue
    refer(app, world, case_ref=world.gbv_case, actor="gbv_focal", service="gbv")
    with app.app_context():
        count, alerts = escalate_overdue(utcnow() + timedelta(days=2))
        db.session.commit()
        assert count == 1
        assert [m.to_phone for m in _alerts()] == ["+9647703333333"]


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ku"])
def test_staff_alert_texts_fit_two_sms_parts(app, language):
    from helpline.referrals.alerts import overdue_case_text, overdue_digest_text, \
        referral_digest_text, referral_overdue_text
    with app.app_context():
        texts = [overdue_case_text(language, "HL-7KQ2M"), overdue_digest_text(language, 1234),
                 referral_overdue_text(language, "HL-7KQ2M"),
                 referral_digest_text(language, 1234)]
    for text in texts:
        assert sms_parts(text) <= 2, (language, text)
    if language != "en":
        with app.app_context():
            assert overdue_case_text(language, "HL-7KQ2M") != overdue_case_text("en", "HL-7KQ2M")


def test_deadlines_cli_runs_both_sweeps(app, world):
    refer(app, world)
    later = (utcnow() + timedelta(days=2)).isoformat()
    result = app.test_cli_runner().invoke(args=["deadlines", "sweep", "--now", later])
    assert result.exit_code == 0, result.output
    assert "overdue cases: 2 flagged" in result.output
    assert "overdue referrals: 1 escalated" in result.output
    bad = app.test_cli_runner().invoke(args=["deadlines", "sweep", "--now", "tomorrow"])
    assert bad.exit_code != 0
