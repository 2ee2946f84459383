"""SMS and WhatsApp webhooks: verify, parse, call one service, respond."""
import logging

from flask import Blueprint, Response, abort, current_app, request
from sqlalchemy.exc import IntegrityError

from helpline.channels.outbound import record_status_callback
from helpline.channels.signature import twilio_signed
from helpline.channels.sms.inbound import MalformedRequest, parse_inbound_sms
from helpline.channels.sms.intake import receive_sms, stored_reply
from helpline.extensions import db
from helpline.tasks import enqueue

bp = Blueprint("sms", __name__, url_prefix="/twilio/sms")
log = logging.getLogger(__name__)


def _xml(text):
    return Response(text, mimetype="application/xml")


@bp.post("")
@twilio_signed
def inbound():
    from helpline.cases.tasks import process_inbound_message

    try:
        parsed = parse_inbound_sms(request.form, current_app.config["MAX_SMS_BODY"])
    except MalformedRequest as exc:
        abort(400, description=str(exc))
    result = None
    for attempt in (1, 2):
        try:
            result = receive_sms(parsed, request.form)
            db.session.commit()
            break
        except IntegrityError:
            db.session.rollback()
            # A Twilio retry of a stored message (possibly arriving at the same moment)
            # gets the answer already given; otherwise another message from the same new
            # number or a reference collision won the race, and one more try succeeds.
            earlier = stored_reply(parsed.sid)
            if earlier is not None:
                return _xml(earlier.reply_xml)
            if attempt == 2:
                raise
    log.info("sms %s stored as message %s on case %s",
             parsed.sid, result.message_id, result.case_reference)
    if result.needs_processing:
        enqueue(process_inbound_message, result.message_id)
    return _xml(result.reply_xml)


@bp.post("/status")
@twilio_signed
def status():
    if not request.form.get("MessageSid"):
        abort(400, description="MessageSid is required")
    if not (request.form.get("MessageStatus") or request.form.get("SmsStatus")):
        abort(400, description="MessageStatus is required")
    outcome = record_status_callback(request.form)
    db.session.commit()
    return {"result": outcome}
