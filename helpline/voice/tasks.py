"""Worker tasks of the voice area: fetch recordings (retrying until ready) and sweep leftovers."""
import logging

from celery import shared_task
from sqlalchemy import or_, select

from helpline.db import utcnow
from helpline.extensions import db
from helpline.locks import periodic_lock
from helpline.voice.models import VoiceRecording
from helpline.voice.recordings import delete_at_provider, fetch_and_store

log = logging.getLogger(__name__)


@shared_task(bind=True, name="helpline.voice.tasks.fetch_recording", max_retries=None)
def fetch_recording(self, recording_id):
    query = select(VoiceRecording).where(VoiceRecording.id == int(recording_id))
    if db.engine.dialect.name == "postgresql":
        # Only one worker fetches a recording at a time; another one simply skips it.
        query = query.with_for_update(skip_locked=True)
    recording = db.session.scalar(query)
    if recording is None:
        db.session.rollback()
        return "unknown or busy"
    outcome = fetch_and_store(recording)
    delay = None
    if outcome == "retry":
        delay = max(int((recording.next_attempt_at - utcnow()).total_seconds()), 1)
    db.session.commit()
    log.info("recording %s: %s (attempt %s)", recording.recording_sid, outcome,
             recording.attempts)
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay)
    # In-process (no broker) the sweep picks the recording up again when it is due.
    return outcome


@shared_task(name="helpline.voice.tasks.sweep_recordings")
def sweep_recordings(now=None):
    """Recordings whose fetch is due (or whose provider copy is not yet deleted)."""
    from helpline.tasks import enqueue

    with periodic_lock("sweep-recordings") as acquired:
        if not acquired:
            return 0
        now = now or utcnow()
        due = db.session.scalars(select(VoiceRecording.id).where(
            VoiceRecording.status == "pending",
            or_(VoiceRecording.next_attempt_at.is_(None),
                VoiceRecording.next_attempt_at <= now)).limit(200)).all()
        undeleted = db.session.scalars(select(VoiceRecording).where(
            VoiceRecording.status == "stored",
            VoiceRecording.provider_deleted_at.is_(None)).limit(200)).all()
        for recording in undeleted:
            delete_at_provider(recording, now)
        db.session.commit()
        for recording_id in due:
            enqueue(fetch_recording, recording_id)
        return len(due) + len(undeleted)
