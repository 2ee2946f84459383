"""The check-in sweep: claim due rows exactly once, send, remind, close.

Each batch is one transaction: claim due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a
compare-and-set on SQLite), create the outbound message rows and move every claimed row on,
commit, and only then hand the sends to the worker. However many sweeps run at once, a row is
claimed by one of them, so each (household, wave) is sent once; a send that never reaches the
broker stays 'pending' and the stalled-message sweep sends it later.
"""
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import ARRAY, Integer, any_, bindparam, select, text, update

from helpline.checkins.bulk import insert_messages, update_checkins
from helpline.checkins.models import PENDING_STATUSES, CheckIn, CheckinPlan, Household
from helpline.checkins.plans import is_allowed_time, next_allowed_time, reminder_time
from helpline.checkins.questions import question_text, reminder_text
from helpline.contacts.models import Contact
from helpline.db import utcnow
from helpline.extensions import db

log = logging.getLogger(__name__)
OPTED_OUT_RECHECK = timedelta(hours=1)


@dataclass
class SweepResult:
    missed: int = 0
    sent: int = 0
    reminded: int = 0
    calls: int = 0
    unreachable: int = 0
    partial: int = 0
    held_opted_out: int = 0
    message_ids: list = field(default_factory=list, repr=False)
    call_checkin_ids: list = field(default_factory=list, repr=False)
    alert_ids: list = field(default_factory=list, repr=False)

    def summary(self):
        return (f"sent {self.sent}, reminders {self.reminded}, calls {self.calls}, "
                f"unreachable {self.unreachable}, partial {self.partial}, missed {self.missed}, "
                f"held for opt-out {self.held_opted_out}")


def _is_postgres():
    return db.engine.dialect.name == "postgresql"


def expire_missed(now):
    """Waves never sent whose window has closed (e.g. opted out all along) are missed."""
    result = db.session.execute(
        update(CheckIn)
        .where(CheckIn.status == "scheduled", CheckIn.next_attempt_at <= now,
               CheckIn.window_closes_at <= now)
        .values(status="missed", next_attempt_at=None, completed_at=now)
        .execution_options(synchronize_session=False))
    return result.rowcount or 0


def claim_due(now, limit, plan_ids=None):
    """Claim up to `limit` due rows for this transaction: [(id, previous_status)]."""
    if _is_postgres():
        # One statement: lock due rows nobody else holds, mark them, return them.
        plans = "AND plan_id = ANY(:plans)" if plan_ids is not None else ""
        rows = db.session.execute(text(f"""
            WITH due AS (
                SELECT id, status FROM checkins
                WHERE status IN ('scheduled', 'awaiting', 'in_progress')
                  AND next_attempt_at <= :now {plans}
                ORDER BY next_attempt_at LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE checkins AS c SET status = 'sending', claimed_at = :now
            FROM due WHERE c.id = due.id
            RETURNING c.id, due.status"""),
            {"now": now, "limit": limit, "plans": list(plan_ids or [])}).all()
        return [(r.id, r.status) for r in rows]
    query = (select(CheckIn.id, CheckIn.status, CheckIn.attempts, CheckIn.next_attempt_at)
             .where(CheckIn.status.in_(PENDING_STATUSES), CheckIn.next_attempt_at <= now)
             .order_by(CheckIn.next_attempt_at).limit(limit))
    if plan_ids is not None:
        query = query.where(CheckIn.plan_id.in_(plan_ids))
    claimed = []
    for row in db.session.execute(query).all():
        # Compare-and-set: only if nobody moved the row since we read it.
        won = db.session.execute(
            update(CheckIn)
            .where(CheckIn.id == row.id, CheckIn.status == row.status,
                   CheckIn.attempts == row.attempts,
                   CheckIn.next_attempt_at == row.next_attempt_at)
            .values(status="sending", claimed_at=now)
            .execution_options(synchronize_session=False)).rowcount
        if won:
            claimed.append((row.id, row.status))
    return claimed


def _ids_condition(ids):
    if _is_postgres():
        return CheckIn.id == any_(bindparam("claimed_ids", list(ids), type_=ARRAY(Integer)))
    return CheckIn.id.in_(list(ids))


def _open_plans(now):
    plans = db.session.scalars(select(CheckinPlan)).all()
    open_ids = [p.id for p in plans
                if is_allowed_time(now, (p.send_from_hour, p.send_until_hour), p.timezone)]
    return {p.id: p for p in plans}, (None if len(open_ids) == len(plans) else open_ids)


def run_sweep(now=None, batch_size=1000, limit=None, dispatch=None):
    """One sweep as if it were `now`. `dispatch(result)` runs after each commit."""
    now = now or utcnow()
    dispatch = dispatch or dispatch_sends
    total = SweepResult()
    total.missed = expire_missed(now)
    db.session.commit()
    plans, plan_ids = _open_plans(now)
    if plan_ids == []:
        return total  # outside every plan's sending hours
    done = 0
    while limit is None or done < limit:
        size = batch_size if limit is None else min(batch_size, limit - done)
        claimed = claim_due(now, size, plan_ids)
        if not claimed:
            db.session.commit()
            break
        batch = process_claimed(claimed, plans, now)
        db.session.commit()
        dispatch(batch)
        _add(total, batch)
        done += len(claimed)
        if len(claimed) < size:
            break
    return total


