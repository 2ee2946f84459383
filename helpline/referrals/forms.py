"""Parsing of referral form posts and API bodies into service arguments (no database)."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from helpline.referrals.services import ReferralError


def parse_local_datetime(value):
    """A datetime typed in the programme's time zone ('2026-11-22T14:30') or ISO with offset."""
    if value is not None and not isinstance(value, str):
        raise ReferralError(_("The consent time is not a valid date and time."))
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ReferralError(_("The consent time is not a valid date and time.")) from None
    if parsed.tzinfo is None:
        zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Asia/Baghdad"))
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(timezone.utc)


def _text(value):
    """JSON may carry numbers, lists or objects where text is expected: treat them as absent."""
    return value if isinstance(value, str) else None


def truthy(value):
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in {"1", "true", "yes", "on"}


def referral_arguments(data):
    """Form or JSON data → keyword arguments of create_referral (except case/partner/actor).

    Consent and override are exclusive choices: `consent_mode` is "consent" or "override"
    in the form; in JSON, a "consent" object or an "emergency_override_reason".
    """
    if "consent" in data or "emergency_override_reason" in data:  # JSON shape
        consent = data.get("consent")
        if consent is not None and not isinstance(consent, dict):
            raise ReferralError(_("consent must be an object with given_by, method and at."))
        if consent:
            consent = {"given_by": _text(consent.get("given_by")),
                       "method": _text(consent.get("method")),
                       "at": parse_local_datetime(consent.get("at"))}
        override = _text(data.get("emergency_override_reason"))
    else:  # form shape
        mode = data.get("consent_mode")
        consent = None
        override = None
        if mode == "consent":
            consent = {"given_by": data.get("consent_given_by"),
                       "method": data.get("consent_method"),
                       "at": parse_local_datetime(data.get("consent_at"))}
        elif mode == "override":
            override = data.get("override_reason")
    if consent and override:
        raise ReferralError(_("Record either consent or an emergency override, not both."))
    summary = data.get("summary")
    if summary is not None and not isinstance(summary, str):
        raise ReferralError(_("Write a short referral summary for the partner."))
    return {"service_type": _text(data.get("service_type")), "summary": summary,
            "consent": consent or None, "override_reason": _text(override),
            "share_phone": truthy(data.get("share_phone"))}
