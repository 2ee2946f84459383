"""Referral rules: consent or override, status machine, case events, audit, directory."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import Case, CaseEvent
from helpline.db import utcnow
from helpline.extensions import db
from helpline.referrals.models import Partner, Referral
from helpline.referrals.services import ReferralError, accept_referral, complete_referral, \
    decline_referral, revoke_referral
from helpline.staff.models import User
from tests.referrals.conftest import refer


def _case(ref):
    return db.session.scalar(select(Case).where(Case.reference == ref))


def test_referral_with_consent_moves_case_to_referred_and_is_recorded(app, world):
    referral_id = refer(app, world)
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        case = _case(world.case)
        assert referral.status == "pending" and case.status == "referred"
        assert referral.consent_method == "verbal_phone"
        assert referral.consent_recorded_by_id == world.users["protection"]
        assert not referral.emergency_override
        assert referral.respond_by - referral.created_at == timedelta(hours=24)
        kinds = [e.kind for e in case.events]
        assert "referral_created" in kinds and "status_changed" in kinds
        audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "referral_create"))
        assert audit.object_ref == world.case and audit.detail["referral_id"] == referral_id


def test_no_consent_and_no_override_is_refused(app, world):
    with pytest.raises(ReferralError, match="consent"):
        refer(app, world, consent=None)
    with app.app_context():
        assert db.session.scalar(select(Referral)) is None
        assert _case(world.case).status == "open"


@pytest.mark.parametrize("consent, message", [
    ({"given_by": "", "method": "written"}, "who gave consent"),
    ({"given_by": "the person", "method": "telepathy"}, "how consent"),
    ({"given_by": "the person", "method": "written", "at": utcnow() + timedelta(days=1)},
     "future"),
])
def test_incomplete_consent_is_refused(app, world, consent, message):
    with pytest.raises(ReferralError, match=message):
        refer(app, world, consent=consent)


def test_emergency_override_needs_a_reason_and_is_flagged(app, world):
    referral_id = refer(app, world, consent=None,
                        override_reason="Person threatened with death tonight, unreachable")
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        assert referral.emergency_override and referral.consent_method is None
        flagged = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "referral_consent_override"))
        assert flagged.detail["reason"].startswith("Person threatened")
    with pytest.raises(ReferralError):
        refer(app, world, consent=None, override_reason="   ")


def test_partner_must_offer_the_service_and_be_active(app, world):
    with pytest.raises(ReferralError, match="does not offer"):
        refer(app, world, partner_id=world.partner_a, service="shelter")
    with app.app_context():
        db.session.get(Partner, world.partner_b).is_active = False
        db.session.commit()
    with pytest.raises(ReferralError, match="active partner"):
        refer(app, world, partner_id=world.partner_b)


def test_closed_case_cannot_be_referred(app, world):
    with app.app_context():
        _case(world.case).status = "closed"
        db.session.commit()
    with pytest.raises(ReferralError, match="reopen"):
        refer(app, world)


def test_status_machine_and_events(app, world):
    referral_id = refer(app, world)
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        partner_user = db.session.get(User, world.users["partner_a"])
        with pytest.raises(ReferralError):
            complete_referral(referral, partner_user, "done")  # not accepted yet
        with pytest.raises(ReferralError, match="reason"):
            decline_referral(referral, partner_user, " ")
        accept_referral(referral, partner_user)
        with pytest.raises(ReferralError, match="outcome"):
            complete_referral(referral, partner_user, "")
        complete_referral(referral, partner_user, "Lawyer assigned; eviction suspended.")
        db.session.commit()
        assert referral.status == "completed" and referral.completed_at is not None
        with pytest.raises(ReferralError):
            revoke_referral(referral, db.session.get(User, world.users["protection"]), "x")
        kinds = [e.kind for e in _case(world.case).events]
        assert kinds.count("referral_accepted") == 1 and "referral_completed" in kinds
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {"referral_accepted", "referral_completed"} <= actions


def test_decline_and_revoke_keep_reasons(app, world):
    first, second = refer(app, world), refer(app, world, partner_id=world.partner_b)
    with app.app_context():
        decline_referral(db.session.get(Referral, first),
                         db.session.get(User, world.users["partner_a"]), "No lawyer in Mosul")
        revoke_referral(db.session.get(Referral, second),
                        db.session.get(User, world.users["protection"]), "Person withdrew consent")
        db.session.commit()
        assert db.session.get(Referral, first).decline_reason == "No lawyer in Mosul"
        revoked = db.session.get(Referral, second)
        assert revoked.status == "revoked" and revoked.revoke_reason == "Person withdrew consent"


def test_response_deadline_follows_config(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "REFERRAL_RESPONSE_HOURS", 6)
    referral_id = refer(app, world)
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        assert referral.respond_by - referral.created_at == timedelta(hours=6)


def test_directory_suggests_district_then_governorate_then_elsewhere(app, world):
    from helpline.referrals.directory import suggest_partners
    with app.app_context():
        ranked = [(p.name, m) for p, m in suggest_partners("legal_hlp", "Ninewa", "Mosul")]
        assert ranked == [("Nineveh Legal Aid", "district"),
                          ("Tal Afar Women Centre", "governorate"),
                          ("Basra Shelter", "elsewhere")]
        in_sinjar = [(p.name, m) for p, m in suggest_partners("legal_hlp", "ninewa", "Sinjar")]
        assert in_sinjar[0] == ("Tal Afar Women Centre", "governorate")
        assert [p.name for p, _ in suggest_partners("shelter")] == ["Basra Shelter"]
        assert suggest_partners("mine_action", "Ninewa") == []


def test_directory_validation(app, world):
    from helpline.referrals.directory import add_coverage, save_partner
    with app.app_context():
        admin = db.session.get(User, world.users["admin"])
        with pytest.raises(ReferralError, match="already has this name"):
            save_partner(None, admin, "nineveh legal aid")
        with pytest.raises(ReferralError, match="phone"):
            save_partner(None, admin, "New NGO", focal_phone="12")
        with pytest.raises(ReferralError, match="Unknown service"):
            save_partner(None, admin, "New NGO", service_types=["magic"])
        partner = db.session.get(Partner, world.partner_a)
        with pytest.raises(ReferralError, match="already covered"):
            add_coverage(partner, admin, "Ninewa", "mosul")
        events = db.session.scalars(select(CaseEvent)).all()
        assert all(e.kind != "referral_created" for e in events)
