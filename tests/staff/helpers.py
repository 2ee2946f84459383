"""Helpers for page tests: CSRF tokens, logging in, cases made through the real SMS intake."""
import re

PASSWORD = "correct-horse-9"
_TOKEN = re.compile(r'name="csrf[_-]token" (?:value|content)="([^"]+)"')
_REF = re.compile(r"HL-[A-Z0-9]{5}")


def csrf_token(client, path="/login"):
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = _TOKEN.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username, password=PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token})


def post_form(client, path, data=None, page="/"):
    """POST a form with a CSRF token taken from `page` (the session's token)."""
    data = dict(data or {})
    data["csrf_token"] = csrf_token(client, page)
    return client.post(path, data=data)


def sms_case(twilio, body, sender="+9647701234567"):
    """Send an SMS through the signed webhook; returns the case reference from the reply."""
    response = twilio.sms(body, sender=sender)
    assert response.status_code == 200, response.get_data(as_text=True)
    return _REF.search(response.get_data(as_text=True)).group(0)


def case_of(reference):
    from sqlalchemy import select

    from helpline.cases.models import Case
    from helpline.extensions import db
    db.session.expire_all()
    return db.session.scalar(select(Case).where(Case.reference == reference))
