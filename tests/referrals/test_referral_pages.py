"""Referral pages: staff list scoped by case visibility, partner view scoped by organisation."""
from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import Case
from helpline.extensions import db
from helpline.referrals.models import Partner, Referral
from tests.referrals.conftest import login, refer


def test_partner_sees_only_own_referrals_and_only_referral_fields(app, client, world, no_csrf):
    own = refer(app, world)
    other = refer(app, world, partner_id=world.partner_b)
    login(client, world.users["partner_a"])
    page = client.get("/referrals")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"#{own}" in html and f"#{other}" not in html
    assert client.get(f"/referrals/{other}").status_code == 404
    detail = client.get(f"/referrals/{own}").get_data(as_text=True)
    assert "Needs legal help" in detail and world.case in detail
    assert "+9647704444444" not in detail  # not shared: no phone consent
    assert client.get(f"/cases/{world.case}").status_code in (403, 404)


def test_partner_accepts_declines_completes(app, client, world, no_csrf):
    first = refer(app, world, share_phone=True)
    second = refer(app, world)
    login(client, world.users["partner_a"])
    before = client.get(f"/referrals/{first}").get_data(as_text=True)
    assert "+9647704444444" not in before
    assert client.post(f"/referrals/{first}/accept").status_code == 302
    after = client.get(f"/referrals/{first}").get_data(as_text=True)
    assert "+9647704444444" in after  # accepted, and the person agreed to be phoned
    client.post(f"/referrals/{first}/complete", data={"outcome_note": "Lawyer assigned"})
    client.post(f"/referrals/{second}/decline", data={"reason": ""})
    with app.app_context():
        assert db.session.get(Referral, first).status == "completed"
        assert db.session.get(Referral, second).status == "pending"  # a reason is required
    client.post(f"/referrals/{second}/decline", data={"reason": "Out of capacity"})
    with app.app_context():
        assert db.session.get(Referral, second).status == "declined"
    # A partner cannot revoke; staff cannot accept on a partner's behalf.
    assert client.post(f"/referrals/{second}/revoke", data={"reason": "x"}).status_code == 403


def test_partner_of_other_organisation_gets_404_on_actions(app, client, world, no_csrf):
    referral_id = refer(app, world)
    login(client, world.users["partner_b"])
    assert client.post(f"/referrals/{referral_id}/accept").status_code == 404
    with app.app_context():
        assert db.session.get(Referral, referral_id).status == "pending"


def test_staff_list_hides_referrals_of_restricted_cases(app, client, world):
    open_ref = refer(app, world)
    gbv_ref = refer(app, world, case_ref=world.gbv_case, actor="gbv_focal", service="gbv")
    login(client, world.users["supervisor"])
    html = client.get("/referrals").get_data(as_text=True)
    assert f"#{open_ref}" in html and f"#{gbv_ref}" not in html
    assert client.get(f"/referrals/{gbv_ref}").status_code == 404
    client.get("/logout")
    login(client, world.users["gbv_focal"])
    html = client.get("/referrals").get_data(as_text=True)
    assert f"#{gbv_ref}" in html and f"#{open_ref}" in html


def test_refer_form_creates_referral_with_consent(app, client, world, no_csrf):
    login(client, world.users["protection"])
    form = client.get(f"/cases/{world.case}/refer?service_type=legal_hlp")
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert html.index("Nineveh Legal Aid") < html.index("Tal Afar Women Centre")
    response = client.post(f"/cases/{world.case}/refer", data={
        "service_type": "legal_hlp", "partner_id": str(world.partner_a),
        "summary": "Eviction notice, needs a lawyer", "consent_mode": "consent",
        "consent_given_by": "the person", "consent_method": "in_person",
        "consent_at": "2026-01-05T10:30"})
    assert response.status_code == 302
    with app.app_context():
        referral = db.session.scalar(select(Referral))
        assert referral.consent_method == "in_person"
        assert referral.consent_at.isoformat() == "2026-01-05T07:30:00+00:00"  # Baghdad time
        assert db.session.scalar(select(Case.status).where(Case.reference == world.case)) \
            == "referred"


def test_refer_form_without_consent_is_refused(app, client, world, no_csrf):
    login(client, world.users["protection"])
    response = client.post(f"/cases/{world.case}/refer", data={
        "service_type": "legal_hlp", "partner_id": str(world.partner_a),
        "summary": "x", "consent_mode": "override", "override_reason": ""})
    assert response.status_code == 200
    assert "consent" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Referral)) is None


def test_who_may_refer(app, client, world):
    for role in ("operator", "admin"):
        login(client, world.users[role])
        assert client.get(f"/cases/{world.case}/refer").status_code == 403
    login(client, world.users["supervisor"])
    assert client.get(f"/cases/{world.gbv_case}/refer").status_code == 404
    login(client, world.users["gbv_focal"])
    assert client.get(f"/cases/{world.gbv_case}/refer").status_code == 200


def test_referral_actions_need_csrf_token(app, client, world):
    referral_id = refer(app, world)
    login(client, world.users["partner_a"])
    assert client.post(f"/referrals/{referral_id}/accept").status_code == 400
    with app.app_context():
        assert db.session.get(Referral, referral_id).status == "pending"


def test_directory_admin_manages_partners(app, client, world, no_csrf):
    login(client, world.users["admin"])
    response = client.post("/directory/new", data={
        "name": "Sinjar Mine Action", "focal_name": "Dilshad", "focal_phone": "0750 123 4567",
        "is_active": "on", "service_types": ["mine_action"]})
    assert response.status_code == 302
    with app.app_context():
        partner = db.session.scalar(select(Partner).where(Partner.name == "Sinjar Mine Action"))
        assert partner.focal_phone == "+9647501234567" and partner.service_types == ["mine_action"]
        pid = partner.id
    client.post(f"/directory/{pid}/coverage", data={"governorate": "Ninewa", "district": "Sinjar"})
    html = client.get("/directory?service_type=mine_action").get_data(as_text=True)
    assert "Sinjar Mine Action" in html and "Ninewa / Sinjar" in html
    login(client, world.users["protection"])
    assert client.get("/directory").status_code == 200
    assert client.post("/directory/new", data={"name": "x"}).status_code == 403
    login(client, world.users["partner_a"])
    assert client.get("/directory").status_code == 403


def test_views_are_audited_and_pages_render_rtl(app, client, world):
    referral_id = refer(app, world)
    login(client, world.users["partner_a"])
    with client.session_transaction() as session:
        session["lang"] = "ar"
    html = client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert 'dir="rtl"' in html
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "referral_view"))
        assert entry.object_ref == str(referral_id) and entry.detail["view"] == "partner"


def test_case_page_partial_lists_referrals_and_offers_refer(app, world):
    from flask import render_template_string
    from flask_login import login_user

    from helpline.staff.models import User
    referral_id = refer(app, world, consent=None, override_reason="Threat tonight")
    template = '{% include "referrals/_case_panel.html" %}'
    with app.test_request_context("/"):
        case = db.session.scalar(select(Case).where(Case.reference == world.case))
        login_user(db.session.get(User, world.users["protection"]))
        html = render_template_string(template, case=case)
        assert f"#{referral_id}" in html and "Nineveh Legal Aid" in html
        assert "Emergency override" in html and f"/cases/{world.case}/refer" in html
        login_user(db.session.get(User, world.users["operator"]))
        html = render_template_string(template, case=case)
        assert f"#{referral_id}" in html and f"/cases/{world.case}/refer" not in html
