"""/cases/export.csv: cases the user may see, phone numbers masked, audited, streamed."""
import csv
import io
from datetime import datetime, time, timezone

from flask import Response, abort, request, stream_with_context
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from helpline.audit import record_audit
from helpline.cases.models import Case
from helpline.cases.permissions import visible_cases_condition
from helpline.cases.status import STATUSES
from helpline.dashboard.views import bp
from helpline.extensions import db
from helpline.staff.access import roles_required
from helpline.triage import CATEGORIES, URGENCIES

COLUMNS = ("reference", "created_at", "channel", "language", "category", "categories",
           "urgency", "status", "restricted", "governorate", "district", "subdistrict",
           "assignee", "due_at", "first_response_at", "breached_at", "resolved_at",
           "closed_at", "phone")
CHUNK = 1000


def export_filters(args):
    """Validated filters from the query string (unknown values are a 400, not ignored)."""
    filters = {}
    for name, allowed in (("status", STATUSES), ("urgency", URGENCIES),
                          ("category", CATEGORIES)):
        value = args.get(name)
        if value:
            if value not in allowed:
                abort(400, description=f"unknown {name} {value!r}")
            filters[name] = value
    if args.get("governorate"):
        filters["governorate"] = args["governorate"][:64]
    for name in ("from", "to"):
        if args.get(name):
            try:
                filters[name] = datetime.strptime(args[name], "%Y-%m-%d").date().isoformat()
            except ValueError:
                abort(400, description=f"{name} must be a date YYYY-MM-DD")
    return filters


def export_statement(user, filters):
    stmt = select(Case).where(visible_cases_condition(user))
    for name in ("status", "urgency", "category", "governorate"):
        if name in filters:
            stmt = stmt.where(getattr(Case, name) == filters[name])
    if "from" in filters:
        start = datetime.combine(datetime.fromisoformat(filters["from"]).date(), time.min,
                                 tzinfo=timezone.utc)
        stmt = stmt.where(Case.created_at >= start)
    if "to" in filters:
        end = datetime.combine(datetime.fromisoformat(filters["to"]).date(), time.max,
                               tzinfo=timezone.utc)
        stmt = stmt.where(Case.created_at <= end)
    return stmt


def _safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise free text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _iso(value):
    return value.isoformat() if value else ""


def case_row(case):
    return [case.reference, _iso(case.created_at), case.channel, case.language,
            case.category or "", " ".join(case.categories or []), case.urgency or "",
            case.status, "yes" if case.is_restricted else "no", _safe(case.governorate),
            _safe(case.district), _safe(case.subdistrict),
            case.assignee.username if case.assignee else "", _iso(case.due_at),
            _iso(case.first_response_at), _iso(case.breached_at), _iso(case.resolved_at),
            _iso(case.closed_at), case.contact.masked_phone if case.contact else ""]


def generate_csv(stmt):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    stmt = stmt.options(joinedload(Case.contact), joinedload(Case.assignee)) \
        .order_by(Case.id).execution_options(yield_per=CHUNK)
    for n, case in enumerate(db.session.scalars(stmt), start=1):
        writer.writerow(case_row(case))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@bp.get("/cases/export.csv")
@roles_required("supervisor", "admin")
def export_cases():
    filters = export_filters(request.args)
    stmt = export_statement(current_user, filters)
    rows = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    # Audited (and committed) before the first byte leaves: an export cannot go unrecorded.
    record_audit("case_export", current_user, "case", None, filter=filters, row_count=rows)
    db.session.commit()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    return Response(stream_with_context(generate_csv(stmt)), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="cases-{stamp}.csv"',
                             "Cache-Control": "no-store"})
