"""End to end with a real Celery worker process on Redis and PostgreSQL:
signed SMS → webhook (commit, enqueue) → worker triages → staff alert in the outbox."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from helpline import create_app
from helpline.cases.models import Case
from helpline.channels.models import OutboxEntry
from helpline.channels.signature import sign
from helpline.extensions import db

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker(app):
    env = dict(os.environ, HELPLINE_ENV="testing_worker", DATABASE_URL=os.environ["TEST_DATABASE_URL"],
               REDIS_URL=os.environ["TEST_REDIS_URL"])
    env.update(HELPLINE_ENV="development", SECRET_KEY="worker-test", PUBLIC_BASE_URL="https://helpline.test",
               ONDUTY_ALERT_PHONES="+9647700000099")
    import redis
    redis.Redis.from_url(os.environ["TEST_REDIS_URL"]).flushdb()
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "--pool=solo",
         "-Q", "default,messages,checkins", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    yield proc
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def restore_celery(app):
    """create_app() makes its Celery app the current one; later tests need theirs back."""
    yield
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()


def test_signed_sms_goes_through_the_worker_to_the_outbox(app, worker, restore_celery):
    broker_app = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            REDIS_URL=os.environ["TEST_REDIS_URL"])
    assert not broker_app.extensions["celery"].conf.task_always_eager
    params = {"MessageSid": "SM" + "e2e0" * 8, "From": "+9647701234567", "To": "+9647800000000",
              "Body": "men with guns are shooting at our house right now"}
    url = broker_app.config["PUBLIC_BASE_URL"] + "/twilio/sms"
    response = broker_app.test_client().post(
        "/twilio/sms", data=params,
        headers={"X-Twilio-Signature": sign(url, params, broker_app.config["TWILIO_AUTH_TOKEN"])})
    assert response.status_code == 200
    deadline = time.time() + 60
    entry = None
    with app.app_context():
        while time.time() < deadline and entry is None:
            db.session.rollback()
            entry = db.session.scalar(select(OutboxEntry).where(OutboxEntry.to == "+9647700000099"))
            if entry is None:
                assert worker.poll() is None, worker.stdout.read().decode()[-2000:]
                time.sleep(0.3)
        assert entry is not None, "the worker did not send the staff alert"
        case = db.session.scalar(select(Case))
        assert case.urgency == "critical" and case.reference in entry.body
