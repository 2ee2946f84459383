"""Absolute callback URLs for TwiML, buildable in a request, a task or a CLI command."""
from flask import current_app


def public_url_for(endpoint, **values):
    """PUBLIC_BASE_URL + the route's path (Twilio signs and calls exactly this URL)."""
    adapter = current_app.url_map.bind("helpline.invalid", script_name="/")
    path = adapter.build(endpoint, values, force_external=False)
    return (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/") + path
