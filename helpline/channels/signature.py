"""Twilio webhook signatures, checked against the public URL."""
from functools import wraps

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator


def public_url():
    """The URL Twilio signed: PUBLIC_BASE_URL + path + query (proxy-aware otherwise)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    path = request.full_path if request.query_string else request.path
    if base:
        return base.rstrip("/") + path
    return request.url


def signature_is_valid():
    token = current_app.config.get("TWILIO_AUTH_TOKEN")
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    validator = RequestValidator(token)
    params = request.form.to_dict(flat=True) if request.mimetype == "application/x-www-form-urlencoded" else {}
    return validator.validate(public_url(), params, signature)


def twilio_signed(view):
    """Reject unsigned or forged webhooks with 403 before anything is stored."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not signature_is_valid():
            abort(403, description="missing or invalid X-Twilio-Signature")
        return view(*args, **kwargs)

    return wrapper


def sign(url, params, token):
    """Compute the signature Twilio would send (simulator and tests)."""
    return RequestValidator(token).compute_signature(url, params)
