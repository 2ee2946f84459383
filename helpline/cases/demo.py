"""Demo cases, made by sending demo messages through the real intake path."""
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
)


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
    return f"demo cases: {len(ids)} created from demo messages"
