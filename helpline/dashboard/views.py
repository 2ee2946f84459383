"""/dashboard: charts for supervisors, admins and (their categories) focal points."""
from flask import Blueprint, render_template
from flask_babel import format_date, gettext as _
from flask_login import current_user

from helpline.audit import record_audit
from helpline.dashboard import charts, queries
from helpline.extensions import db
from helpline.i18n import current_language, is_rtl
from helpline.staff.access import roles_required
from helpline.staff.labels import CATEGORY_LABELS, URGENCY_LABELS
from helpline.triage import CATEGORIES, RESTRICTED_CATEGORIES

bp = Blueprint("dashboard", __name__, template_folder="templates")
DASHBOARD_ROLES = ("supervisor", "admin", "gbv_focal", "psea_focal", "cp_focal")


def _weekly_chart(user, rtl):
    weeks = queries.cases_per_category_per_week(user)
    present = [c for c in CATEGORIES if any(values.get(c) for _, values in weeks)]
    series = [{"key": c, "label": str(CATEGORY_LABELS.get(c, c)),
               "colour": charts.RESTRICTED_FILL if c in RESTRICTED_CATEGORIES
               and c not in queries.drillable_categories(user, [c]) else charts.colour(i)}
              for i, c in enumerate(present)]
    columns = [{"label": format_date(start, "d MMM"), "values": values}
               for start, values in weeks]
    svg = charts.stacked_columns(columns, series, _("Cases per category per week"), rtl=rtl)
    return svg, series


def _governorate_chart(user, rtl):
    rows = [{"label": name or _("Unknown"), "value": count}
            for name, count in queries.cases_by_governorate(user)]
    return charts.horizontal_bars(rows, _("Open cases by governorate"), rtl=rtl)


def _compliance_chart(rtl):
    rows, table = [], queries.deadline_compliance(current_user)
    for row in table:
        rows.append({"label": str(URGENCY_LABELS.get(row["urgency"], row["urgency"])),
                     "value": row["rate"],
                     "colour": charts.colour(["critical", "high", "normal", "low"]
                                             .index(row["urgency"]) + 1)})
    svg = charts.horizontal_bars(rows, _("First response within the deadline (%)"), rtl=rtl,
                                 suffix="%")
    return svg, table


def _referral_chart(user, rtl):
    data = queries.open_referrals_by_partner(user)
    rows = [{"label": name, "value": counts["pending"] + counts["accepted"]}
            for name, counts in data]
    return charts.horizontal_bars(rows, _("Open referrals by partner"), rtl=rtl), data


@bp.get("/dashboard")
@roles_required(*DASHBOARD_ROLES)
def dashboard():
    rtl = is_rtl(current_language())
    weekly, series = _weekly_chart(current_user, rtl)
    compliance, compliance_table = _compliance_chart(rtl)
    referrals, referral_table = _referral_chart(current_user, rtl)
    drillable = queries.drillable_categories(current_user, [s["key"] for s in series])
    record_audit("dashboard_view", current_user, "dashboard", None)
    db.session.commit()
    return render_template(
        "dashboard/dashboard.html", weekly=weekly, series=series, drillable=drillable,
        governorates=_governorate_chart(current_user, rtl), compliance=compliance,
        compliance_table=compliance_table, referrals=referrals, referral_table=referral_table,
        overview=bool(current_user.roles & queries.OVERVIEW_ROLES),
        can_export=current_user.has_role("supervisor", "admin"),
        restricted=RESTRICTED_CATEGORIES, urgency_labels=URGENCY_LABELS)