def _add(total, batch):
    for name in ("sent", "reminded", "calls", "unreachable", "partial", "held_opted_out",
                 "missed"):
        setattr(total, name, getattr(total, name) + getattr(batch, name))
    total.message_ids += batch.message_ids
    total.call_checkin_ids += batch.call_checkin_ids
    total.alert_ids += batch.alert_ids


FAN_OUT_CHUNK = 500


def dispatch_sends(batch):
    """After commit: hand SMS sends (in chunks), calls and alerts to the worker."""
    from helpline.channels.tasks import send_message
    from helpline.checkins.tasks import place_checkin_call, send_checkin_messages
    from helpline.tasks import enqueue
    for message_id in batch.alert_ids:
        enqueue(send_message, message_id)   # on-duty alerts first, one by one
    ids = batch.message_ids
    for start in range(0, len(ids), FAN_OUT_CHUNK):
        enqueue(send_checkin_messages, ids[start:start + FAN_OUT_CHUNK])
    for checkin_id in batch.call_checkin_ids:
        enqueue(place_checkin_call, checkin_id)


def process_claimed(claimed, plans, now):
    from helpline.checkins.calls import voice_available
    previous = dict(claimed)
    rows = db.session.execute(
        select(CheckIn.id, CheckIn.attempts, CheckIn.current_question, CheckIn.window_closes_at,
               CheckIn.channel, CheckIn.plan_id, Household.language, Contact.id.label("cid"),
               Contact.phone, Contact.opted_out, Contact.preferred_channel)
        .join(Household, Household.id == CheckIn.household_id)
        .join(Contact, Contact.id == CheckIn.contact_id)
        .where(_ids_condition(previous))).all()
    result, updates, sends, texts, reminders = SweepResult(), [], [], {}, {}
    voice = voice_available()
    for row in rows:
        plan = plans[row.plan_id]
        hours = (plan.send_from_hour, plan.send_until_hour)
        before = previous[row.id]
        closed = now >= row.window_closes_at
        if before == "in_progress":
            updates.append({"id": row.id, "status": "partial", "next_attempt_at": None,
                            "completed_at": now})
            result.partial += 1
        elif row.opted_out:
            retry = next_allowed_time(now + OPTED_OUT_RECHECK, hours, plan.timezone)
            if before == "scheduled" and retry < row.window_closes_at:
                # Held, not cancelled: START within the window resumes this wave.
                updates.append({"id": row.id, "status": "scheduled", "next_attempt_at": retry})
            else:
                updates.append({"id": row.id, "status": "opted_out", "next_attempt_at": None,
                                "completed_at": now})
            result.held_opted_out += 1
        elif before == "scheduled" and closed:
            updates.append({"id": row.id, "status": "missed", "next_attempt_at": None,
                            "completed_at": now})
            result.missed += 1
        elif before == "awaiting" and (closed or row.attempts > plan.max_reminders):
            mark_unreachable(row.id, now)
            result.unreachable += 1
        else:
            first = before == "scheduled"
            key = "wellbeing" if first else (row.current_question or "wellbeing")
            if plan.id not in reminders:
                reminders[plan.id] = reminder_time(now, plan.reminder_interval_hours, hours,
                                                   plan.timezone)
            change = {"id": row.id, "status": "awaiting", "attempts": row.attempts + 1,
                      "current_question": key, "last_sent_at": now,
                      "next_attempt_at": reminders[plan.id]}
            if first:
                change["first_sent_at"] = now
            if row.channel == "voice" and voice:
                result.call_checkin_ids.append(row.id)
                result.calls += 1
                updates.append(change)
            else:
                text_key = (row.language, key, first)
                if text_key not in texts:
                    texts[text_key] = (question_text(key, row.language) if first
                                       else reminder_text(key, row.language))
                sends.append((change, _message_row(row, texts[text_key])))
                if first:
                    result.sent += 1
                else:
                    result.reminded += 1
    if sends:
        ids = insert_messages([message for _, message in sends])
        for (change, _), message_id in zip(sends, ids):
            change["last_message_id"] = message_id
            updates.append(change)
        result.message_ids = ids
    update_checkins(updates)
    from helpline.checkins.answers import take_pending_sends
    result.alert_ids = take_pending_sends()
    return result


def _message_row(row, body):
    return {"direction": "out", "channel": row.preferred_channel or "sms", "body": body,
            "language": row.language, "to_phone": row.phone, "purpose": "checkin",
            "delivery_status": "pending", "contact_id": row.cid, "send_attempts": 0,
            "created_at": utcnow()}


def mark_unreachable(checkin_id, now):
    """No answer after the reminders: an operator callback case in the queue."""
    from helpline.cases.services import open_case, record_event, set_urgency
    checkin = db.session.get(CheckIn, checkin_id)
    household = checkin.household
    case = open_case(household.contact, "checkin", household.language, now=now,
                     governorate=household.governorate, district=household.district,
                     subdistrict=household.subdistrict, village=household.village)
    case.category, case.categories = "other", ["other"]
    set_urgency(case, "normal", now=now)
    record_event(case, "callback_requested", reason="checkin_unreachable",
                 wave=checkin.wave, attempts=checkin.attempts, household_id=household.id)
    checkin.status = "unreachable"
    checkin.next_attempt_at = None
    checkin.completed_at = now
    checkin.case_id = case.id
    db.session.flush()
    log.info("checkin %s unreachable: callback case %s", checkin.id, case.reference)
