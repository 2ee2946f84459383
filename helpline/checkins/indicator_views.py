"""Durability dashboard, its CSV export, and the check-in plans page."""
import csv
import io

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from helpline.audit import record_audit
from helpline.checkins.indicators import (CSV_COLUMNS, PROBLEM_CODES, bar_chart, by_governorate,
                                          csv_row, indicator_rows)
from helpline.checkins.locations import GOVERNORATES
from helpline.checkins.models import CheckinPlan
from helpline.checkins.plans import PlanError, parse_waves_text, waves_text
from helpline.checkins.views import bp
from helpline.db import utcnow
from helpline.extensions import db
from helpline.staff.access import roles_required

DASHBOARD_ROLES = ("admin", "supervisor", "protection")


def _filters():
    governorate = request.args.get("governorate") or None
    wave = request.args.get("wave", type=int) or None
    return governorate, wave


@bp.get("/indicators")
@roles_required(*DASHBOARD_ROLES)
def indicators():
    governorate, wave = _filters()
    rows = indicator_rows(utcnow(), governorate, wave)
    totals = by_governorate(rows)
    waves = sorted({r.wave for r in rows})
    names = sorted({g for g, _ in totals})
    response_chart = bar_chart(
        [(g, {w: totals[(g, w)].response_rate for w in waves if (g, w) in totals})
         for g in names], waves)
    staying_chart = bar_chart(
        [(g, {w: totals[(g, w)].staying_share for w in waves if (g, w) in totals})
         for g in names], waves)
    return render_template("checkins/indicators.html", rows=rows, totals=totals, waves=waves,
                           names=names, response_chart=response_chart,
                           staying_chart=staying_chart, problem_codes=PROBLEM_CODES,
                           governorate=governorate, wave=wave,
                           governorates=sorted(GOVERNORATES))


@bp.get("/indicators.csv")
@roles_required(*DASHBOARD_ROLES)
def indicators_csv():
    governorate, wave = _filters()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in indicator_rows(utcnow(), governorate, wave):
        writer.writerow(csv_row(row))
    record_audit("checkin_indicators_export", current_user, "indicators", governorate or "all",
                 wave=wave)
    db.session.commit()
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition":
                             "attachment; filename=checkin-indicators.csv"})


@bp.route("/plans", methods=["GET", "POST"])
@roles_required("admin", "supervisor")
def plans():
    if request.method == "POST":
        if not current_user.has_role("admin"):
            return render_template("checkins/plans.html", plans=_all_plans(),
                                   waves_text=waves_text), 403
        error = _save_plan(request.form)
        if error:
            flash(error, "error")
            db.session.rollback()
        else:
            record_audit("checkin_plan_save", current_user, "checkin_plan",
                         request.form.get("name", "")[:64])
            db.session.commit()
            flash(_("Plan saved. It applies to households registered from now on."), "info")
        return redirect(url_for("checkins.plans"))
    return render_template("checkins/plans.html", plans=_all_plans(), waves_text=waves_text)


def _all_plans():
    from helpline.checkins.services import default_plan
    default_plan()
    db.session.commit()
    return db.session.scalars(select(CheckinPlan).order_by(CheckinPlan.id)).all()


def _save_plan(form):
    name = (form.get("name") or "").strip()[:80]
    if not name:
        return _("A plan needs a name.")
    try:
        waves = parse_waves_text(form.get("waves"))
        start, end = int(form.get("send_from_hour", 9)), int(form.get("send_until_hour", 20))
        reminders = int(form.get("max_reminders", 2))
        interval = int(form.get("reminder_interval_hours", 48))
    except PlanError as exc:
        return str(exc)
    except ValueError:
        return _("Hours, reminders and interval must be whole numbers.")
    if not (0 <= start < end <= 24) or not (0 <= reminders <= 5) or not (1 <= interval <= 240):
        return _("Sending hours must be within 0–24 with the start before the end; up to 5 "
                 "reminders, 1 to 240 hours apart.")
    plan = db.session.scalar(select(CheckinPlan).where(CheckinPlan.name == name))
    if plan is None:
        plan = CheckinPlan(name=name, is_default=False)
        db.session.add(plan)
    plan.waves, plan.send_from_hour, plan.send_until_hour = waves, start, end
    plan.max_reminders, plan.reminder_interval_hours = reminders, interval
    plan.timezone = plan.timezone or "Asia/Baghdad"
    db.session.flush()
    return None
