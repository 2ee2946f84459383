"""Referral fixtures: two partner organisations, staff of every role, an open and a GBV case."""
from types import SimpleNamespace

import pytest

from helpline.extensions import db

PASSWORD = "correct-horse-9"


@pytest.fixture
def no_csrf(app, monkeypatch):
    """Page posts without tokens (CSRF itself is tested separately)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)


def login(client, user_id):
    """A logged-in staff session, as the login page leaves it."""
    import time
    now = int(time.time())
    with client.session_transaction() as session:
        session.update({"_user_id": str(user_id), "_fresh": True, "login_at": now,
                        "seen": now})
    return client


def make_case(contact_phone, category, urgency, governorate="Ninewa", district="Mosul",
              language="ar"):
    from helpline.cases.services import open_case, set_urgency
    from helpline.cases.triage import restrict_case
    from helpline.contacts.models import Contact
    contact = Contact(phone=contact_phone, language=language)
    db.session.add(contact)
    db.session.flush()
    case = open_case(contact, "sms", language, governorate=governorate, district=district)
    case.category, case.categories, case.status = category, [category], "open"
    restrict_case(case)
    set_urgency(case, urgency)
    return case


@pytest.fixture
def fast_hashing(monkeypatch):
    """Cheap Argon2 parameters: these tests create many accounts."""
    from argon2 import PasswordHasher
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr("helpline.staff.services.hash_password", hasher.hash)


@pytest.fixture
def world(app, fast_hashing):
    from helpline.referrals.directory import add_coverage, save_partner
    from helpline.staff.services import create_user
    with app.app_context():
        admin = create_user("admin1", PASSWORD, ["admin"])
        a = save_partner(None, admin, "Nineveh Legal Aid", focal_name="Reem",
                         focal_phone="+9647701111111", service_types=["legal_hlp", "gbv"])
        add_coverage(a, admin, "Ninewa", "Mosul")
        b = save_partner(None, admin, "Tal Afar Women Centre", service_types=["legal_hlp", "gbv"])
        add_coverage(b, admin, "Ninewa")
        c = save_partner(None, admin, "Basra Shelter", service_types=["shelter", "legal_hlp"])
        add_coverage(c, admin, "Basra")
        users = {
            "admin": admin,
            "supervisor": create_user("sup", PASSWORD, ["supervisor"], phone="+9647702222222"),
            "operator": create_user("op", PASSWORD, ["operator"]),
            "protection": create_user("prot", PASSWORD, ["protection"]),
            "gbv_focal": create_user("gbvf", PASSWORD, ["gbv_focal"], phone="+9647703333333"),
            "psea_focal": create_user("psea", PASSWORD, ["psea_focal"]),
            "cp_focal": create_user("cpf", PASSWORD, ["cp_focal"]),
            "partner_a": create_user("pa", PASSWORD, ["partner"], partner_id=a.id),
            "partner_b": create_user("pb", PASSWORD, ["partner"], partner_id=b.id),
        }
        open_case = make_case("+9647704444444", "hlp_eviction", "high")
        gbv_case = make_case("+9647705555555", "gbv", "high")
        db.session.commit()
        return SimpleNamespace(
            users={k: u.id for k, u in users.items()},
            partner_a=a.id, partner_b=b.id, partner_c=c.id,
            case=open_case.reference, gbv_case=gbv_case.reference)


def refer(app, world, case_ref=None, partner_id=None, actor="protection", service="legal_hlp",
          **kwargs):
    """Create a referral through the service (consent by default). Returns its id."""
    from sqlalchemy import select

    from helpline.cases.models import Case
    from helpline.referrals.models import Partner
    from helpline.referrals.services import create_referral
    from helpline.staff.models import User
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == (case_ref or world.case)))
        partner = db.session.get(Partner, partner_id or world.partner_a)
        user = db.session.get(User, world.users[actor])
        kwargs.setdefault("consent", {"given_by": "the person", "method": "verbal_phone",
                                      "at": None})
        referral = create_referral(case, partner, service, "Needs legal help with eviction "
                                   "notice.", user, **kwargs)
        db.session.commit()
        return referral.id
