"""Contact services: find or create by phone, language, opt-out."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpline.contacts.models import Contact
from helpline.db import utcnow
from helpline.extensions import db


def find_contact(phone):
    return db.session.scalar(select(Contact).where(Contact.phone == phone))


def find_or_create_contact(phone, language=None, channel="sms"):
    contact = find_contact(phone)
    if contact is not None:
        return contact, False
    contact = Contact(phone=phone, language=language, preferred_channel=channel)
    try:
        with db.session.begin_nested():
            db.session.add(contact)
            db.session.flush()
    except IntegrityError:
        # Another request created the same contact a moment ago.
        return find_contact(phone), False
    return contact, True


def opt_out(contact, now=None):
    if not contact.opted_out:
        contact.opted_out = True
        contact.opted_out_at = now or utcnow()
        return True
    return False


def opt_in(contact):
    if contact.opted_out:
        contact.opted_out = False
        contact.opted_out_at = None
        return True
    return False
