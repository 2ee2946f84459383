"""The case page at /cases/<ref> and its actions; manual entry at /cases/new.

Every view and change is audited; a case the user may not see answers 404."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from helpline.audit import record_audit
from helpline.cases.casework import (add_note, assign_case, assignable_users, case_notes,
                                     claim_case, may_assign_others, set_case_status)
from helpline.cases.corrections import correct_triage
from helpline.cases.errors import CaseActionError
from helpline.cases.manual_entry import enter_complaint
from helpline.cases.outreach import (can_message, person_language, reply_options, send_outcome,
                                     send_reply)
from helpline.cases.permissions import can_view_case
from helpline.cases.queries import conversation, get_visible_case
from helpline.cases.queue import STAFF_CHANNELS, governorates
from helpline.cases.status import TRANSITIONS
from helpline.extensions import db
from helpline.i18n import LANGUAGES, sms_parts
from helpline.staff.access import case_staff_required
from helpline.staff.blueprint import bp
from helpline.staff.labels import error_text
from helpline.staff.models import User
from helpline.tasks import enqueue
from helpline.triage import CATEGORIES, URGENCIES


def _case_or_404(reference):
    case = get_visible_case(current_user, (reference or "").upper())
    if case is None:
        abort(404)
    return case


def _send_after_commit(message_ids):
    from helpline.channels.tasks import send_message
    for message_id in message_ids:
        enqueue(send_message, message_id)


def _back(case, anchor=""):
    return redirect(url_for("staff.case_page", reference=case.reference) + anchor)


@bp.get("/cases/<reference>")
@case_staff_required
def case_page(reference):
    case = _case_or_404(reference)
    record_audit("case_view", current_user, "case", case.reference, via="page")
    db.session.commit()
    allowed, why = can_message(case)
    return render_template(
        "staff/case.html", case=case, messages=conversation(case), notes=case_notes(case),
        events=list(reversed(case.events)), reply_options=reply_options(case),
        can_reply=allowed, reply_blocked=why, person_language=person_language(case),
        next_statuses=sorted(TRANSITIONS.get(case.status, ())),
        categories=CATEGORIES, urgencies=URGENCIES,
        can_assign_others=may_assign_others(current_user),
        staff=assignable_users(case) if may_assign_others(current_user) else [],
        # The referrals area contributes a panel (its referrals, a way to refer) when present.
        referral_panel="referral_panel_data" in current_app.jinja_env.globals)


def _act(reference, action, audit_action, anchor=""):
    """Run one case action with the error → flash convention; returns the redirect."""
    case = _case_or_404(reference)
    try:
        outcome = action(case)
    except CaseActionError as exc:
        db.session.rollback()
        flash(error_text(exc), "error")
        return _back(case, anchor)
    detail, flash_text, to_send = outcome
    record_audit(audit_action, current_user, "case", case.reference, **detail)
    db.session.commit()
    _send_after_commit(to_send)
    if flash_text:
        flash(flash_text, "info")
    if not can_view_case(current_user, case):
        # The change restricted the case away from this user: it is no longer theirs to see.
        flash(_("The case is now restricted to its focal points and no longer visible to you."),
              "info")
        return redirect(url_for("staff.queue"))
    return _back(case, anchor)


@bp.post("/cases/<reference>/claim")
@case_staff_required
def claim(reference):
    def action(case):
        claim_case(case, current_user)
        return {"assignee": current_user.username}, _("You now have this case."), []
    return _act(reference, action, "case_assign")


@bp.post("/cases/<reference>/assign")
@case_staff_required
def assign(reference):
    def action(case):
        raw = request.form.get("assignee_id", "")
        assignee = db.session.get(User, int(raw)) if raw.isdigit() else None
        if raw and assignee is None:
            raise CaseActionError("assignee_cannot_see", "unknown user")
        assign_case(case, assignee, current_user)
        name = assignee.username if assignee else None
        return {"assignee": name}, _("Assignment saved."), []
    return _act(reference, action, "case_assign")


@bp.post("/cases/<reference>/notes")
@case_staff_required
def note(reference):
    def action(case):
        n = add_note(case, current_user, request.form.get("text"))
        return {"note_id": n.id}, _("Note added."), []
    return _act(reference, action, "case_note", "#notes")


@bp.post("/cases/<reference>/reply")
@case_staff_required
def reply(reference):
    def action(case):
        message = send_reply(case, current_user, template=request.form.get("template"),
                             text=request.form.get("text"),
                             number=request.form.get("callback_number"))
        parts = sms_parts(message.body)
        return ({"message_id": message.id, "template": request.form.get("template") or "free"},
                _("Reply queued (%(parts)s SMS parts).", parts=parts), [message.id])
    return _act(reference, action, "case_reply", "#conversation")


@bp.post("/cases/<reference>/correct")
@case_staff_required
def correct(reference):
    def action(case):
        extra = request.form.getlist("categories")
        correction = correct_triage(case, current_user, request.form.get("reason"),
                                    category=request.form.get("category") or None,
                                    categories=extra,
                                    urgency=request.form.get("urgency") or None)
        return ({"correction_id": correction.id, "category": correction.corrected_category,
                 "urgency": correction.corrected_urgency},
                _("Triage corrected."), [])
    return _act(reference, action, "case_correction")


@bp.post("/cases/<reference>/status")
@case_staff_required
def status(reference):
    def action(case):
        target = request.form.get("status", "")
        before = case.status
        set_case_status(case, target, current_user, reason=request.form.get("reason"),
                         outcome=request.form.get("outcome"))
        to_send = []
        if target == "resolved":
            to_send = send_outcome(case, current_user,
                                   ask_satisfaction=bool(request.form.get("ask_satisfaction")))
        return ({"before": before, "after": target}, _("Status changed."), to_send)
    return _act(reference, action, "case_status")


@bp.route("/cases/new", methods=["GET", "POST"])
@case_staff_required
def new_case():
    form = request.form if request.method == "POST" else {}
    error = None
    if request.method == "POST":
        try:
            case, message, to_send = enter_complaint(
                current_user, form.get("channel"), form.get("text"), phone=form.get("phone"),
                language=form.get("language"), send_reference=bool(form.get("send_reference")),
                governorate=form.get("governorate"), district=form.get("district"),
                subdistrict=form.get("subdistrict"), village=form.get("village"))
        except CaseActionError as exc:
            db.session.rollback()
            error = error_text(exc)
        else:
            record_audit("case_create", current_user, "case", case.reference,
                         channel=case.channel)
            db.session.commit()
            from helpline.cases.tasks import process_inbound_message
            enqueue(process_inbound_message, message.id)
            _send_after_commit(to_send)
            flash(_("Complaint recorded as %(ref)s.", ref=case.reference), "info")
            if can_view_case(current_user, case):
                return redirect(url_for("staff.case_page", reference=case.reference))
            flash(_("The case is now restricted to its focal points and no longer visible to "
                    "you."), "info")
            return redirect(url_for("staff.queue"))
    return render_template("staff/new_case.html", form=form, error=error,
                           channels=STAFF_CHANNELS, languages=LANGUAGES,
                           governorates=governorates()), (400 if error else 200)
