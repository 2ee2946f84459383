"""Durability indicators per governorate, district and wave (SPEC §7), and their chart."""
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from helpline.checkins.models import CheckIn, CheckinAnswer, Household
from helpline.checkins.questions import OPTIONS
from helpline.extensions import db

PROBLEM_CODES = [code for _, code in OPTIONS["main_problem"]]


@dataclass
class AreaWave:
    governorate: str
    district: str
    wave: int
    due: int = 0
    contacted: int = 0
    reached: int = 0
    unreachable: int = 0
    reporting_problem: int = 0
    urgent_help: int = 0
    problems: dict = field(default_factory=dict)
    stay: dict = field(default_factory=dict)

    @property
    def response_rate(self):
        return self.reached / self.due if self.due else None

    @property
    def problem_share(self):
        return self.reporting_problem / self.reached if self.reached else None

    @property
    def staying_share(self):
        answered = sum(self.stay.values())
        return self.stay.get("yes", 0) / answered if answered else None


def _filters(query, now, governorate, wave):
    query = query.where(CheckIn.due_at <= now)
    if governorate:
        query = query.where(Household.governorate == governorate)
    if wave:
        query = query.where(CheckIn.wave == wave)
    return query


def indicator_rows(now, governorate=None, wave=None):
    """One AreaWave per (governorate, district, wave) with waves already due at `now`."""
    keys = (Household.governorate, Household.district, CheckIn.wave)
    base = _filters(
        select(*keys, func.count(CheckIn.id),
               func.sum(case((CheckIn.attempts > 0, 1), else_=0)),
               func.sum(case((CheckIn.answered_at.is_not(None), 1), else_=0)),
               func.sum(case((CheckIn.status == "unreachable", 1), else_=0)))
        .join(Household, Household.id == CheckIn.household_id), now, governorate, wave
    ).group_by(*keys)
    rows = {}
    for gov, district, wave_no, due, contacted, reached, unreachable in db.session.execute(base):
        rows[(gov, district, wave_no)] = AreaWave(gov, district, wave_no, due, contacted or 0,
                                                  reached or 0, unreachable or 0)
    answers = _filters(
        select(*keys, CheckinAnswer.question, CheckinAnswer.code, func.count(CheckinAnswer.id))
        .join(CheckIn, CheckIn.id == CheckinAnswer.checkin_id)
        .join(Household, Household.id == CheckIn.household_id), now, governorate, wave
    ).group_by(*keys, CheckinAnswer.question, CheckinAnswer.code)
    for gov, district, wave_no, question, code, n in db.session.execute(answers):
        row = rows.get((gov, district, wave_no))
        if row is None:
            continue
        if question == "wellbeing" and code in ("problem", "urgent_help"):
            row.reporting_problem += n
            if code == "urgent_help":
                row.urgent_help += n
        elif question == "main_problem":
            row.problems[code] = row.problems.get(code, 0) + n
        elif question == "plan_to_stay" and code != "free_text":
            row.stay[code] = row.stay.get(code, 0) + n
    return sorted(rows.values(), key=lambda r: (r.governorate, r.district, r.wave))


def by_governorate(rows):
    """Roll districts up: {(governorate, wave): AreaWave}."""
    totals = {}
    for r in rows:
        t = totals.setdefault((r.governorate, r.wave), AreaWave(r.governorate, "", r.wave))
        for name in ("due", "contacted", "reached", "unreachable", "reporting_problem",
                     "urgent_help"):
            setattr(t, name, getattr(t, name) + getattr(r, name))
        for code, n in r.problems.items():
            t.problems[code] = t.problems.get(code, 0) + n
        for code, n in r.stay.items():
            t.stay[code] = t.stay.get(code, 0) + n
    return totals


CSV_COLUMNS = (["governorate", "district", "wave", "households_due", "contacted", "reached",
                "response_rate", "unreachable", "reporting_problem", "urgent_help"]
               + [f"problem_{c}" for c in PROBLEM_CODES]
               + ["stay_yes", "stay_no", "stay_not_sure", "staying_share"])


def csv_row(r):
    def pct(value):
        return "" if value is None else f"{value:.3f}"
    return ([r.governorate, r.district, r.wave, r.due, r.contacted, r.reached,
             pct(r.response_rate), r.unreachable, r.reporting_problem, r.urgent_help]
            + [r.problems.get(c, 0) for c in PROBLEM_CODES]
            + [r.stay.get("yes", 0), r.stay.get("no", 0), r.stay.get("not_sure", 0),
               pct(r.staying_share)])


def bar_chart(groups, waves, width=640, bar_height=14, gap=6, label_width=130):
    """Horizontal grouped bars (pure): one group per governorate, one bar per wave.

    `groups` is [(label, {wave: share 0..1 or None})]; returns shapes for an inline SVG.
    """
    plot = width - label_width - 50
    shapes, y = [], 0
    for label, values in groups:
        group_top = y
        for wave in waves:
            share = values.get(wave)
            length = 0 if share is None else round(plot * share, 1)
            shapes.append({"kind": "bar", "wave": wave, "x": label_width, "y": y,
                           "width": length, "height": bar_height,
                           "text": "—" if share is None else f"{share * 100:.0f}%"})
            y += bar_height + 2
        shapes.append({"kind": "label", "text": label, "y": group_top, "height": y - group_top})
        y += gap
    return {"width": width, "height": max(y, 1), "shapes": shapes, "plot": plot,
            "label_width": label_width}
