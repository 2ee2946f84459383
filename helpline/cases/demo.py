"""Demo cases, made by sending demo messages through the real intake path, then a little
casework (assignment, a note, a walk-in complaint) so that every role has something to do."""
from datetime import timedelta

from sqlalchemy import func, select

from helpline.cases.models import Case
from helpline.channels.sms.inbound import parse_inbound_sms
from helpline.channels.sms.intake import receive_sms
from helpline.db import utcnow
from helpline.extensions import db

DEMO_MESSAGES = (
    ("+9647701000001", "men with guns came to our house and said they will kill my brother", 0),
    ("+9647701000002", "السلام عليكم، لم نستلم المنحة النقدية منذ عودتنا إلى القرية", 1),
    ("+9647501000003", "ئاو و کارەبا لە گوندەکەمان نییە، تکایە یارمەتیمان بدەن", 2),
    ("+9647501000004", "zarokên me naçin dibistanê, dibistan hatiye xirab kirin", 3),
    ("+9647701000005", "my husband beats me and I have nowhere to go", 0),
    ("+9647701000006", "I found a strange metal object in our field near the road", 0),
    ("+9647701000007", "thank you for the help with the documents, we got the ID cards", 5),
    ("+9647701000008", "a man from the aid organisation asked me for sex to put my name on the list", 1),
    ("+9647701000009", "my 12 year old son works in the brick factory instead of going to school", 2),
)
WALK_IN = ("+9647701000010", "our house in the village is occupied by another family and they "
           "refuse to leave", {"governorate": "Ninewa", "district": "Sinjar",
                               "subdistrict": "Snune", "village": "Khanasor"})


def seed_demo():
    if db.session.scalar(select(func.count()).select_from(Case)):
        return "demo cases: already present"
    from helpline.cases.tasks import process_inbound_message
    now = utcnow()
    ids = []
    for n, (phone, body, days_ago) in enumerate(DEMO_MESSAGES, start=1):
        form = {"MessageSid": f"SMDEMO{n:026d}", "From": phone, "Body": body, "To": "+9647800000000"}
        result = receive_sms(parse_inbound_sms(form, 1600), form,
                             now=now - timedelta(days=days_ago, hours=n))
        ids.append(result.message_id)
    db.session.commit()
    for message_id in ids:
        process_inbound_message.apply(args=(message_id,))
    walk_in = _casework(now)
    db.session.commit()
    if walk_in is not None:
        process_inbound_message.apply(args=(walk_in,))
    return f"demo cases: {len(ids) + (walk_in is not None)} created from demo messages"


def _casework(now):
    """Some work already done: only when the demo staff accounts exist (staff demo runs first)."""
    from helpline.cases.casework import add_note, assign_case
    from helpline.cases.manual_entry import enter_complaint
    from helpline.staff.models import User
    users = {u.username: u for u in db.session.scalars(
        select(User).where(User.username.in_(("operator", "supervisor"))))}
    if len(users) < 2:
        return None
    cash = db.session.scalar(select(Case).where(Case.category == "livelihoods_cash"))
    if cash is not None:
        assign_case(cash, users["operator"], users["supervisor"], now=now)
        cash.governorate, cash.district = "Anbar", "Falluja"
        add_note(cash, users["operator"], "Called back: the family is on the second payment list. "
                                          "Checking the date with the cash partner.")
    phone, text, place = WALK_IN
    case, message, _ = enter_complaint(users["operator"], "walk_in", text, phone=phone,
                                       language="en", now=now, **place)
    return message.id
