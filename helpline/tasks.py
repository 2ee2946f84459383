"""Celery wiring. Without REDIS_URL tasks run in-process (the embedded default)."""
import logging

from celery import Celery, Task
from flask import current_app

log = logging.getLogger(__name__)


def celery_init_app(app):
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    redis_url = app.config.get("REDIS_URL")
    celery.conf.update(
        broker_url=redis_url or "memory://",
        result_backend=None,
        task_ignore_result=True,
        task_always_eager=not redis_url,
        task_eager_propagates=False,
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        # Publishing must fail fast when Redis is down: the message is already
        # committed and the stalled-message sweep will enqueue it later.
        broker_transport_options={"max_retries": 1, "interval_start": 0,
                                  "interval_step": 0.1, "interval_max": 0.2,
                                  "socket_connect_timeout": 1, "socket_timeout": 2},
        task_default_queue="default",
        task_routes={
            "helpline.channels.tasks.*": {"queue": "messages"},
            "helpline.checkins.tasks.*": {"queue": "checkins"},
        },
        task_create_missing_queues=True,
        timezone="UTC",
    )
    from worker.schedule import BEAT_SCHEDULE
    celery.conf.beat_schedule = BEAT_SCHEDULE
    celery.set_default()
    app.extensions["celery"] = celery
    return celery


def enqueue(task, *args, **kwargs):
    """Send a task after the caller has committed. Returns False when the broker is down.

    Callers must commit first; a failure here loses nothing because the periodic
    sweeps find work that never started and enqueue it again.
    """
    try:
        if current_app.extensions["celery"].conf.task_always_eager:
            task.apply(args=args, kwargs=kwargs)
        else:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        return True
    except Exception:  # broker unreachable or eager task failure
        log.exception("could not enqueue %s", task.name)
        return False
