"""Household validation, the JSON API and CSV import."""
import pytest
from sqlalchemy import select

from helpline.checkins.importer import import_households
from helpline.checkins.models import CheckIn, Household
from helpline.checkins.services import DuplicateHousehold, HouseholdInvalid, register_household
from helpline.extensions import db
from tests.checkins.conftest import baghdad, count, household_data


@pytest.mark.parametrize("field,value", [
    ("phone", "12345"), ("phone", ""), ("language", "fr"), ("arrival_date", "2026-13-01"),
    ("arrival_date", "2026-03-05"),            # in the future on 1 March
    ("consent_followup", False), ("consent_followup", None), ("governorate", "Atlantis"),
    ("district", ""), ("household_size", "0"), ("household_size", "many"),
    ("movement_type", "tourism"), ("vulnerability_flags", ["rich"]),
    ("alternate_phone", "999"), ("preferred_channel", "pigeon"),
])
def test_invalid_households_are_refused_with_the_field_named(app_ctx, field, value):
    with pytest.raises(HouseholdInvalid) as info:
        register_household(household_data(**{field: value}), now=baghdad(2026, 3, 1, 12))
    assert field in info.value.errors
    assert count(Household) == 0


def test_valid_household_is_normalised(app_ctx):
    household = register_household(household_data(
        phone="٠٧٧٠ ١٢٣ ٤٥٦٧", language="kmr", governorate="نينوى", district="  Sinjar ",
        vulnerability_flags="disability; elderly_headed", consent_followup="yes"),
        now=baghdad(2026, 3, 1, 12))
    assert household.phone == "+9647701234567"
    assert household.language == "ku" and household.governorate == "Ninewa"
    assert household.district == "Sinjar"
    assert household.vulnerability_flags == ["disability", "elderly_headed"]
    assert household.contact.phone == "+9647701234567"


def test_same_phone_and_arrival_date_is_a_duplicate(app_ctx):
    register_household(household_data(), now=baghdad(2026, 3, 1, 12))
    with pytest.raises(DuplicateHousehold):
        register_household(household_data(phone="+964 770 123 4567"), now=baghdad(2026, 3, 1, 12))
    # A second return of the same family (new arrival date) is a new registration.
    register_household(household_data(arrival_date="2026-02-01"), now=baghdad(2026, 3, 1, 12))
    assert count(Household) == 2


def test_api_registers_and_reads_a_household(client, api_token):
    token = api_token("op", roles=("operator",))
    headers = {"Authorization": f"Bearer {token}"}
    body = {"phone": "+9647701234567", "language": "ckb", "arrival_date": "2026-01-10",
            "movement_type": "return", "governorate": "Kirkuk", "district": "Daquq",
            "household_size": 4, "consent_followup": True}
    created = client.post("/api/v1/households", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    data = created.get_json()
    assert data["id"] and data["language"] == "ckb"
    got = client.get(f"/api/v1/households/{data['id']}", headers=headers).get_json()
    assert {"wave", "due_at", "status", "attempts"} <= set(got["checkins"][0])
    assert all(c["status"] == "scheduled" for c in got["checkins"])
    dup = client.post("/api/v1/households", json=body, headers=headers)
    assert dup.status_code == 409 and dup.get_json()["id"] == data["id"]


def test_api_validation_errors_and_permissions(client, api_token):
    headers = {"Authorization": f"Bearer {api_token('op', roles=('operator',))}"}
    bad = client.post("/api/v1/households", json={"phone": "1", "language": "xx"},
                      headers=headers)
    assert bad.status_code == 422
    assert {"phone", "language", "arrival_date", "consent_followup"} <= set(bad.get_json()["errors"])
    assert client.post("/api/v1/households", data="nope", headers=headers).status_code == 400
    assert client.get("/api/v1/households/999", headers=headers).status_code == 404
    assert client.post("/api/v1/households", json={}).status_code == 401
    partner = {"Authorization": f"Bearer {api_token('gbv', roles=('gbv_focal',))}"}
    assert client.post("/api/v1/households", json={}, headers=partner).status_code == 403


CSV = """phone,language,arrival_date,governorate,district,consent_followup,household_size
0770 123 4567,ar,2026-02-20,Ninewa,Sinjar,yes,5
0770 123 4567,ar,2026-02-20,Ninewa,Sinjar,yes,5
12345,ar,2026-02-20,Ninewa,Sinjar,yes,5
0750 111 2222,fr,2026-02-20,Dahuk,Zakho,yes,3
0750 111 3333,ckb,2026-02-20,Erbil,Erbil,no,3
"0750 111 4444",ku,2026-02-21,Duhok,Zakho,yes,"2"
0750 111 5555,en,2026-02-21,Duhok,Zakho,yes,2,extra
0750 111 6666,en,2026-02-21
"""


def test_csv_import_reports_every_row(app_ctx):
    report = import_households(CSV.encode("utf-8"), now=baghdad(2026, 3, 1, 12))
    by_line = {r.line: r for r in report.rows}
    assert [r.status for r in report.rows] == [
        "imported", "duplicate", "rejected", "rejected", "rejected", "imported", "rejected",
        "rejected"]
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert "phone" in by_line[4].reason and "language" in by_line[5].reason
    assert "consent" in by_line[6].reason
    assert by_line[3].household_id == by_line[2].household_id
    assert report.imported == 2 and len(report.rows) == 8
    db.session.commit()
    assert count(Household) == 2 and count(CheckIn) == 6


def test_csv_import_refuses_a_file_without_required_columns(app_ctx):
    report = import_households(b"name,phone\nx,0770 123 4567\n")
    assert report.error and "language" in report.error and not report.rows


def test_csv_import_reads_windows_arabic_exports_and_header_aliases(app_ctx):
    text = ("Phone Number;Lang;Date of Arrival;Destination Governorate;Destination District;"
            "Consent\n0770 123 4567;ar;2026-02-20;نينوى;سنجار;نعم\n")
    report = import_households(text.encode("cp1256"), now=baghdad(2026, 3, 1, 12))
    assert report.note and report.imported == 1, report.rows
    household = db.session.scalar(select(Household))
    assert household.governorate == "Ninewa" and household.district == "سنجار"
