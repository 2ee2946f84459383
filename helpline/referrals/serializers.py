"""What each side sees of a referral.

A partner gets only what the referral needs: the case reference, service, urgency, language,
location, the summary written by the referring officer and, once it has accepted and only if
the person agreed to be phoned by the partner (`share_phone`), the person's phone number.
Never the message history, the triage evidence, categories or other organisations' referrals.
"""


def iso(value):
    return value.isoformat() if value else None


def partner_may_see_phone(referral):
    return referral.share_phone and referral.status in ("accepted", "completed")


def referral_for_partner(referral):
    case = referral.case
    contact = case.contact
    return {
        "id": referral.id,
        "case_reference": case.reference,
        "service_type": referral.service_type,
        "status": referral.status,
        "urgency": case.urgency,
        "language": case.language,
        "location": {"governorate": case.governorate, "district": case.district,
                     "subdistrict": case.subdistrict, "village": case.village},
        "summary": referral.summary,
        "phone": contact.phone if contact and partner_may_see_phone(referral) else None,
        "phone_shared": referral.share_phone,
        "created_at": iso(referral.created_at),
        "respond_by": iso(referral.respond_by),
        "responded_at": iso(referral.responded_at),
        "decline_reason": referral.decline_reason,
        "completed_at": iso(referral.completed_at),
        "outcome_note": referral.outcome_note,
    }


def referral_for_staff(referral):
    data = referral_for_partner(referral)
    case = referral.case
    data.update({
        "phone": case.contact.masked_phone if case.contact else None,
        "partner": {"id": referral.partner_id, "name": referral.partner.name},
        "consent": None if referral.emergency_override else {
            "given_by": referral.consent_given_by, "method": referral.consent_method,
            "at": iso(referral.consent_at),
            "recorded_by": getattr(referral.consent_recorded_by, "username", None)},
        "emergency_override": referral.emergency_override,
        "emergency_override_reason": referral.override_reason,
        "created_by": getattr(referral.created_by, "username", None),
        "escalated_at": iso(referral.escalated_at),
        "revoked_at": iso(referral.revoked_at),
        "revoke_reason": referral.revoke_reason,
    })
    return data
