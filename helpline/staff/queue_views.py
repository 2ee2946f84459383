"""The queue at / : views, filters, search, claim and bulk assign."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user, login_required

from helpline.audit import record_audit
from helpline.cases.casework import (assignable_users, bulk_assign, find_cases_by_reference,
                                     may_assign_others)
from helpline.cases.permissions import can_view_case
from helpline.cases.queue import (COUNT_CAP, VIEW_ORDER, VIEWS, QueueFilters, queue_page,
                                  search_condition, valid_filter_values, view_counts)
from helpline.extensions import db
from helpline.staff import nav_link
from helpline.staff.access import CASE_ROLES, roles_required
from helpline.staff.auth import safe_next
from helpline.staff.blueprint import bp
from helpline.staff.models import User


@bp.get("/")
@login_required
def queue():
    if not current_user.has_role(*CASE_ROLES):
        # Partner accounts work only their organisation's referrals.
        target = nav_link("/referrals")
        if target:
            return redirect(target)
        abort(403)
    view = request.args.get("view") or "all"
    if view not in VIEWS:
        view = "all"
    filters = QueueFilters.from_args(request.args)
    allowed = valid_filter_values()
    for name, values in allowed.items():
        if getattr(filters, name) and getattr(filters, name) not in values:
            setattr(filters, name, None)
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    search_invalid = bool(filters.q) and search_condition(filters.q) is None
    cases, has_next = queue_page(current_user, view, filters, page)
    if filters.q:
        # Searches by phone or reference are audited (the text itself is not stored).
        record_audit("case_search", current_user, "case", None,
                     kind="reference" if filters.q.upper().replace(" ", "").startswith("HL")
                     else "phone", results=len(cases))
        db.session.commit()
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "staff/queue.html", cases=cases, view=view, views=VIEW_ORDER, filters=filters,
        counts=view_counts(current_user), count_cap=COUNT_CAP, page=page, has_next=has_next, args=args,
        allowed=allowed, search_invalid=search_invalid,
        can_assign_others=may_assign_others(current_user),
        staff=assignable_users() if may_assign_others(current_user) else [])


@bp.post("/queue/assign")
@roles_required(*CASE_ROLES)
def queue_assign():
    refs = request.form.getlist("refs")
    assignee_id = request.form.get("assignee_id") or ""
    if assignee_id == "me" or not assignee_id:
        assignee = current_user
    else:
        assignee = db.session.get(User, int(assignee_id)) if assignee_id.isdigit() else None
        if assignee is None:
            abort(400, description="unknown assignee")
    if assignee.id != current_user.id and not may_assign_others(current_user):
        abort(403)
    cases = [c for c in find_cases_by_reference(refs) if can_view_case(current_user, c)]
    if not cases:
        flash(_("Select at least one case."), "error")
        return redirect(safe_next(request.form.get("next"), url_for("staff.queue")))
    done, skipped = bulk_assign(cases, assignee, current_user)
    for ref in done:
        record_audit("case_assign", current_user, "case", ref, assignee=assignee.username,
                     bulk=len(cases) > 1)
    db.session.commit()
    if done:
        flash(ngettext("%(num)d case assigned to %(name)s.", "%(num)d cases assigned to %(name)s.",
                       len(done), name=assignee.display_name or assignee.username), "info")
    if skipped:
        flash(ngettext("%(num)d case could not be assigned (already assigned or not allowed).",
                       "%(num)d cases could not be assigned (already assigned or not allowed).",
                       len(skipped)), "error")
    return redirect(safe_next(request.form.get("next"), url_for("staff.queue")))
