"""Inbound messages are triaged into their case by the (in-process) worker."""
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.channels.models import Message, OutboxEntry
from helpline.extensions import db


def _case(app):
    with app.app_context():
        return db.session.scalar(select(Case))


def test_triage_sets_category_urgency_deadline_and_opens_case(app, twilio):
    twilio.sms("There is no water and no electricity in our village since we returned")
    case = _case(app)
    assert case.status == "open"
    assert case.category == "basic_services"
    assert case.urgency == "normal"
    assert (case.due_at - case.created_at).total_seconds() == 72 * 3600


def test_critical_message_gets_help_is_coming_ack_and_alerts_on_duty_with_reference_only(app, twilio):
    response = twilio.sms("armed men came and said they will kill my brother tonight")
    text = response.get_data(as_text=True)
    assert "Help is coming" in text and app.config["EMERGENCY_NUMBER"] in text
    case = _case(app)
    assert case.urgency == "critical"
    with app.app_context():
        alerts = db.session.scalars(select(OutboxEntry)).all()
        assert alerts and all(case.reference in a.body for a in alerts)
        assert all("kill" not in a.body for a in alerts)
        # Staff alerts are not part of the conversation with the person.
        from helpline.cases.queries import conversation
        assert all(m.purpose != "staff_alert" for m in conversation(db.session.get(Case, case.id)))


def test_later_message_raises_urgency_but_never_lowers_it(app, twilio):
    twilio.sms("we need help with the cash grant")
    assert _case(app).urgency == "normal"
    twilio.sms("now they are shooting at our house")
    assert _case(app).urgency == "critical"
    twilio.sms("thank you")
    assert _case(app).urgency == "critical"


def test_gbv_case_is_restricted_and_stays_restricted(app, twilio):
    twilio.sms("my husband beats me every night")
    case = _case(app)
    assert case.is_restricted and ",gbv_focal," in case.restricted_to
    twilio.sms("we also need water")
    assert _case(app).is_restricted


def test_broker_down_keeps_message_and_sweep_processes_it(app, twilio, monkeypatch):
    from datetime import timedelta

    import helpline.channels.sms.views as views
    monkeypatch.setattr(views, "enqueue", lambda *a, **k: False)
    response = twilio.sms("no electricity in our district since a week")
    assert response.status_code == 200 and "HL-" in response.get_data(as_text=True)
    with app.app_context():
        message = db.session.scalar(select(Message).where(Message.direction == "in"))
        assert message.processing_state == "received"
        message.created_at = message.created_at - timedelta(minutes=10)
        db.session.commit()
    monkeypatch.undo()
    from helpline.channels.tasks import requeue_stalled_messages
    with app.app_context():
        assert requeue_stalled_messages.apply().get() == 1
    case = _case(app)
    assert case.category == "basic_services" and case.status == "open"
