"""Staff pages: registry, registration form, import, dashboard and CSV, plans; who may see them."""
import io

import pytest
from sqlalchemy import select

from helpline.checkins.models import Household
from helpline.extensions import db
from tests.checkins.conftest import baghdad, count


def _login(client, make_user, username, roles):
    make_user(username, roles)
    page = client.get("/login")
    import re
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post("/login", data={"username": username, "password": "correct-horse-9",
                                           "csrf_token": token})
    assert response.status_code in (302, 303)
    return token


def _csrf(client, path):
    import re
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_operator_registers_a_household_through_the_form(client, make_user):
    _login(client, make_user, "op", ["operator"])
    token = _csrf(client, "/checkins/households/new")
    form = {"csrf_token": token, "phone": "0770 123 4567", "language": "ar",
            "arrival_date": "2026-01-05", "governorate": "Ninewa", "district": "Sinjar",
            "movement_type": "return", "preferred_channel": "sms", "consent_followup": "yes",
            "vulnerability_flags": ["disability"]}
    response = client.post("/checkins/households/new", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "+9647701234567" in page
    listing = client.get("/checkins/households").get_data(as_text=True)
    assert "+964770•••4567" in listing and "+9647701234567" not in listing


def test_form_errors_are_shown_and_nothing_is_stored(client, make_user, app):
    _login(client, make_user, "sup", ["supervisor"])
    token = _csrf(client, "/checkins/households/new")
    response = client.post("/checkins/households/new", data={
        "csrf_token": token, "phone": "123", "language": "ar", "arrival_date": "2026-01-05",
        "governorate": "Ninewa", "district": "Sinjar"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    with app.app_context():
        assert count(Household) == 0


def test_import_page_shows_line_numbers_and_reasons(client, make_user, app):
    _login(client, make_user, "op", ["operator"])
    token = _csrf(client, "/checkins/import")
    data = ("phone,language,arrival_date,governorate,district,consent_followup\n"
            "0770 123 4567,ar,2026-01-05,Ninewa,Sinjar,yes\n"
            "bad,ar,2026-01-05,Ninewa,Sinjar,yes\n").encode()
    response = client.post("/checkins/import", data={
        "csrf_token": token, "file": (io.BytesIO(data), "export.csv")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<td>3</td>" in html
    with app.app_context():
        assert count(Household) == 1


def test_people_without_the_role_are_refused(client, make_user):
    _login(client, make_user, "partner-user", ["gbv_focal"])
    assert client.get("/checkins/households").status_code == 403
    assert client.get("/checkins/indicators").status_code == 403


def test_dashboard_and_csv_show_the_indicators(client, make_user, app, register, sweep):
    register()
    register(phone="07701234568", governorate="Erbil", district="Erbil")
    sweep(baghdad(2026, 3, 11, 10))
    with app.app_context():
        from helpline.checkins.answers import record_answer
        from helpline.checkins.models import CheckIn
        checkin = db.session.scalar(select(CheckIn).join(Household).where(
            Household.governorate == "Ninewa", CheckIn.wave == 1))
        record_answer(checkin, "wellbeing", "problem", "2", "sms", now=baghdad(2026, 3, 11, 11))
        record_answer(checkin, "main_problem", "housing", "2", "sms")
        record_answer(checkin, "plan_to_stay", "no", "2", "sms")
        db.session.commit()
    _login(client, make_user, "sup", ["supervisor"])
    page = client.get("/checkins/indicators")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html and "Ninewa" in html and "Erbil" in html
    csv_text = client.get("/checkins/indicators.csv").get_data(as_text=True)
    lines = csv_text.strip().splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","))) for line in lines[1:]]
    ninewa = next(r for r in rows if r["governorate"] == "Ninewa" and r["wave"] == "1")
    erbil = next(r for r in rows if r["governorate"] == "Erbil" and r["wave"] == "1")
    assert (ninewa["households_due"], ninewa["contacted"], ninewa["reached"]) == ("1", "1", "1")
    assert ninewa["reporting_problem"] == "1" and ninewa["problem_housing"] == "1"
    assert ninewa["stay_no"] == "1" and ninewa["staying_share"] == "0.000"
    assert erbil["reached"] == "0" and erbil["response_rate"] == "0.000"
    with app.app_context():
        from helpline.checkins.indicators import indicator_rows
        # Waves are counted once due: on 12 March only wave 1 is.
        assert {r.wave for r in indicator_rows(baghdad(2026, 3, 12, 10))} == {1}
        assert {r.wave for r in indicator_rows(baghdad(2026, 6, 2, 10))} == {1, 2}


def test_admin_adds_a_plan_used_for_registration(client, make_user, app):
    _login(client, make_user, "adm", ["admin"])
    token = _csrf(client, "/checkins/plans")
    response = client.post("/checkins/plans", data={
        "csrf_token": token, "name": "Sinjar pilot", "waves": "14d/10, 6m/30",
        "send_from_hour": "10", "send_until_hour": "18", "max_reminders": "1",
        "reminder_interval_hours": "24"})
    assert response.status_code == 302
    with app.app_context():
        from helpline.checkins.services import register_household
        from tests.checkins.conftest import household_data
        household = register_household(household_data(plan="Sinjar pilot"),
                                       now=baghdad(2026, 3, 1, 12))
        assert [c.wave for c in household.checkins] == [1, 2]
        assert household.checkins[0].due_at == baghdad(2026, 3, 15, 10)
        db.session.rollback()
