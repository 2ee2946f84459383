"""Demo households: registered through the real service, at different points of their plan."""
from datetime import timedelta

from sqlalchemy import func, select

from helpline.checkins.models import Household
from helpline.checkins.services import local_today, register_household
from helpline.extensions import db

DEMO_HOUSEHOLDS = (
    # phone, language, days since arrival, governorate, district, origin, channel
    ("+9647702000001", "ar", 0, "Ninewa", "Sinjar", ("Duhok", "Sumel"), "sms"),
    ("+9647502000002", "ckb", 3, "Kirkuk", "Daquq", ("Sulaymaniyah", "Sulaymaniyah"), "sms"),
    ("+9647502000003", "ku", 12, "Ninewa", "Sinjar", ("Dahuk", "Zakho"), "sms"),
    ("+9647702000004", "en", 85, "Anbar", "Falluja", ("Baghdad", "Abu Ghraib"), "sms"),
    ("+9647702000005", "ar", 9, "Salah al-Din", "Baiji", ("Erbil", "Erbil"), "voice"),
)


def seed_demo():
    if db.session.scalar(select(func.count()).select_from(Household)):
        return "demo households: already present"
    today = local_today()
    for phone, language, days, gov, district, origin, channel in DEMO_HOUSEHOLDS:
        register_household({
            "phone": phone, "language": language,
            "arrival_date": (today - timedelta(days=days)).isoformat(),
            "movement_type": "return", "governorate": gov, "district": district,
            "origin_governorate": origin[0], "origin_district": origin[1],
            "household_size": 5, "consent_followup": True, "preferred_channel": channel,
            "registration_source": "demo help desk"})
    return (f"demo households: {len(DEMO_HOUSEHOLDS)} registered "
            "(run `flask checkins sweep --now …` to send due waves)")
