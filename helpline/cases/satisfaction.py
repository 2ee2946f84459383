"""Answers to the satisfaction question ("Reply 1 to 5") sent when a case is resolved.

Registered in channels/sms/routing.py: runs before intake would open or join a case."""
import re
from datetime import timedelta

from sqlalchemy import select

from helpline.cases.contact_texts import satisfaction_thanks
from helpline.cases.models import Case
from helpline.cases.services import record_event
from helpline.extensions import db

ANSWER_WINDOW = timedelta(days=7)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# A lone digit, optionally with punctuation or spaces around it ("5", " ٥. ", "۴!").
_SCORE = re.compile(r"^[\s\.\!\?،,؛;:\-\)\(]*([1-5])[\s\.\!\?،,؛;:\-\)\(]*$")


def parse_score(text):
    """1–5 from a reply in Western, Arabic-Indic or Extended Arabic-Indic digits, else None."""
    match = _SCORE.match((text or "").translate(_DIGITS))
    return int(match.group(1)) if match else None


def pending_case(contact, now):
    """The contact's most recent case whose satisfaction question awaits an answer."""
    return db.session.scalar(select(Case).where(
        Case.contact_id == contact.id,
        Case.satisfaction_asked_at.is_not(None),
        Case.satisfaction_asked_at >= now - ANSWER_WINDOW,
        Case.satisfaction_score.is_(None),
    ).order_by(Case.satisfaction_asked_at.desc()).limit(1))


def handle_sms_reply(contact, message, now):
    from helpline.channels.sms.routing import ReplyHandled
    score = parse_score(message.body)
    if score is None or contact is None or contact.id is None:
        return None
    case = pending_case(contact, now)
    if case is None:
        return None
    case.satisfaction_score = score
    case.satisfaction_answered_at = now
    record_event(case, "satisfaction_answered", score=score)
    return ReplyHandled(reply_text=satisfaction_thanks(contact.language or case.language),
                        case=case)
