"""Staff pages of the voice area: recording playback (permission-checked, audited) and the
on-duty roster (admins)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from helpline.audit import record_audit
from helpline.cases.models import Case
from helpline.cases.permissions import can_view_case
from helpline.channels.models import Message
from helpline.extensions import db
from helpline.staff.access import roles_required
from helpline.voice.models import OnDutyOfficer, VoiceRecording
from helpline.voice.roster import RosterError, add_officer, format_minutes, officers_on_duty
from helpline.voice.storage import StorageError, get_storage

bp = Blueprint("voice_staff", __name__, url_prefix="/voice", template_folder="templates")
WEEKDAYS = (("1", _l("Mon")), ("2", _l("Tue")), ("3", _l("Wed")), ("4", _l("Thu")),
            ("5", _l("Fri")), ("6", _l("Sat")), ("7", _l("Sun")))


@bp.get("/recordings/<int:message_id>")
def play_recording(message_id):
    """Audio of a caller's message, only for staff who may see its case; 404 for anyone else
    (so the URL does not even confirm that a recording exists)."""
    if not current_user.is_authenticated:
        abort(404)
    message = db.session.get(Message, message_id)
    if message is None or message.channel != "voice" or not message.media_path:
        abort(404)
    case = db.session.get(Case, message.case_id) if message.case_id else None
    if case is None or not can_view_case(current_user, case):
        abort(404)
    try:
        path = get_storage().local_path(message.media_path)
    except StorageError:
        path = None
    if path is None:
        abort(404)
    recording = db.session.scalar(select(VoiceRecording).where(
        VoiceRecording.message_id == message.id))
    record_audit("recording_play", current_user, "case", case.reference, message_id=message.id)
    db.session.commit()
    mimetype = (recording.content_type if recording and recording.content_type
                else "audio/wav" if path.suffix == ".wav" else "audio/mpeg")
    response = send_file(path, mimetype=mimetype, conditional=True, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/roster")
@roles_required("admin")
def roster():
    officers = db.session.scalars(select(OnDutyOfficer).order_by(
        OnDutyOfficer.is_active.desc(), OnDutyOfficer.name)).all()
    on_duty = {o.id for o in officers_on_duty()}
    return render_template("voice/roster.html", officers=officers, on_duty=on_duty,
                           weekdays=WEEKDAYS, format_minutes=format_minutes)


@bp.post("/roster")
@roles_required("admin")
def roster_add():
    try:
        officer = add_officer(request.form.get("name"), request.form.get("phone"),
                              "".join(request.form.getlist("weekdays")),
                              request.form.get("start"), request.form.get("end"))
    except RosterError as exc:
        db.session.rollback()
        flash(_("The roster entry was not saved: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("voice_staff.roster"))
    record_audit("roster_add", current_user, "onduty_officer", str(officer.id))
    db.session.commit()
    flash(_("Added to the on-duty roster."), "info")
    return redirect(url_for("voice_staff.roster"))


@bp.post("/roster/<int:officer_id>/toggle")
@roles_required("admin")
def roster_toggle(officer_id):
    officer = db.session.get(OnDutyOfficer, officer_id) or abort(404)
    officer.is_active = not officer.is_active
    record_audit("roster_change", current_user, "onduty_officer", str(officer.id),
                 active=officer.is_active)
    db.session.commit()
    return redirect(url_for("voice_staff.roster"))
