"""Two identical Twilio retries arriving at the same moment on PostgreSQL store one message."""
import threading

import pytest
from sqlalchemy import func, select

from helpline.cases.models import Case
from helpline.channels.models import Message
from helpline.channels.signature import sign
from helpline.extensions import db

pytestmark = pytest.mark.postgres


def test_concurrent_duplicate_webhooks_create_one_message_and_same_answer(app):
    params = {"MessageSid": "SM" + "c0ffee" * 5 + "ab", "From": "+9647701234567",
              "To": "+9647800000000", "Body": "our tent burned, we have nowhere to sleep"}
    url = app.config["PUBLIC_BASE_URL"] + "/twilio/sms"
    headers = {"X-Twilio-Signature": sign(url, params, app.config["TWILIO_AUTH_TOKEN"])}
    barrier = threading.Barrier(4)
    answers = []

    def post():
        client = app.test_client()
        barrier.wait()
        response = client.post("/twilio/sms", data=params, headers=headers)
        answers.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [a[0] for a in answers] == [200] * 4
    assert len({a[1] for a in answers}) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Message)
                                 .where(Message.direction == "in")) == 1
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_concurrent_first_messages_from_one_new_number_make_one_contact(app):
    from helpline.contacts.models import Contact
    url = app.config["PUBLIC_BASE_URL"] + "/twilio/sms"
    barrier = threading.Barrier(3)
    codes = []

    def post(n):
        params = {"MessageSid": f"SM{n:032d}", "From": "+9647709998877", "Body": f"message {n}"}
        headers = {"X-Twilio-Signature": sign(url, params, app.config["TWILIO_AUTH_TOKEN"])}
        client = app.test_client()
        barrier.wait()
        codes.append(client.post("/twilio/sms", data=params, headers=headers).status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert codes == [200, 200, 200]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Contact)) == 1
        assert db.session.scalar(select(func.count()).select_from(Message)
                                 .where(Message.direction == "in")) == 3
