"""/api/v1/openapi.json: the API described (OpenAPI 3.1).

tests/test_openapi.py compares the documented paths and methods with the app's /api/v1 routes
in both directions, so a new route must be documented here before the suite passes.
"""
from helpline.api import bp
from helpline.referrals.constants import CONSENT_METHODS, REFERRAL_STATUSES, SERVICE_TYPES
from helpline.triage import CATEGORIES, URGENCIES

CASE_STATUSES = ["new", "open", "assigned", "referred", "resolved", "closed", "reopened"]
LANGUAGES = ["en", "ar", "ckb", "ku"]


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema_type, **extra):
    return {"type": [schema_type, "null"], **extra}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _response(description, schema=None):
    response = {"description": description}
    if schema is not None:
        response.update(_json(schema))
    return response


ERRORS = {
    "400": _response("Bad input; `reason` says what to fix", _ref("Error")),
    "401": _response("Missing or invalid bearer token", _ref("Error")),
    "403": _response("The account's role does not allow this", _ref("Error")),
    "404": _response("Not found, or not visible to the caller (restricted cases, other "
                     "organisations' referrals)", _ref("Error")),
}


def _errors(*codes):
    return {code: ERRORS[code] for code in codes}


def _param(name, where="query", schema=None, required=False, description=None):
    param = {"name": name, "in": where, "required": required or where == "path",
             "schema": schema or {"type": "string"}}
    if description:
        param["description"] = description
    return param


CASE_REF = _param("reference", "path", {"type": "string", "pattern": "^HL-[2-9A-Z]{5}$"},
                  description="Case reference, e.g. HL-7KQ2M")
REFERRAL_ID = _param("referral_id", "path", {"type": "integer"})
HOUSEHOLD_ID = _param("household_id", "path", {"type": "integer"})


def _case_update(summary, body_schema, ok="200"):
    return {"post": {
        "summary": summary, "tags": ["cases"], "parameters": [CASE_REF],
        "requestBody": {"required": True, **_json(body_schema)},
        "responses": {ok: _response("Updated case summary with the change's details",
                                    _ref("CaseUpdate")), **_errors("400", "401", "403", "404")},
    }}


def _referral_action(summary, body_schema=None):
    operation = {"summary": summary, "tags": ["referrals"], "parameters": [REFERRAL_ID],
                 "responses": {"200": _response("The referral as the caller sees it",
                                                _ref("Referral")),
                               **_errors("400", "401", "403", "404")}}
    if body_schema:
        operation["requestBody"] = {"required": True, **_json(body_schema)}
    return {"post": operation}


