"""Demo service directory: partners with services and coverage (idempotent)."""
from sqlalchemy import select

from helpline.extensions import db
from helpline.referrals.models import Partner, PartnerCoverage, PartnerService

DEMO_PARTNERS = (
    # name, focal name, focal phone, services, [(governorate, district or None)]
    ("Nineveh Legal Aid", "Reem Yousif", "+9647701230001",
     ["legal_hlp", "civil_documentation", "protection_cm"], [("Ninewa", "Mosul"), ("Ninewa", "Sinjar")]),
    ("Women's Protection Centre Dohuk", "Nasreen Ali", "+9647501230002",
     ["gbv", "mhpss", "protection_cm"], [("Dahuk", None), ("Ninewa", None)]),
    ("Children First Iraq", "Karwan Aziz", "+9647501230003",
     ["child_protection", "mhpss"], [("Ninewa", None), ("Erbil", None)]),
    ("Anbar Shelter and Cash Consortium", "Omar Khalil", "+9647801230004",
     ["shelter", "livelihoods_cash"], [("Anbar", None), ("Salah al-Din", None)]),
    ("Mine Action Iraq", "Dilshad Hasan", "+9647701230005",
     ["mine_action"], [("Ninewa", None), ("Anbar", None), ("Salah al-Din", None)]),
    ("Mosul Municipality Services Desk", None, None, ["municipal_services", "health"],
     [("Ninewa", "Mosul")]),
)


def seed_demo():
    added = 0
    for name, focal, phone, services, areas in DEMO_PARTNERS:
        partner = db.session.scalar(select(Partner).where(Partner.name == name))
        if partner is None:
            partner = Partner(name=name)
            db.session.add(partner)
        if partner.services:
            continue
        added += 1
        partner.focal_name, partner.focal_phone, partner.is_active = focal, phone, True
        partner.services = [PartnerService(service_type=s) for s in services]
        partner.coverage = [PartnerCoverage(governorate=g, district=d) for g, d in areas]
    db.session.flush()
    referred = _demo_referral()
    return (f"demo partners: {added} added to the service directory"
            + (f"; case {referred} referred to {DEMO_REFERRAL_PARTNER}" if referred else ""))


DEMO_REFERRAL_PARTNER = "Nineveh Legal Aid"


def _demo_referral():
    """One pending referral for the demo partner account to accept, decline or complete."""
    from helpline.cases.models import Case
    from helpline.referrals.models import Referral
    from helpline.referrals.services import create_referral
    from helpline.staff.models import User
    if db.session.scalar(select(Referral.id).limit(1)):
        return None
    case = db.session.scalar(select(Case).where(Case.category == "hlp_eviction",
                                                Case.is_restricted.is_(False)).limit(1))
    officer = db.session.scalar(select(User).where(User.username == "protection"))
    partner = db.session.scalar(select(Partner).where(Partner.name == DEMO_REFERRAL_PARTNER))
    if case is None or officer is None or partner is None:
        return None
    create_referral(case, partner, "legal_hlp",
                    "Returnee family; their house is occupied and they need legal help to "
                    "recover it.", officer,
                    consent={"given_by": "Head of household", "method": "verbal_phone"},
                    share_phone=True)
    return case.reference
