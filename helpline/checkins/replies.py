"""SMS replies to a check-in question (registered with the intake router)."""
import logging

from sqlalchemy import select

from helpline.cases.models import Case
from helpline.cases.services import attach_or_open_case
from helpline.channels.sms.routing import ReplyHandled
from helpline.checkins.answers import record_answer
from helpline.checkins.models import CheckIn, CheckinAnswer
from helpline.checkins.questions import FREE_TEXT, question_text, split_reply, thanks_text
from helpline.extensions import db

log = logging.getLogger(__name__)
URGENT_ANSWERS = {("wellbeing", "urgent_help"), ("main_problem", "safety")}


def waiting_checkin(contact, now):
    """The check-in whose SMS question this contact may be answering, or None."""
    return db.session.scalar(
        select(CheckIn)
        .where(CheckIn.contact_id == contact.id,
               CheckIn.status.in_(("awaiting", "in_progress")),
               CheckIn.current_question.is_not(None),
               CheckIn.last_message_id.is_not(None),  # asked by SMS, not only by call
               CheckIn.window_closes_at > now)
        .order_by(CheckIn.last_sent_at.desc(), CheckIn.id.desc())
        .limit(1))


def handle_sms_reply(contact, message, now):
    checkin = waiting_checkin(contact, now)
    if checkin is None:
        return None
    household = checkin.household
    language = household.language
    key = checkin.current_question
    code, extra = split_reply(key, message.body)
    if code is not None:
        following = record_answer(checkin, key, code, message.body, "sms", now=now)
        case = db.session.get(Case, checkin.case_id) if checkin.case_id else None
        # "3, men came to our house": the words after the answer still go through triage.
        needs_triage = bool(extra) and split_reply(key, extra)[0] != code
        if needs_triage and case is None:
            case = _case_for_free_text(contact, household, message, now)
        log.info("checkin %s: sms answer to %s", checkin.id, key)
        return ReplyHandled(reply_text=_reply(checkin, following, language), case=case,
                            needs_triage=needs_triage)
    case = _case_for_free_text(contact, household, message, now)
    following = record_answer(checkin, key, FREE_TEXT, message.body, "sms", now=now, case=case)
    log.info("checkin %s: free-text answer to %s goes to triage on case %s",
             checkin.id, key, case.reference)
    return ReplyHandled(reply_text=_reply(checkin, following, language), case=case,
                        needs_triage=True)


def _case_for_free_text(contact, household, message, now):
    case, is_new = attach_or_open_case(contact, message.channel, household.language, now=now)
    if is_new:
        for field in ("governorate", "district", "subdistrict", "village"):
            setattr(case, field, getattr(household, field))
    return case


def _reply(checkin, following, language):
    if following is not None:
        return question_text(following, language)
    answers = db.session.execute(select(CheckinAnswer.question, CheckinAnswer.code)
                                 .where(CheckinAnswer.checkin_id == checkin.id)).all()
    urgent = any((q, c) in URGENT_ANSWERS for q, c in answers)
    return thanks_text(language, urgent=urgent)