def _reason_body(field):
    return {"type": "object", "required": [field],
            "properties": {field: {"type": "string", "minLength": 1, "maxLength": 2000}}}


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {
        "error": {"type": "string"}, "reason": {"type": "string"}, "code": {"type": "string"}}},
    "CaseSummary": {"type": "object", "required": [
        "reference", "status", "urgency", "categories", "language", "channel", "restricted",
        "due_at"], "properties": {
        "reference": {"type": "string"}, "status": {"enum": CASE_STATUSES},
        "urgency": _nullable("string", enum=[*URGENCIES, None]),
        "category": _nullable("string"), "categories": {"type": "array", "items": {
            "enum": list(CATEGORIES)}},
        "language": {"type": "string"}, "channel": {"type": "string"},
        "restricted": {"type": "boolean"}, "due_at": _nullable("string", format="date-time"),
        "created_at": {"type": "string", "format": "date-time"},
        "assignee": _nullable("string"), "governorate": _nullable("string"),
        "district": _nullable("string"),
        "phone": _nullable("string", description="Masked, e.g. +964770•••4567")}},
    "Message": {"type": "object", "required": ["direction", "channel", "body", "created_at"],
                "properties": {"direction": {"enum": ["in", "out"]},
                               "channel": {"type": "string"}, "body": {"type": "string"},
                               "created_at": {"type": "string", "format": "date-time"},
                               "purpose": _nullable("string"),
                               "delivery_status": _nullable("string")}},
    "CaseDetail": {"allOf": [_ref("CaseSummary"), {"type": "object", "required": ["messages"],
                   "properties": {"messages": {"type": "array", "items": _ref("Message")},
                                  "evidence": {"type": "array", "items": {"type": "object"}}}}]},
    "CaseList": {"type": "object", "required": ["items"], "properties": {
        "items": {"type": "array", "items": _ref("CaseSummary")},
        "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "next_page": _nullable("integer")}},
    "CaseUpdate": {"allOf": [_ref("CaseSummary"), {"type": "object",
                                                   "additionalProperties": True}]},
    "CheckIn": {"type": "object", "required": ["wave", "due_at", "status", "attempts"],
                "properties": {"wave": {"type": "string"},
                               "due_at": {"type": "string", "format": "date-time"},
                               "status": {"type": "string"}, "attempts": {"type": "integer"},
                               "window_closes_at": _nullable("string", format="date-time"),
                               "answers": {"type": "object"}}},
    "HouseholdInput": {"type": "object", "required": [
        "phone", "language", "arrival_date", "movement_type"], "properties": {
        "phone": {"type": "string", "description": "E.164 or a local Iraqi number"},
        "alternate_phone": {"type": "string"}, "language": {"enum": LANGUAGES},
        "arrival_date": {"type": "string", "format": "date"},
        "movement_type": {"enum": ["return", "relocation", "local_integration"]},
        "governorate": {"type": "string"}, "district": {"type": "string"},
        "household_size": {"type": "integer", "minimum": 1},
        "consent_followup": {"type": "boolean"},
        "vulnerability_flags": {"type": "array", "items": {"type": "string"}},
        "registration_source": {"type": "string"}}},
    "Household": {"type": "object", "required": ["id", "checkins"], "properties": {
        "id": {"type": "integer"}, "phone": {"type": "string"},
        "language": {"type": "string"}, "arrival_date": {"type": "string", "format": "date"},
        "movement_type": {"type": "string"}, "governorate": _nullable("string"),
        "district": _nullable("string"), "household_size": _nullable("integer"),
        "consent_followup": {"type": "boolean"},
        "checkins": {"type": "array", "items": _ref("CheckIn")}},
        "additionalProperties": True},
    "Consent": {"type": "object", "required": ["given_by", "method"], "properties": {
        "given_by": {"type": "string", "maxLength": 120,
                     "description": "Who consented: the person, a parent or guardian…"},
        "method": {"enum": list(CONSENT_METHODS)},
        "at": {"type": "string", "format": "date-time",
               "description": "When; without an offset, Asia/Baghdad time; default now"}}},
    "ReferralInput": {"type": "object", "required": [
        "case_reference", "partner_id", "service_type", "summary"], "properties": {
        "case_reference": {"type": "string"}, "partner_id": {"type": "integer"},
        "service_type": {"enum": list(SERVICE_TYPES)},
        "summary": {"type": "string", "maxLength": 2000,
                    "description": "The only case narrative the partner receives"},
        "share_phone": {"type": "boolean",
                        "description": "The person agreed that the partner may phone them"},
        "consent": _ref("Consent"),
        "emergency_override_reason": {
            "type": "string", "description": "Only for a life-threatening emergency when "
            "consent cannot be obtained; audited and flagged"}},
        "description": "Exactly one of `consent` or `emergency_override_reason`."},
    "Referral": {"type": "object", "required": [
        "id", "case_reference", "service_type", "status", "urgency", "language", "location",
        "summary"], "properties": {
        "id": {"type": "integer"}, "case_reference": {"type": "string"},
        "service_type": {"enum": list(SERVICE_TYPES)},
        "status": {"enum": list(REFERRAL_STATUSES)},
        "urgency": _nullable("string"), "language": {"type": "string"},
        "location": {"type": "object", "properties": {
            k: _nullable("string") for k in ("governorate", "district", "subdistrict",
                                             "village")}},
        "summary": {"type": "string"},
        "phone": _nullable("string", description="Partners: the full number once accepted "
                           "and only if shared; staff: masked"),
        "phone_shared": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"},
        "respond_by": {"type": "string", "format": "date-time"},
        "responded_at": _nullable("string", format="date-time"),
        "decline_reason": _nullable("string"),
        "completed_at": _nullable("string", format="date-time"),
        "outcome_note": _nullable("string"),
        "partner": {"type": "object", "description": "Staff only"},
        "consent": {"oneOf": [_ref("Consent"), {"type": "null"}],
                    "description": "Staff only"},
        "emergency_override": {"type": "boolean", "description": "Staff only"},
        "emergency_override_reason": _nullable("string"),
        "created_by": _nullable("string"), "escalated_at": _nullable("string"),
        "revoked_at": _nullable("string"), "revoke_reason": _nullable("string")}},
    "ReferralList": {"type": "object", "required": ["items"], "properties": {
        "items": {"type": "array", "items": _ref("Referral")}}},
}

PATHS = {
    "/openapi.json": {"get": {
        "summary": "This document", "tags": ["meta"], "security": [],
        "responses": {"200": _response("OpenAPI 3.1 document", {"type": "object"})}}},
    "/cases": {"get": {
        "summary": "Cases the caller may see, in queue order", "tags": ["cases"],
        "parameters": [
            _param("phone", description="Any common spelling; matched in E.164"),
            _param("status", schema={"enum": CASE_STATUSES}),
            _param("urgency", schema={"enum": list(URGENCIES)}),
            _param("category", schema={"enum": list(CATEGORIES)}),
            _param("page", schema={"type": "integer", "minimum": 1}),
            _param("per_page", schema={"type": "integer", "minimum": 1, "maximum": 100})],
        "responses": {"200": _response("Cases", _ref("CaseList")),
                      **_errors("400", "401", "403")}}},
    "/cases/{reference}": {"get": {
        "summary": "A case with its conversation", "tags": ["cases"], "parameters": [CASE_REF],
        "responses": {"200": _response("The case", _ref("CaseDetail")),
                      **_errors("401", "404")}}},
    "/cases/{reference}/assign": _case_update(
        "Assign (non-supervisors: themselves only)",
        {"type": "object", "required": ["assignee"],
         "properties": {"assignee": _nullable("string")}}),
    "/cases/{reference}/status": _case_update(
        "Change status", {"type": "object", "required": ["status"], "properties": {
            "status": {"enum": CASE_STATUSES}, "reason": {"type": "string"},
            "outcome": {"type": "string", "description": "Required for resolved"},
            "ask_satisfaction": {"type": "boolean"}}}),
    "/cases/{reference}/notes": _case_update(
        "Add a note", {"type": "object", "required": ["text"],
                       "properties": {"text": {"type": "string"}}}, ok="201"),
    "/cases/{reference}/corrections": _case_update(
        "Correct the triage (stored for rule improvement)",
        {"type": "object", "required": ["reason"], "properties": {
            "reason": {"type": "string"}, "category": {"enum": list(CATEGORIES)},
            "categories": {"type": "array", "items": {"enum": list(CATEGORIES)}},
            "urgency": {"enum": list(URGENCIES)}}}, ok="201"),
    "/cases/{reference}/replies": _case_update(
        "Reply to the person in their language",
        {"type": "object", "properties": {"template": {"type": "string"},
                                          "text": {"type": "string"}}}, ok="201"),
    "/households": {"post": {
        "summary": "Register a returned household (schedules its check-ins)",
        "tags": ["households"], "requestBody": {"required": True,
                                                **_json(_ref("HouseholdInput"))},
        "responses": {"201": _response("The household", _ref("Household")),
                      "409": _response("Already registered", _ref("Error")),
                      "422": _response("Invalid fields, listed in `errors`", _ref("Error")),
                      **_errors("400", "401", "403")}}},
    "/households/{household_id}": {"get": {
        "summary": "A household with its check-ins", "tags": ["households"],
        "parameters": [HOUSEHOLD_ID],
        "responses": {"200": _response("The household", _ref("Household")),
                      **_errors("401", "403", "404")}}},
    "/referrals": {
        "get": {"summary": "Referrals: a partner's own organisation's, or those of cases the "
                           "caller may see", "tags": ["referrals"],
                "parameters": [_param("status", schema={"enum": list(REFERRAL_STATUSES)}),
                               _param("case", description="Case reference"),
                               _param("limit", schema={"type": "integer", "minimum": 1,
                                                       "maximum": 200})],
                "responses": {"200": _response("Referrals", _ref("ReferralList")),
                              **_errors("400", "401", "403")}},
        "post": {"summary": "Refer a case (consent or emergency override required)",
                 "tags": ["referrals"],
                 "requestBody": {"required": True, **_json(_ref("ReferralInput"))},
                 "responses": {"201": _response("The referral", _ref("Referral")),
                               **_errors("400", "401", "403", "404")}}},
    "/referrals/{referral_id}": {"get": {
        "summary": "One referral (partners get the partner view)", "tags": ["referrals"],
        "parameters": [REFERRAL_ID],
        "responses": {"200": _response("The referral", _ref("Referral")),
                      **_errors("401", "404")}}},
    "/referrals/{referral_id}/accept": _referral_action("Partner accepts"),
    "/referrals/{referral_id}/decline": _referral_action("Partner declines, with a reason",
                                                         _reason_body("reason")),
    "/referrals/{referral_id}/complete": _referral_action(
        "Partner completes, with an outcome note", _reason_body("outcome_note")),
    "/referrals/{referral_id}/revoke": _referral_action("Helpline staff revoke, with a reason",
                                                        _reason_body("reason")),
}


def document():
    return {
        "openapi": "3.1.0",
        "info": {"title": "Helpline API", "version": "1.0.0",
                 "description": "Cases, households and referrals. Bearer tokens from "
                                "`flask users token USERNAME`; the same permissions as the "
                                "staff pages: what the caller may not see answers 404."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "tags": [{"name": n} for n in ("cases", "households", "referrals", "meta")],
        "paths": PATHS,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                       "schemas": SCHEMAS},
    }


@bp.get("/openapi.json")
def openapi_json():
    return document()
