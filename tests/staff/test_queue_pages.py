"""The queue and case pages: order, views, filters, search, masking, escaping, need to know."""
from datetime import timedelta

from helpline.cases.models import Case
from helpline.db import utcnow
from helpline.extensions import db
from tests.staff.helpers import case_of, post_form, sms_case

THREAT = "men with guns came to our house and said they will kill my brother"
WATER = "no water in our village since two weeks"
GBV = "my husband beats me and I have nowhere to go"
THANKS = "thank you very much for your kind help"


def test_queue_orders_by_urgency_then_due_and_masks_phones(app, twilio, logged_in):
    low = sms_case(twilio, THANKS, sender="+9647701000007")
    normal = sms_case(twilio, WATER, sender="+9647701000002")
    critical = sms_case(twilio, THREAT, sender="+9647701000001")
    client = logged_in("operator")
    page = client.get("/").get_data(as_text=True)
    assert page.index(critical) < page.index(normal) < page.index(low)
    assert "+9647701000001" not in page and "+964770•••0001" in page


def test_untriaged_case_sits_between_critical_and_high(app, twilio, logged_in):
    critical = sms_case(twilio, THREAT, sender="+9647701000001")
    high = sms_case(twilio, "my son was arrested by security forces yesterday", sender="+9647701000003")
    waiting = sms_case(twilio, WATER, sender="+9647701000002")
    with app.app_context():
        case = case_of(waiting)
        case.urgency, case.urgency_rank, case.category = None, 1, None
        db.session.commit()
    page = logged_in("operator").get("/").get_data(as_text=True)
    assert page.index(critical) < page.index(waiting) < page.index(high)
    assert "Not triaged yet" in page


def test_restricted_cases_are_never_listed_searched_or_counted(app, twilio, logged_in):
    gbv = sms_case(twilio, GBV, sender="+9647701000005")
    sms_case(twilio, WATER, sender="+9647701000002")
    for roles in (("operator",), ("supervisor",), ("admin",), ("protection",), ("psea_focal",)):
        client = logged_in(*roles)
        page = client.get("/").get_data(as_text=True)
        assert gbv not in page, roles
        assert '<span class="count">1</span>' in page, roles  # "All I may see" counts 1, not 2
        search = client.get(f"/?q={gbv}").get_data(as_text=True)
        assert f"/cases/{gbv}" not in search and "No cases here." in search
        phone_search = client.get("/?q=07701000005").get_data(as_text=True)
        assert gbv not in phone_search
        assert client.get(f"/cases/{gbv}").status_code == 404, roles
    focal = logged_in("gbv_focal")
    assert gbv in focal.get("/").get_data(as_text=True)
    assert f"/cases/{gbv}" in focal.get("/?q=+9647701000005").get_data(as_text=True)
    assert focal.get(f"/cases/{gbv}").status_code == 200


def test_view_counts_leave_restricted_cases_out(app, twilio, logged_in):
    sms_case(twilio, GBV, sender="+9647701000005")
    sms_case(twilio, WATER, sender="+9647701000002")
    from helpline.cases.queue import view_counts
    from helpline.staff.models import User
    client = logged_in("supervisor")
    client.get("/")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "u-supervisor"))
        assert view_counts(user)["all"] == 1


def test_views_mine_unassigned_urgent(app, twilio, logged_in):
    water = sms_case(twilio, WATER, sender="+9647701000002")
    threat = sms_case(twilio, THREAT, sender="+9647701000001")
    client = logged_in("operator")
    assert post_form(client, f"/cases/{water}/claim").status_code == 302
    mine = client.get("/?view=mine").get_data(as_text=True)
    assert water in mine and threat not in mine
    unassigned = client.get("/?view=unassigned").get_data(as_text=True)
    assert threat in unassigned and water not in unassigned
    urgent = client.get("/?view=urgent").get_data(as_text=True)
    assert threat in urgent and water not in urgent
    with app.app_context():
        case_of(water).due_at = utcnow() - timedelta(hours=3, minutes=5)
        db.session.commit()
    urgent = client.get("/?view=urgent").get_data(as_text=True)
    assert water in urgent and "overdue by 3 h" in urgent


def test_filters_and_reference_search(app, twilio, logged_in):
    water = sms_case(twilio, WATER, sender="+9647701000002")
    threat = sms_case(twilio, THREAT, sender="+9647701000001")
    client = logged_in("operator")
    page = client.get("/?category=safety_threat").get_data(as_text=True)
    assert threat in page and water not in page
    page = client.get("/?urgency=normal").get_data(as_text=True)
    assert water in page and threat not in page
    page = client.get("/?channel=voice").get_data(as_text=True)
    assert water not in page and threat not in page
    page = client.get("/?language=en&status=open").get_data(as_text=True)
    assert water in page and threat in page
    lower = water.lower().replace("-", " ")
    page = client.get(f"/?q={lower}").get_data(as_text=True)
    assert f"/cases/{water}" in page and threat not in page
    page = client.get("/?q=0770 100 0001").get_data(as_text=True)
    assert threat in page and water not in page
    assert "Enter a case reference" in client.get("/?q=zzz").get_data(as_text=True)
    with app.app_context():
        case_of(water).governorate = "Ninewa"
        db.session.commit()
    page = client.get("/?governorate=Ninewa").get_data(as_text=True)
    assert water in page and threat not in page


def test_overdue_filter_and_pagination(app, twilio, logged_in):
    refs = [sms_case(twilio, f"{WATER} {n}", sender=f"+96477010001{n:02d}") for n in range(3)]
    with app.app_context():
        case_of(refs[1]).due_at = utcnow() - timedelta(minutes=30)
        db.session.commit()
    client = logged_in("operator")
    page = client.get("/?overdue=1").get_data(as_text=True)
    assert refs[1] in page and refs[0] not in page
    from helpline.cases import queue
    old = queue.PAGE_SIZE
    try:
        from helpline.cases.queue import queue_page
        from helpline.staff.models import User
        with app.app_context():
            user = db.session.scalar(db.select(User).where(User.username == "u-operator"))
            first, more = queue_page(user, page=1, page_size=2)
            second, more2 = queue_page(user, page=2, page_size=2)
            assert more and not more2 and len(first) == 2 and len(second) == 1
            assert {c.reference for c in first + second} == set(refs)
    finally:
        queue.PAGE_SIZE = old


def test_partner_is_sent_to_referrals_and_cannot_open_cases(app, twilio, make_user):
    from helpline.referrals.models import Partner
    from tests.staff.helpers import login
    ref = sms_case(twilio, WATER)
    with app.app_context():
        partner = Partner(name="Test partner")
        db.session.add(partner)
        db.session.commit()
        partner_id = partner.id
    make_user("p1", ["partner"], partner_id=partner_id)
    client = app.test_client()
    login(client, "p1")
    response = client.get("/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/referrals")
    assert client.get(f"/cases/{ref}").status_code == 404
    assert client.get("/cases/new").status_code == 404


def test_script_in_message_bodies_and_notes_is_shown_as_text(app, twilio, logged_in):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ref = sms_case(twilio, f"no water {payload}")
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/notes", {"text": f"note {payload}"})
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 2


def test_case_page_carries_the_referrals_panel(app, twilio, logged_in):
    ref = sms_case(twilio, THREAT)
    page = logged_in("protection").get(f"/cases/{ref}").get_data(as_text=True)
    assert 'id="referrals"' in page and f"/cases/{ref}/refer" in page
    page = logged_in("operator").get(f"/cases/{ref}").get_data(as_text=True)
    assert f"/cases/{ref}/refer" not in page  # operators do not refer
