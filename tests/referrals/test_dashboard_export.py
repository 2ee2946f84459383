"""Dashboard charts (counts only for restricted categories), CSV export, audit browse page."""
import csv
import io
from datetime import timedelta

from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import Case
from helpline.db import utcnow
from helpline.extensions import db
from tests.referrals.conftest import login, refer


def test_dashboard_shows_counts_and_hides_restricted_drill_down(app, client, world):
    refer(app, world)
    login(client, world.users["supervisor"])
    response = client.get("/dashboard")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<svg") == 4
    assert "Nineveh Legal Aid" in html  # open referrals by partner
    assert "Ninewa" in html
    assert 'href="/?category=hlp_eviction"' in html
    assert 'href="/?category=gbv"' not in html and "restricted: count only" in html
    assert world.gbv_case not in html and world.case not in html  # no case rows at all
    login(client, world.users["gbv_focal"])
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'href="/?category=gbv"' in html and "hlp_eviction" not in html


def test_dashboard_access(client, world):
    for role, expected in (("operator", 403), ("protection", 403), ("partner_a", 403),
                           ("admin", 200), ("psea_focal", 200)):
        login(client, world.users[role])
        assert client.get("/dashboard").status_code == expected, role


def test_dashboard_renders_mirrored_in_arabic(client, world):
    login(client, world.users["supervisor"])
    with client.session_transaction() as session:
        session["lang"] = "ar"
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'dir="rtl"' in html and 'direction="ltr"' in html


def test_compliance_counts_on_time_late_and_overdue(app, world):
    from helpline.dashboard.queries import deadline_compliance
    from helpline.staff.models import User
    with app.app_context():
        cases = db.session.scalars(select(Case)).all()
        cases[0].first_response_at = cases[0].due_at - timedelta(hours=1)
        cases[1].first_response_at = cases[1].due_at + timedelta(hours=1)
        db.session.commit()
        table = deadline_compliance(db.session.get(User, world.users["supervisor"]),
                                    now=utcnow() + timedelta(days=2))
        high = next(r for r in table if r["urgency"] == "high")
        assert (high["on_time"], high["late"], high["overdue"], high["rate"]) == (1, 1, 0, 50.0)


def test_charts_are_pure_and_escape_labels():
    from helpline.dashboard.charts import horizontal_bars, stacked_columns
    svg = horizontal_bars([{"label": "<script>x</script>", "value": 3}], "t")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ltr = horizontal_bars([{"label": "a", "value": 3}], "t")
    rtl = horizontal_bars([{"label": "a", "value": 3}], "t", rtl=True)
    assert ltr != rtl
    cols = stacked_columns([{"label": "1 Jan", "values": {"gbv": 2, "other": 1}}],
                           [{"key": "gbv", "label": "GBV", "colour": "#000"},
                            {"key": "other", "label": "Other", "colour": "#111"}], "t")
    assert cols.count("<rect") == 2 and ">3<" in cols


def test_export_excludes_restricted_masks_phones_and_is_audited(app, client, world):
    login(client, world.users["supervisor"])
    response = client.get("/cases/export.csv?status=open")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["reference"] for r in rows] == [world.case]
    assert rows[0]["phone"] == "+964770•••4444"
    assert "+9647704444444" not in response.get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "case_export"))
        assert entry.detail == {"filter": {"status": "open"}, "row_count": 1}
        assert entry.user_id == world.users["supervisor"]


def test_export_access_and_bad_filters(client, world):
    login(client, world.users["operator"])
    assert client.get("/cases/export.csv").status_code == 403
    login(client, world.users["admin"])
    assert client.get("/cases/export.csv?urgency=extreme").status_code == 400
    assert client.get("/cases/export.csv?from=yesterday").status_code == 400


def test_export_neutralises_formulas(app, client, world):
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == world.case))
        case.district = "=HYPERLINK(\"http://x\")"
        db.session.commit()
    login(client, world.users["supervisor"])
    rows = list(csv.DictReader(io.StringIO(client.get("/cases/export.csv").get_data(as_text=True))))
    assert rows[0]["district"].startswith("'=")


def test_audit_page_filters_and_is_admin_only(app, client, world):
    refer(app, world)
    login(client, world.users["supervisor"])
    assert client.get("/audit").status_code == 403
    login(client, world.users["admin"])
    page = client.get("/audit?action=referral_create")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and world.case in html and "prot" in html
    assert "partner_create" not in html.split("<tbody>")[1]
    html = client.get(f"/audit?object_ref={world.case.lower()}&user=prot").get_data(as_text=True)
    assert "referral_create" in html
    assert "YYYY-MM-DD" in client.get("/audit?from=31/12/2026").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "audit_view"))
    # Append-only: no route changes or deletes entries.
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/audit"):
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}


def test_audit_page_paginates(app, client, world):
    from helpline.audit import record_audit
    with app.app_context():
        for n in range(120):
            record_audit("case_view", None, "case", f"HL-P{n:04d}")
        db.session.commit()
    login(client, world.users["admin"])
    first = client.get("/audit?action=case_view").get_data(as_text=True)
    assert "HL-P0119" in first and "HL-P0000" not in first and "page=2" in first
    third = client.get("/audit?action=case_view&page=3").get_data(as_text=True)
    assert "HL-P0000" in third


def test_no_data_is_a_dash_not_zero():
    from helpline.dashboard.charts import horizontal_bars
    svg = horizontal_bars([{"label": "low", "value": None}, {"label": "high", "value": 0.0}], "t",
                          suffix="%")
    assert ">–<" in svg and ">0%<" in svg
