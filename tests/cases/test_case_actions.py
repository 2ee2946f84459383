"""Case page actions: claim/assign, notes, replies (opt-out), status, resolving with an outcome."""
from sqlalchemy import select

from helpline.audit.models import AuditEntry
from helpline.cases.models import CaseNote
from helpline.channels.models import Message, OutboxEntry
from helpline.extensions import db
from tests.staff.helpers import case_of, post_form, sms_case

WATER = "no water in our village since two weeks"
ARABIC_WATER = "ما عندنا ماي بالقرية من اسبوعين"


def _outbound(case_id, purpose=None):
    query = select(Message).where(Message.case_id == case_id, Message.direction == "out")
    if purpose:
        query = query.where(Message.purpose == purpose)
    return db.session.scalars(query.order_by(Message.id)).all()


def test_claim_then_supervisor_reassigns(app, twilio, logged_in, make_user):
    ref = sms_case(twilio, WATER)
    operator = logged_in("operator", username="op")
    assert post_form(operator, f"/cases/{ref}/claim", page=f"/cases/{ref}").status_code == 302
    with app.app_context():
        case = case_of(ref)
        assert case.assignee.username == "op" and case.status == "assigned"
    # Another operator cannot take it over or assign it.
    other = logged_in("operator", username="op2")
    post_form(other, f"/cases/{ref}/claim", page=f"/cases/{ref}")
    with app.app_context():
        assert case_of(ref).assignee.username == "op"
    page = other.get(f"/cases/{ref}").get_data(as_text=True)
    assert "already assigned" in page
    with app.app_context():
        op2_id = db.session.scalar(select(db.text("id")).select_from(db.text("users")).where(db.text("username='op2'")))
    post_form(other, f"/cases/{ref}/assign", {"assignee_id": str(op2_id)}, page=f"/cases/{ref}")
    with app.app_context():
        assert case_of(ref).assignee.username == "op"
    supervisor = logged_in("supervisor", username="sup")
    assert post_form(supervisor, f"/cases/{ref}/assign", {"assignee_id": str(op2_id)},
                     page=f"/cases/{ref}").status_code == 302
    with app.app_context():
        assert case_of(ref).assignee.username == "op2"
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_ref == ref)).all()
        assert actions.count("case_assign") == 2


def test_restricted_case_cannot_be_assigned_to_someone_who_may_not_see_it(app, twilio, logged_in, make_user):
    ref = sms_case(twilio, "my husband beats me and I have nowhere to go")
    op_id = make_user("op", ["operator"])
    focal = logged_in("gbv_focal", "supervisor", username="gbvsup")
    post_form(focal, f"/cases/{ref}/assign", {"assignee_id": str(op_id)}, page=f"/cases/{ref}")
    with app.app_context():
        assert case_of(ref).assignee_id is None


def test_bulk_assign_from_the_queue(app, twilio, logged_in, make_user):
    refs = [sms_case(twilio, WATER, sender=f"+96477010000{n}1") for n in range(3)]
    op_id = make_user("op", ["operator"])
    supervisor = logged_in("supervisor")
    response = post_form(supervisor, "/queue/assign", {"refs": refs[:2], "assignee_id": str(op_id)})
    assert response.status_code == 302
    with app.app_context():
        assert [getattr(case_of(r).assignee, "username", None) for r in refs] == ["op", "op", None]
    operator = logged_in("operator", username="op3")
    # Operators may only claim: assigning to someone else is refused.
    assert post_form(operator, "/queue/assign", {"refs": [refs[2]], "assignee_id": str(op_id)}).status_code == 403
    post_form(operator, "/queue/assign", {"refs": refs, "assignee_id": "me"})
    with app.app_context():
        assert case_of(refs[2]).assignee.username == "op3"
        assert case_of(refs[0]).assignee.username == "op"  # already assigned: skipped


