"""Who may see and act on which referral. Case visibility comes from cases/permissions only.

- Partner users (role `partner`) see the referrals sent to their own organisation, in the
  partner view (no case page, no messages), and nothing else.
- Helpline staff see the referrals of the cases they may see (restricted cases: matching
  focal role only), and may refer or revoke when they hold a referring role.
"""
from sqlalchemy import false, or_, select

from helpline.cases.models import Case
from helpline.cases.permissions import FOCAL_ROLES, GENERAL_CASE_ROLES, can_view_case, \
    visible_cases_condition
from helpline.extensions import db
from helpline.referrals.constants import REFERRING_ROLES
from helpline.referrals.models import Referral

STAFF_ROLES = GENERAL_CASE_ROLES | FOCAL_ROLES


def is_partner_user(user):
    return "partner" in user.roles and user.partner_id is not None


def is_staff(user):
    return bool(user.roles & STAFF_ROLES)


def visible_referrals_condition(user):
    """A WHERE condition (over referrals joined to cases) for the referrals `user` may see."""
    clauses = []
    if is_partner_user(user):
        clauses.append(Referral.partner_id == user.partner_id)
    if is_staff(user):
        clauses.append(visible_cases_condition(user))
    return or_(*clauses) if clauses else false()


def visible_referrals_query(user):
    return (select(Referral).join(Case, Referral.case_id == Case.id)
            .where(visible_referrals_condition(user)))


def can_view_referral(user, referral):
    if user is None or referral is None:
        return False
    if is_partner_user(user) and referral.partner_id == user.partner_id:
        return True
    return is_staff(user) and can_view_case(user, referral.case)


def get_visible_referral(user, referral_id):
    referral = db.session.get(Referral, referral_id)
    return referral if can_view_referral(user, referral) else None


def sees_as_partner(user, referral):
    """Partner users get the partner view even if they also hold another role."""
    return is_partner_user(user) and referral.partner_id == user.partner_id


def can_refer(user, case):
    return bool(user.roles & REFERRING_ROLES) and can_view_case(user, case)


def can_revoke(user, referral):
    return can_refer(user, referral.case)


def can_respond(user, referral):
    return sees_as_partner(user, referral)
