"""Triage corrections: stored with the engine output, reason required, restriction rules."""
import json

from sqlalchemy import select

from helpline.cases.models import TriageCorrection
from helpline.extensions import db
from tests.staff.helpers import case_of, post_form, sms_case

WATER = "no water in our village since two weeks"
GBV = "my husband beats me and I have nowhere to go"


def test_correction_is_stored_with_engine_output_and_reason(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator", username="op")
    post_form(client, f"/cases/{ref}/correct", {"category": "shelter", "urgency": "high",
                                               "reason": "the house collapsed, water is secondary"},
              page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert case.category == "shelter" and case.urgency == "high" and case.urgency_rank == 2
        correction = db.session.scalar(select(TriageCorrection))
        assert correction.engine_category == "basic_services" and correction.engine_urgency == "normal"
        assert correction.corrected_category == "shelter" and correction.corrected_urgency == "high"
        assert correction.message_id is not None and correction.actor.username == "op"
        assert correction.engine_evidence
        assert "triage_corrected" in [e.kind for e in case.events]


def test_correction_without_reason_is_refused(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/correct", {"category": "shelter", "urgency": "low", "reason": " "},
              page=f"/cases/{ref}")
    assert "Give a reason." in client.get(f"/cases/{ref}").get_data(as_text=True)
    with app.app_context():
        case = case_of(ref)
        assert case.category == "basic_services" and case.urgency == "normal"
        assert db.session.scalar(select(TriageCorrection)) is None


def test_lowering_urgency_with_a_reason_is_recorded(app, twilio, logged_in):
    ref = sms_case(twilio, "men with guns came to our house and said they will kill my brother")
    client = logged_in("protection")
    post_form(client, f"/cases/{ref}/correct", {"category": "safety_threat", "urgency": "normal",
                                               "reason": "event was in 2016, family is safe now"},
              page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert case.urgency == "normal"
        kinds = [e.kind for e in case.events]
        assert "urgency_lowered" in kinds


def test_correcting_to_a_restricted_category_hides_the_case(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator")
    response = post_form(client, f"/cases/{ref}/correct",
                         {"category": "gbv", "reason": "on the phone she said her husband hits her"},
                         page=f"/cases/{ref}")
    assert response.headers["Location"] == "/"
    with app.app_context():
        case = case_of(ref)
        assert case.is_restricted and case.restricted_to == ",gbv_focal,"
    assert client.get(f"/cases/{ref}").status_code == 404
    assert f"/cases/{ref}" not in client.get("/").get_data(as_text=True)


def test_restricted_case_stays_restricted_unless_its_focal_point_says_so(app, twilio, logged_in):
    ref = sms_case(twilio, GBV)
    # A PSEA focal point holding only psea_focal cannot even see it.
    assert logged_in("psea_focal").get(f"/cases/{ref}").status_code == 404
    # A CP + GBV focal point may lift it: that is their category.
    focal = logged_in("gbv_focal", username="gbv")
    post_form(focal, f"/cases/{ref}/correct",
              {"category": "shelter", "urgency": "normal", "reason": "misread: she asks for a tent"},
              page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert not case.is_restricted and case.restricted_to is None
        assert "restriction_lifted" in [e.kind for e in case.events]


def test_correction_by_someone_without_that_focal_role_keeps_the_restriction(app):
    from helpline.cases.corrections import correct_triage
    from helpline.cases.services import open_case
    from helpline.staff.services import create_user
    with app.app_context():
        cp_user = create_user("cp", "correct-horse-9", ["cp_focal", "gbv_focal"])
        case = open_case(None, "walk_in", "en")
        case.categories, case.category = ["gbv", "child_protection"], "gbv"
        case.is_restricted, case.restricted_to = True, ",cp_focal,gbv_focal,"
        db.session.flush()
        # gbv removed by someone holding gbv_focal: gbv_focal goes, cp_focal stays (still cp).
        correct_triage(case, cp_user, "only the child is at risk", category="child_protection")
        assert case.is_restricted and case.restricted_to == ",cp_focal,"
        other = create_user("psea", "correct-horse-9", ["psea_focal", "operator"])
        case2 = open_case(None, "walk_in", "en")
        case2.categories, case2.category = ["misconduct_fraud"], "misconduct_fraud"
        case2.is_restricted, case2.restricted_to = True, ",psea_focal,"
        db.session.flush()
        correct_triage(case2, other, "not fraud, a delay", category="livelihoods_cash")
        assert not case2.is_restricted
        op = create_user("op", "correct-horse-9", ["operator", "cp_focal"])
        case3 = open_case(None, "walk_in", "en")
        case3.categories, case3.category = ["psea"], "psea"
        case3.is_restricted, case3.restricted_to = True, ",psea_focal,"
        db.session.flush()
        correct_triage(case3, op, "looks like fraud", category="other")
        assert case3.is_restricted and case3.restricted_to == ",psea_focal,"
        db.session.rollback()


def test_corrections_cli_lists_for_rule_review(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator", username="op")
    post_form(client, f"/cases/{ref}/correct", {"category": "shelter", "reason": "tent needed"},
              page=f"/cases/{ref}")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["triage", "corrections", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.strip().splitlines()[0])
    assert row["case"] == ref and row["engine"]["category"] == "basic_services"
    assert row["corrected"]["category"] == "shelter" and row["by"] == "op" and row["reason"] == "tent needed"
    table = runner.invoke(args=["triage", "corrections"])
    assert "basic_services/normal" in table.output and "shelter/normal" in table.output
    assert "1 correction(s)" in table.output
    later = runner.invoke(args=["triage", "corrections", "--since", "2999-01-01", "--format", "jsonl"])
    assert later.output.strip() == ""
    bad = runner.invoke(args=["triage", "corrections", "--since", "yesterday"])
    assert bad.exit_code != 0
