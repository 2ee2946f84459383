"""Worker tasks of the check-ins area (scheduled by worker/schedule.py)."""
import logging

from celery import shared_task

from helpline.extensions import db
from helpline.locks import periodic_lock

log = logging.getLogger(__name__)


@shared_task(name="helpline.checkins.tasks.sweep_checkins")
def sweep_checkins():
    """Every few minutes: send due waves, reminders, close windows. Row claims make
    concurrent sweeps safe; the lock only saves them from doing the same work twice."""
    from helpline.checkins.sweep import run_sweep
    with periodic_lock("sweep-checkins", timeout=600) as acquired:
        if not acquired:
            return "another sweep is running"
        result = run_sweep()
        log.info("checkin sweep: %s", result.summary())
        return result.summary()


@shared_task(name="helpline.checkins.tasks.send_checkin_messages")
def send_checkin_messages(message_ids):
    """Fan a sweep batch out into one send task per message (retries stay per message).

    The sweep publishes one of these per few hundred messages instead of one task per
    message; a lost fan-out loses nothing, as the messages are committed as 'pending' and the
    stalled-message sweep sends them.
    """
    from helpline.channels.tasks import send_message
    from helpline.tasks import enqueue
    sent = 0
    for message_id in message_ids:
        sent += bool(enqueue(send_message, int(message_id)))
    return sent


@shared_task(name="helpline.checkins.tasks.place_checkin_call")
def place_checkin_call(checkin_id):
    """Place the outbound keypad call for a claimed voice check-in (after the sweep committed)."""
    from helpline.channels.gateway import GatewayError
    from helpline.checkins.answers import mark_unanswered
    from helpline.checkins.calls import start_call
    from helpline.checkins.models import CheckIn
    checkin = db.session.get(CheckIn, int(checkin_id))
    if checkin is None or checkin.status != "awaiting":
        return "nothing to call"
    try:
        sid = start_call(checkin.id)
    except GatewayError as exc:
        db.session.rollback()
        checkin = db.session.get(CheckIn, int(checkin_id))
        # Counted as an unanswered attempt: the reminder schedule calls again later.
        mark_unanswered(checkin, f"call_failed:{exc.code or ''}")
        db.session.commit()
        log.warning("checkin %s: call could not be placed (code %s)", checkin_id, exc.code)
        return "failed"
    db.session.commit()
    log.info("checkin %s: call %s placed", checkin_id, sid)
    return sid
