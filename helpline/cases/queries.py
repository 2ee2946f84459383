"""Read queries over cases, always through the permission condition."""
from sqlalchemy import select

from helpline.cases.models import Case
from helpline.cases.permissions import can_view_case
from helpline.channels.models import Message
from helpline.extensions import db


def get_visible_case(user, reference):
    """The case if this user may see it, else None (callers answer 404 either way)."""
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    return case if can_view_case(user, case) else None


def conversation(case):
    """Messages with the person (staff alerts are not part of it), oldest first."""
    return db.session.scalars(
        select(Message).where(Message.case_id == case.id,
                              Message.purpose.is_distinct_from("staff_alert"))
        .order_by(Message.created_at, Message.id)).all()
