"""CSV import of help-desk registration exports: every row imported or reported, never dropped."""
import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

from helpline.checkins.services import DuplicateHousehold, HouseholdInvalid, register_household
from helpline.extensions import db

# Column names seen in help-desk exports → our field names.
HEADER_ALIASES = {
    "phone": ("phone", "phone_number", "head_phone", "hoh_phone", "mobile", "telephone",
              "head_of_household_phone"),
    "alternate_phone": ("alternate_phone", "alt_phone", "phone2", "second_phone"),
    "language": ("language", "lang", "preferred_language"),
    "preferred_channel": ("preferred_channel", "channel", "contact_channel"),
    "movement_type": ("movement_type", "movement"),
    "arrival_date": ("arrival_date", "date_of_arrival", "return_date", "arrival"),
    "household_size": ("household_size", "hh_size", "family_size", "size"),
    "vulnerability_flags": ("vulnerability_flags", "vulnerabilities", "vulnerability"),
    "consent_followup": ("consent_followup", "consent", "consent_to_followup",
                         "consent_follow_up"),
    "registration_source": ("registration_source", "source", "help_desk"),
    "governorate": ("governorate", "destination_governorate", "dest_governorate"),
    "district": ("district", "destination_district", "dest_district"),
    "subdistrict": ("subdistrict", "sub_district", "destination_subdistrict"),
    "village": ("village", "destination_village", "location"),
    "origin_governorate": ("origin_governorate",),
    "origin_district": ("origin_district",),
    "origin_subdistrict": ("origin_subdistrict", "origin_sub_district"),
    "origin_village": ("origin_village",),
    "plan": ("plan", "programme", "program"),
}
REQUIRED_COLUMNS = ("phone", "language", "arrival_date", "governorate", "district",
                    "consent_followup")


@dataclass
class RowResult:
    line: int
    status: str          # imported | duplicate | rejected
    reason: str = ""
    household_id: int | None = None


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    error: str | None = None    # the whole file was unreadable
    note: str | None = None

    def count(self, status):
        return sum(1 for r in self.rows if r.status == status)

    @property
    def imported(self):
        return self.count("imported")

    @property
    def duplicates(self):
        return self.count("duplicate")

    @property
    def rejected(self):
        return self.count("rejected")


def decode(data):
    """Text of an uploaded file; Arabic Windows exports are often cp1256."""
    if isinstance(data, str):
        return data, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1256", errors="replace"), _("the file was not UTF-8; it was "
                                                          "read as Windows Arabic (cp1256)")


def _header_map(fieldnames):
    mapping = {}
    for raw in fieldnames or []:
        name = (raw or "").strip().lower().replace(" ", "_").replace("-", "_")
        for target, aliases in HEADER_ALIASES.items():
            if name in aliases and target not in mapping.values():
                mapping[raw] = target
    return mapping


def import_households(data, actor=None, now=None, source="csv_import"):
    text, note = decode(data)
    report = ImportReport(note=note)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    mapping = _header_map(reader.fieldnames)
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping.values()]
    if not reader.fieldnames:
        report.error = _("the file is empty")
        return report
    if missing:
        report.error = _("missing columns: %(columns)s", columns=", ".join(missing))
        return report
    line = 1
    while True:
        start = line + 1
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.rows.append(RowResult(start, "rejected", _("unreadable row: %(error)s",
                                                              error=str(exc))))
            line = reader.line_num
            continue
        line = reader.line_num
        report.rows.append(_import_row(raw, mapping, start, actor, now, source))
    return report


def _import_row(raw, mapping, line, actor, now, source):
    if None in raw:
        return RowResult(line, "rejected", _("more values than columns"))
    if any(v is None for v in raw.values()):
        return RowResult(line, "rejected", _("fewer values than columns"))
    data = {mapping[k]: (v or "").strip() for k, v in raw.items() if k in mapping}
    try:
        with db.session.begin_nested():
            household = register_household(data, actor=actor, now=now, source=source)
    except HouseholdInvalid as exc:
        reason = "; ".join(f"{name}: {message}" for name, message in exc.errors.items())
        return RowResult(line, "rejected", reason)
    except DuplicateHousehold as exc:
        return RowResult(line, "duplicate", _("same phone and arrival date as household "
                                              "%(id)s", id=exc.household.id),
                         exc.household.id)
    return RowResult(line, "imported", "", household.id)
