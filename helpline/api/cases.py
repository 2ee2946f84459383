"""/api/v1/cases"""
from flask import abort, g

from helpline.api import bp, token_required
from helpline.api.serializers import case_detail
from helpline.audit import record_audit
from helpline.cases.queries import conversation, get_visible_case
from helpline.extensions import db


@bp.get("/cases/<reference>")
@token_required
def get_case(reference):
    case = get_visible_case(g.api_user, reference.upper())
    if case is None:
        abort(404, description="no such case")
    record_audit("case_view", g.api_user, "case", case.reference, via="api")
    data = case_detail(case, conversation(case))
    db.session.commit()
    return data
