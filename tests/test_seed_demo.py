"""`flask seed demo` (SPEC §10): every role can log in to something to work on; safe to rerun."""
from sqlalchemy import func, select

from helpline.cases.models import Case
from helpline.checkins.models import Household
from helpline.extensions import db
from helpline.referrals.models import Partner, Referral
from helpline.staff.models import ROLES, User, UserRole


def _counts(app):
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (User, Case, Partner, Referral, Household)}


def test_seed_demo_loads_every_area_and_is_idempotent(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    first = _counts(app)
    assert all(first.values()), first
    with app.app_context():
        roles = set(db.session.scalars(select(UserRole.role)))
        assert roles == set(ROLES)
        # Demo messages went through intake and triage: cases are classified, some restricted.
        assert db.session.scalar(select(func.count()).select_from(Case)
                                 .where(Case.category.is_(None))) == 0
        assert db.session.scalar(select(func.count()).select_from(Case)
                                 .where(Case.is_restricted.is_(True))) >= 1
        partner_user = db.session.scalar(select(User).where(User.username == "partner"))
        assert db.session.scalar(select(func.count()).select_from(Referral)
                                 .where(Referral.partner_id == partner_user.partner_id)) >= 1
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    assert _counts(app) == first
