"""Demo accounts, one per role (password in the README)."""
from sqlalchemy import select

from helpline.extensions import db
from helpline.referrals.models import Partner
from helpline.staff.models import User
from helpline.staff.services import create_user

DEMO_PASSWORD = "helpline-demo"
DEMO_USERS = (
    ("admin", ["admin"]),
    ("supervisor", ["supervisor"]),
    ("operator", ["operator"]),
    ("protection", ["protection"]),
    ("gbv", ["protection", "gbv_focal"]),
    ("psea", ["psea_focal"]),
    ("cp", ["protection", "cp_focal"]),
    ("partner", ["partner"]),
)
DEMO_PARTNER = "Nineveh Legal Aid"


def seed_demo():
    partner = db.session.scalar(select(Partner).where(Partner.name == DEMO_PARTNER))
    if partner is None:
        partner = Partner(name=DEMO_PARTNER)
        db.session.add(partner)
        db.session.flush()
    created = []
    for username, roles in DEMO_USERS:
        if db.session.scalar(select(User).where(User.username == username)):
            continue
        create_user(username, DEMO_PASSWORD, roles,
                    partner_id=partner.id if "partner" in roles else None,
                    display_name=username.capitalize())
        created.append(username)
    return f"demo users: {', '.join(created) or 'already present'} (password {DEMO_PASSWORD})"
