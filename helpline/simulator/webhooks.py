"""Post to our own Twilio webhooks exactly as Twilio would: form-encoded and signed."""
import uuid

from flask import current_app

from helpline.channels.signature import sign


def post_signed(path, params):
    """Returns (status code, response text) from the webhook at `path`."""
    url = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path
    signature = sign(url, params, current_app.config["TWILIO_AUTH_TOKEN"])
    client = current_app.test_client()
    response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    return response.status_code, response.get_data(as_text=True)


def new_sid(prefix):
    return prefix + uuid.uuid4().hex
