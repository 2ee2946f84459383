"""JSON shapes of the API (SPEC §10)."""


def iso(value):
    return value.isoformat() if value else None


def case_summary(case):
    return {
        "reference": case.reference, "status": case.status, "urgency": case.urgency,
        "category": case.category, "categories": list(case.categories or []),
        "language": case.language, "channel": case.channel, "restricted": case.is_restricted,
        "due_at": iso(case.due_at), "created_at": iso(case.created_at),
        "assignee": case.assignee.username if case.assignee else None,
        "governorate": case.governorate, "district": case.district,
        "phone": case.contact.masked_phone if case.contact else None,
    }


def message_item(message):
    return {"direction": message.direction, "channel": message.channel, "body": message.body,
            "created_at": iso(message.created_at), "purpose": message.purpose,
            "delivery_status": message.delivery_status}


def case_detail(case, messages):
    data = case_summary(case)
    data["messages"] = [message_item(m) for m in messages]
    data["evidence"] = case.triage_evidence or []
    data.update({"subdistrict": case.subdistrict, "village": case.village,
                 "outcome": case.outcome, "resolved_at": iso(case.resolved_at),
                 "first_response_at": iso(case.first_response_at),
                 "satisfaction_score": case.satisfaction_score})
    return data
