"""Referral services: create (with consent or an emergency override) and move through statuses.

They flush but never commit; the request or task commits once. Every change is a case event
and an audit entry. Errors are ReferralError with a reason the person can act on.
"""
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _

from helpline.audit import record_audit
from helpline.cases.services import change_status, record_event
from helpline.cases.status import can_transition as case_can_transition
from helpline.db import utcnow
from helpline.extensions import db
from helpline.referrals.constants import CONSENT_METHODS, SERVICE_TYPES, can_transition
from helpline.referrals.models import Partner, Referral

MAX_TEXT = 2000


class ReferralError(ValueError):
    pass


def _clean(value, limit=MAX_TEXT):
    value = (value or "").strip()
    if len(value) > limit:
        raise ReferralError(_("The text is too long (at most %(n)s characters).", n=limit))
    return value


def response_deadline(now):
    return now + timedelta(hours=current_app.config.get("REFERRAL_RESPONSE_HOURS", 24))


def _check_consent(consent, override_reason, now):
    """Returns the consent fields to store, or raises with what is missing."""
    override_reason = _clean(override_reason)
    if consent:
        given_by = _clean(consent.get("given_by"), 120)
        method = consent.get("method")
        at = consent.get("at") or now
        if not given_by:
            raise ReferralError(_("Record who gave consent."))
        if method not in CONSENT_METHODS:
            raise ReferralError(_("Choose how consent was given."))
        if not isinstance(at, datetime):
            raise ReferralError(_("The consent time is not a valid date and time."))
        if at > now + timedelta(minutes=5):
            raise ReferralError(_("Consent cannot be recorded in the future."))
        return {"consent_given_by": given_by, "consent_method": method, "consent_at": at,
                "emergency_override": False, "override_reason": None}
    if override_reason:
        return {"emergency_override": True, "override_reason": override_reason}
    raise ReferralError(_("A referral needs the person's informed consent, or an emergency "
                          "override with a reason when a life is in danger."))


def create_referral(case, partner, service_type, summary, actor, consent=None,
                    override_reason=None, share_phone=False, now=None):
    """Refer a case to a partner. `consent` = {"given_by", "method", "at"} or None."""
    now = now or utcnow()
    if partner is None or not partner.is_active:
        raise ReferralError(_("Choose an active partner organisation."))
    if service_type not in SERVICE_TYPES:
        raise ReferralError(_("Choose a service type."))
    if service_type not in partner.service_types:
        raise ReferralError(_("This partner does not offer that service."))
    summary = _clean(summary)
    if not summary:
        raise ReferralError(_("Write a short referral summary for the partner."))
    if case.status != "referred" and not case_can_transition(case.status, "referred"):
        raise ReferralError(_("A resolved or closed case cannot be referred; reopen it first."))
    fields = _check_consent(consent, override_reason, now)
    referral = Referral(case=case, partner=partner, service_type=service_type,
                        summary=summary, share_phone=bool(share_phone), status="pending",
                        created_by_id=actor.id, consent_recorded_by_id=actor.id,
                        created_at=now, respond_by=response_deadline(now), **fields)
    db.session.add(referral)
    db.session.flush()
    record_event(case, "referral_created", actor=actor, referral_id=referral.id,
                 partner=partner.name, service=service_type,
                 emergency_override=referral.emergency_override)
    record_audit("referral_create", actor, "case", case.reference, referral_id=referral.id,
                 partner_id=partner.id, service=service_type,
                 consent_method=referral.consent_method,
                 emergency_override=referral.emergency_override, share_phone=referral.share_phone)
    if referral.emergency_override:
        # Flagged separately so that every override can be reviewed.
        record_audit("referral_consent_override", actor, "case", case.reference,
                     referral_id=referral.id, reason=referral.override_reason)
    if case.status != "referred":
        change_status(case, "referred", actor=actor, reason="referral", now=now)
    return referral


def _move(referral, target, actor, now, **detail):
    if not can_transition(referral.status, target):
        raise ReferralError(_("This referral is %(status)s and cannot be changed that way.",
                              status=referral.status))
    before = referral.status
    referral.status = target
    record_event(referral.case, "referral_" + target, actor=actor, referral_id=referral.id,
                 partner=referral.partner.name, before=before)
    record_audit("referral_" + target, actor, "referral", str(referral.id),
                 case=referral.case.reference, before=before, **detail)
    return referral


def accept_referral(referral, actor, now=None):
    now = now or utcnow()
    referral.responded_at, referral.responded_by_id = now, actor.id
    return _move(referral, "accepted", actor, now)


def decline_referral(referral, actor, reason, now=None):
    now = now or utcnow()
    reason = _clean(reason)
    if not reason:
        raise ReferralError(_("Give a reason for declining."))
    _move(referral, "declined", actor, now)
    referral.responded_at, referral.responded_by_id = now, actor.id
    referral.decline_reason = reason
    return referral


def complete_referral(referral, actor, outcome_note, now=None):
    now = now or utcnow()
    outcome_note = _clean(outcome_note)
    if not outcome_note:
        raise ReferralError(_("Write a short outcome note."))
    _move(referral, "completed", actor, now)
    referral.completed_at, referral.outcome_note = now, outcome_note
    return referral


def revoke_referral(referral, actor, reason, now=None):
    now = now or utcnow()
    reason = _clean(reason)
    if not reason:
        raise ReferralError(_("Give a reason for revoking."))
    _move(referral, "revoked", actor, now)
    referral.revoked_at, referral.revoked_by_id, referral.revoke_reason = now, actor.id, reason
    return referral


def partner_by_id(partner_id):
    try:
        return db.session.get(Partner, int(partner_id))
    except (TypeError, ValueError):
        return None