def test_notes_are_internal_and_audited(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("protection")
    assert post_form(client, f"/cases/{ref}/notes", {"text": "called, no answer"}, page=f"/cases/{ref}").status_code == 302
    post_form(client, f"/cases/{ref}/notes", {"text": "   "}, page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert [n.body for n in db.session.scalars(select(CaseNote))] == ["called, no answer"]
        assert all(m.body != "called, no answer" for m in _outbound(case.id))
    assert "called, no answer" in client.get(f"/cases/{ref}").get_data(as_text=True)


def test_reply_from_template_goes_out_in_the_persons_language(app, twilio, logged_in):
    ref = sms_case(twilio, ARABIC_WATER)
    client = logged_in("operator")
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "SMS parts" in page and 'data-sms-counter="reply-count"' in page
    response = post_form(client, f"/cases/{ref}/reply", {"template": "tried_to_call"}, page=f"/cases/{ref}")
    assert response.status_code == 302
    with app.app_context():
        case = case_of(ref)
        reply = _outbound(case.id, "reply")[-1]
        assert reply.language == "ar" and ref in reply.body and "حاولنا" in reply.body
        assert reply.delivery_status == "delivered"  # sent by the outbox gateway after commit
        assert db.session.scalar(select(OutboxEntry).where(OutboxEntry.body == reply.body))
        assert case.first_response_at is not None


def test_free_text_reply_and_opt_out_is_respected(app, twilio, logged_in):
    ref = sms_case(twilio, WATER, sender="+9647701000099")
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/reply", {"template": "free", "text": "We are checking with the water office."}, page=f"/cases/{ref}")
    twilio.sms("STOP", sender="+9647701000099")
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "opted out" in page and "Send reply" not in page
    post_form(client, f"/cases/{ref}/reply", {"template": "free", "text": "second"}, page=f"/cases/{ref}")
    with app.app_context():
        bodies = [m.body for m in _outbound(case_of(ref).id, "reply")]
        assert bodies == ["We are checking with the water office."]


def test_invalid_status_change_gives_a_clear_message(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/status", {"status": "closed"}, page=f"/cases/{ref}")
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "This status change is not allowed: a case that is Open cannot become Closed." in page
    with app.app_context():
        assert case_of(ref).status == "open"


def test_resolving_needs_an_outcome_and_closes_the_loop(app, twilio, logged_in):
    ref = sms_case(twilio, ARABIC_WATER, sender="+9647701000042")
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/status", {"status": "resolved"}, page=f"/cases/{ref}")
    assert "To resolve a case, write the outcome." in client.get(f"/cases/{ref}").get_data(as_text=True)
    post_form(client, f"/cases/{ref}/status", {"status": "resolved", "outcome": "Water trucking arranged",
                                              "ask_satisfaction": "1"}, page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert case.status == "resolved" and case.outcome == "Water trucking arranged"
        assert case.satisfaction_asked_at is not None
        outcome = _outbound(case.id, "outcome")[0]
        question = _outbound(case.id, "satisfaction")[0]
        assert ref in outcome.body and outcome.language == "ar" and "٥" not in outcome.body
        assert "5" in question.body
    # The person answers in Arabic-Indic digits: stored, thanked, no new case.
    response = twilio.sms("٤", sender="+9647701000042")
    assert "شكرا" in response.get_data(as_text=True)
    with app.app_context():
        case = case_of(ref)
        assert case.satisfaction_score == 4
        from helpline.cases.models import Case
        assert db.session.scalar(select(db.func.count()).select_from(Case)) == 1
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "4 / 5" in page


def test_reopen_needs_a_reason(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/status", {"status": "resolved", "outcome": "done"}, page=f"/cases/{ref}")
    post_form(client, f"/cases/{ref}/status", {"status": "reopened"}, page=f"/cases/{ref}")
    with app.app_context():
        assert case_of(ref).status == "resolved"
    post_form(client, f"/cases/{ref}/status", {"status": "reopened", "reason": "still no water"}, page=f"/cases/{ref}")
    with app.app_context():
        assert case_of(ref).status == "reopened"


def test_outcome_is_not_sent_to_opted_out_contacts(app, twilio, logged_in):
    ref = sms_case(twilio, WATER, sender="+9647701000077")
    twilio.sms("STOP", sender="+9647701000077")
    client = logged_in("operator")
    post_form(client, f"/cases/{ref}/status", {"status": "resolved", "outcome": "done", "ask_satisfaction": "1"}, page=f"/cases/{ref}")
    with app.app_context():
        case = case_of(ref)
        assert case.status == "resolved"
        assert _outbound(case.id, "outcome") == [] and case.satisfaction_asked_at is None
        assert "outcome_not_sent" in [e.kind for e in case.events]


def test_every_case_view_is_audited(app, twilio, logged_in):
    ref = sms_case(twilio, WATER)
    client = logged_in("operator")
    client.get(f"/cases/{ref}")
    client.get(f"/cases/{ref}")
    with app.app_context():
        views = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "case_view",
                                                            AuditEntry.object_ref == ref)).all()
        assert len(views) == 2 and views[0].user_id is not None


def test_call_us_back_template_takes_the_number_to_call(app, twilio, logged_in):
    ref = sms_case(twilio, "ئاو و کارەبا لە گوندەکەمان نییە، تکایە یارمەتیمان بدەن", sender="+9647501000003")
    client = logged_in("operator")
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert 'name="callback_number"' in page
    post_form(client, f"/cases/{ref}/reply", {"template": "call_us_back", "callback_number": "call me"},
              page=f"/cases/{ref}")
    assert "Write the number to call back" in client.get(f"/cases/{ref}").get_data(as_text=True)
    post_form(client, f"/cases/{ref}/reply", {"template": "call_us_back", "callback_number": "0750 111 2222"},
              page=f"/cases/{ref}")
    with app.app_context():
        replies = _outbound(case_of(ref).id, "reply")
        assert len(replies) == 1 and "07501112222" in replies[0].body and replies[0].language == "ckb"
