"""Simulator pages."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from helpline.channels.models import Message, OutboxEntry
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.contacts.services import find_contact
from helpline.extensions import db
from helpline.simulator import bp
from helpline.simulator.webhooks import new_sid, post_signed

DEFAULT_PHONE = "+9647701234567"
HELPLINE_NUMBER = "+9647800000000"


@bp.get("/")
def phone():
    number = request.args.get("phone") or DEFAULT_PHONE
    contact = find_contact(number)
    messages = []
    if contact is not None:
        messages = db.session.scalars(
            select(Message).where(Message.contact_id == contact.id)
            .order_by(Message.created_at, Message.id)).all()
    outbox = db.session.scalars(select(OutboxEntry).order_by(OutboxEntry.id.desc()).limit(20)).all()
    return render_template("simulator/phone.html", phone=number, contact=contact,
                           messages=messages, outbox=outbox)


@bp.post("/send")
def send():
    raw_phone = request.form.get("phone", "")
    body = request.form.get("body", "")
    channel = request.form.get("channel", "sms")
    try:
        number = to_e164(raw_phone)
    except InvalidPhone as exc:
        flash(_("That is not a valid phone number: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("simulator.phone"))
    sender = f"whatsapp:{number}" if channel == "whatsapp" else number
    params = {"MessageSid": new_sid("SM"), "AccountSid": "ACsimulator", "From": sender,
              "To": HELPLINE_NUMBER, "Body": body, "NumMedia": "0"}
    status, text = post_signed("/twilio/sms", params)
    if status != 200:
        flash(_("The helpline refused the message (%(status)s): %(reason)s",
                status=status, reason=text[:200]), "error")
    return redirect(url_for("simulator.phone", phone=number))
