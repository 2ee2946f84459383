"""Referral in a real browser: consent is required, then the partner accepts."""
import re

import pytest

from helpline.extensions import db
from tests.browser.conftest import log_in
from tests.staff.helpers import sms_case

pytestmark = pytest.mark.browser


@pytest.fixture
def legal_partner(app, make_user):
    from helpline.referrals.directory import add_coverage, save_partner
    from helpline.staff.models import User
    admin_id = make_user("dir-admin", ["admin"])
    with app.app_context():
        admin = db.session.get(User, admin_id)
        partner = save_partner(None, admin, "Legal Aid Partner", service_types=["legal_hlp"])
        add_coverage(partner, admin, "Ninewa")
        db.session.commit()
        return partner.id


def test_officer_refers_with_consent_and_partner_accepts(app, live_server, page, shot, make_user,
                                                          twilio, legal_partner):
    ref = sms_case(twilio, "armed group occupied our house in Sinjar and refuse to leave it",
                   sender="+9647701000009")
    make_user("officer1", ["protection"])
    make_user("partner1", ["partner"], partner_id=legal_partner)

    log_in(page, live_server, "officer1")
    page.goto(f"{live_server}/cases/{ref}/refer?service_type=legal_hlp")
    page.check("input[name=partner_id]")
    page.fill("textarea[name=summary]", "Family's house occupied; needs legal help to recover it.")
    page.fill("input[name=consent_given_by]", "")
    page.click("button:has-text('Send referral')")
    page.wait_for_selector("text=Record who gave consent.")
    shot(page, "10-refer-without-consent")

    page.check("input[name=partner_id]")
    page.fill("input[name=consent_given_by]", "Head of household, by phone")
    page.click("button:has-text('Send referral')")
    page.wait_for_url(re.compile(r".*/referrals/\d+$"))
    assert "Legal Aid Partner" in page.content()
    referral_url = page.url
    page.click("button:has-text('Log out')")

    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "partner1")
    page.fill("input[name=password]", "correct-horse-9")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{live_server}/referrals")
    assert ref in page.content()
    # The partner never reaches the case page itself.
    assert page.goto(f"{live_server}/cases/{ref}").status == 404
    page.goto(referral_url)
    assert "occupied our house" not in page.content()   # messages are never shared
    page.click("button:has-text('Accept')")
    page.wait_for_selector("text=/accepted/i")
    shot(page, "11-partner-accepted")
