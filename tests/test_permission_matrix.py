"""Every role × every route in the app: who gets in, who gets 403/404, who is sent to log in.

Routes are enumerated from app.url_map, so a new route fails this test until it has a line in
RULES below. A rule says which roles may use the route; routes about one case are also tried
on a GBV case, where only the GBV focal point (and, for referral routes, the partner the
referral was sent to) may get in. Partner scoping (partner B cannot see partner A's
referral) is checked separately.

Outcomes: allowed → neither 401/403/404 nor a redirect to the login page (and never a 500);
denied → 403 or 404 (anonymous: a redirect to /login, or 401 on the API).
"""
import time
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from flask import url_for

from helpline.extensions import db

ROLES = ("admin", "supervisor", "operator", "protection", "gbv_focal", "psea_focal", "cp_focal",
         "partner")
STAFF = frozenset(ROLES) - {"partner"}
EVERYONE = frozenset(ROLES)
REFERRERS = frozenset({"protection", "supervisor", "gbv_focal", "psea_focal", "cp_focal"})
REGISTRY = frozenset({"admin", "supervisor", "operator"})
ADMIN = frozenset({"admin"})
PUBLIC, SIGNED, SKIP = "public", "signed", "skip"


@dataclass(frozen=True)
class Rule:
    roles: object                 # frozenset of roles, or PUBLIC / SIGNED / SKIP
    case: bool = False            # about one case: also tried on a restricted (GBV) case
    partner: bool = False         # the referral's partner organisation is let in too
    methods: tuple = ()           # methods to try (default: all but HEAD/OPTIONS)
    absent_ok: bool = False       # the object is not built here: 404 is acceptable when allowed
    redirect_roles: frozenset = frozenset()  # roles that are sent elsewhere (not to log in)
    login_redirect_ok: bool = False  # success ends on the login page (log out)
    post_roles: object = None     # when POST is narrower than GET (e.g. admins edit plans)
    values: tuple = ()            # extra URL values, e.g. (("action", "accept"),)


RULES = {
    # probes, assets, documentation
    "health.healthz": Rule(PUBLIC), "health.readyz": Rule(PUBLIC),
    "static": Rule(SKIP), "referrals.static": Rule(SKIP),
    "api.openapi_json": Rule(PUBLIC),
    # log in / out, language
    "staff.login": Rule(PUBLIC, methods=("GET",)),
    "staff.logout": Rule(EVERYONE, login_redirect_ok=True),
    "staff.set_language": Rule(PUBLIC),
    # queue and case pages
    "staff.queue": Rule(STAFF, redirect_roles=frozenset({"partner"})),
    "staff.queue_assign": Rule(STAFF),
    "staff.case_page": Rule(STAFF, case=True),
    "staff.claim": Rule(STAFF, case=True), "staff.assign": Rule(STAFF, case=True),
    "staff.note": Rule(STAFF, case=True), "staff.reply": Rule(STAFF, case=True),
    "staff.correct": Rule(STAFF, case=True), "staff.status": Rule(STAFF, case=True),
    "staff.new_case": Rule(STAFF),
    # user administration
    "staff.users": Rule(ADMIN), "staff.user_new": Rule(ADMIN), "staff.user_detail": Rule(ADMIN),
    "staff.user_roles": Rule(ADMIN), "staff.user_active": Rule(ADMIN),
    "staff.user_password": Rule(ADMIN), "staff.user_token_issue": Rule(ADMIN),
    "staff.user_token_revoke": Rule(ADMIN, absent_ok=True),
    # check-ins
    "checkins.index": Rule(REGISTRY), "checkins.households": Rule(REGISTRY),
    "checkins.household": Rule(REGISTRY), "checkins.new_household": Rule(REGISTRY),
    "checkins.import_csv": Rule(REGISTRY),
    "checkins.indicators": Rule(frozenset({"admin", "supervisor", "protection"})),
    "checkins.indicators_csv": Rule(frozenset({"admin", "supervisor", "protection"})),
    "checkins.plans": Rule(frozenset({"admin", "supervisor"}), post_roles=ADMIN),
    # voice (staff side)
    "voice_staff.play_recording": Rule(STAFF, absent_ok=True),
    "voice_staff.roster": Rule(ADMIN), "voice_staff.roster_add": Rule(ADMIN),
    "voice_staff.roster_toggle": Rule(ADMIN, absent_ok=True),
    # referrals, directory, dashboard, export, audit
    "referrals.referral_list": Rule(EVERYONE),
    "referrals.referral_detail": Rule(STAFF | {"partner"}, case=True, partner=True),
    "referrals.referral_action": Rule(frozenset({"partner"}), case=True, partner=True,
                                      values=(("action", "accept"),)),
    "referrals.refer_case": Rule(REFERRERS, case=True),
    "directory.partner_list": Rule(REFERRERS | ADMIN),
    "directory.partner_new": Rule(ADMIN), "directory.partner_edit": Rule(ADMIN),
    "directory.coverage_add": Rule(ADMIN), "directory.coverage_remove": Rule(ADMIN),
    "dashboard.dashboard": Rule(frozenset({"supervisor", "admin", "gbv_focal", "psea_focal",
                                           "cp_focal"})),
    "dashboard.export_cases": Rule(frozenset({"supervisor", "admin"})),
    "audit.audit_log": Rule(ADMIN),
    # JSON API (bearer tokens)
    "api.list_cases": Rule(STAFF),  # partners work through /api/v1/referrals
    "api.get_case": Rule(STAFF, case=True),
    "api.assign": Rule(STAFF, case=True), "api.status": Rule(STAFF, case=True),
    "api.notes": Rule(STAFF, case=True), "api.corrections": Rule(STAFF, case=True),
    "api.replies": Rule(STAFF, case=True),
    "api.create_household": Rule(REGISTRY), "api.get_household": Rule(REGISTRY),
    "api.list_referrals": Rule(EVERYONE),
    "api.get_referral": Rule(STAFF | {"partner"}, case=True, partner=True),
    "api.post_referral": Rule(REFERRERS, case=True),
    "api.accept": Rule(frozenset({"partner"}), case=True, partner=True),
    "api.decline": Rule(frozenset({"partner"}), case=True, partner=True),
    "api.complete": Rule(frozenset({"partner"}), case=True, partner=True),
    "api.revoke": Rule(REFERRERS, case=True),
    # the phone simulator (development and tests only; public like a phone)
    "simulator.phone": Rule(PUBLIC), "simulator.send": Rule(PUBLIC),
    "simulator.voice": Rule(PUBLIC), "simulator.voice_act": Rule(PUBLIC),
    "simulator.voice_call": Rule(PUBLIC),
    "simulator.voice_answer": Rule(PUBLIC, absent_ok=True),
}
# Every Twilio webhook refuses an unsigned request, whoever sends it.
WEBHOOK_PREFIXES = ("sms.", "voice.")

# Revoking is a helpline action on the same route as the partner's answers.
EXTRA_CHECKS = {
    ("referrals.referral_action", "revoke"): Rule(REFERRERS, case=True,
                                                  values=(("action", "revoke"),)),
}


def rule_for(endpoint):
    if endpoint in RULES:
        return RULES[endpoint]
    if endpoint.startswith(WEBHOOK_PREFIXES):
        return Rule(SIGNED)
    return None


def test_every_route_has_a_rule(app):
    missing = sorted({r.endpoint for r in app.url_map.iter_rules() if rule_for(r.endpoint) is None})
    assert not missing, f"add these endpoints to RULES in {__file__}: {missing}"
    stale = sorted(set(RULES) - {r.endpoint for r in app.url_map.iter_rules()})
    assert not stale, f"RULES names endpoints that no longer exist: {stale}"


@pytest.fixture
def matrix_world(app, monkeypatch):
    from argon2 import PasswordHasher

    from helpline.referrals.directory import add_coverage, save_partner
    from helpline.referrals.services import create_referral
    from helpline.staff.services import create_user, issue_token
    from tests.referrals.conftest import make_case
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr("helpline.staff.services.hash_password", hasher.hash)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    with app.app_context():
        admin = create_user("m-admin", "password-123", ["admin"])
        partner_a = save_partner(None, admin, "Partner A", service_types=["legal_hlp", "gbv"])
        partner_b = save_partner(None, admin, "Partner B", service_types=["legal_hlp"])
        area = add_coverage(partner_a, admin, "Ninewa")
        users = {"admin": admin}
        for role in ROLES[1:]:
            users[role] = create_user(f"m-{role}", "password-123", [role],
                                      partner_id=partner_a.id if role == "partner" else None)
        other_partner_user = create_user("m-partner-b", "password-123", ["partner"],
                                         partner_id=partner_b.id)
        dummy = create_user("m-dummy", "password-123", ["operator"])
        dummy_token_id = _token_id(dummy, issue_token)
        open_case = make_case("+9647708000001", "hlp_eviction", "high")
        gbv_case = make_case("+9647708000002", "gbv", "high")
        consent = {"given_by": "the person", "method": "verbal_phone", "at": None}
        open_referral = create_referral(open_case, partner_a, "legal_hlp", "summary",
                                        users["protection"], consent=consent)
        gbv_referral = create_referral(gbv_case, partner_a, "gbv", "summary",
                                       users["gbv_focal"], consent=consent)
        household_id = _household(admin)
        tokens = {role: issue_token(u) for role, u in users.items()}
        tokens["partner_b"] = issue_token(other_partner_user)
        db.session.commit()
        return SimpleNamespace(
            users={r: u.id for r, u in users.items()}, partner_b_user=other_partner_user.id,
            tokens=tokens, open_case=open_case.reference, gbv_case=gbv_case.reference,
            open_referral=open_referral.id, gbv_referral=gbv_referral.id,
            partner_id=partner_a.id, coverage_id=area.id, dummy_user=dummy.id,
            dummy_token=dummy_token_id, household_id=household_id)


def _token_id(user, issue_token):
    from sqlalchemy import select

    from helpline.staff.models import ApiToken
    issue_token(user)
    return db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user.id))


def _household(actor):
    try:
        from helpline.checkins.services import register_household
    except ImportError:
        return 1
    household = register_household(
        {"phone": "+9647708000009", "language": "ar", "arrival_date": "2026-11-01",
         "movement_type": "return", "governorate": "Ninewa", "district": "Mosul",
         "household_size": 5, "consent_followup": True}, actor=actor, source="staff")
    return household.id


def _values(rule, endpoint_rule, world, restricted):
    values = dict(rule.values)
    names = endpoint_rule.arguments
    if "reference" in names:
        values["reference"] = world.gbv_case if restricted else world.open_case
    if "referral_id" in names:
        values["referral_id"] = world.gbv_referral if restricted else world.open_referral
    defaults = {"partner_id": world.partner_id, "coverage_id": world.coverage_id,
                "user_id": world.dummy_user, "token_id": world.dummy_token,
                "household_id": world.household_id, "message_id": 1, "officer_id": 1,
                "entry_id": 1, "checkin_id": 1, "filename": "x"}
    for name in names:
        values.setdefault(name, defaults.get(name, 1))
    return values


def _allowed_roles(rule, restricted, method="GET"):
    if method == "POST" and rule.post_roles is not None:
        return rule.post_roles
    if not restricted:
        return rule.roles
    allowed = {r for r in rule.roles if r == "gbv_focal"}
    if rule.partner and "partner" in rule.roles:
        allowed.add("partner")
    return frozenset(allowed)


def _request(app, world, role, method, path, api, restricted=False):
    client = app.test_client()
    headers = {}
    if api and role:
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    elif role:
        now = int(time.time())
        with client.session_transaction() as session:
            session.update({"_user_id": str(world.users[role]), "_fresh": True,
                            "login_at": now, "seen": now})
    if method == "GET":
        response = client.get(path, headers=headers)
    elif api:
        case = world.gbv_case if restricted else world.open_case
        body = {"case_reference": case} if path.endswith("/referrals") else {}
        response = client.open(path, method=method, json=body, headers=headers)
    else:
        response = client.open(path, method=method, data={}, headers=headers)
    # Read and close as a server would: streamed responses keep their context until closed.
    response.get_data()
    response.close()
    return response


def _judge(response, allowed, rule, role):
    status = response.status_code
    location = response.headers.get("Location", "")
    to_login = status in (301, 302, 303) and "/login" in location
    if status >= 500:
        return f"server error {status}"
    if role in rule.redirect_roles:
        return None if status in (301, 302, 303) and not to_login else f"expected redirect, got {status}"
    if allowed:
        if rule.login_redirect_ok and to_login:
            return None
        if status in (401, 403) or to_login or (status == 404 and not rule.absent_ok):
            return f"expected access, got {status} {location}"
        return None
    if role is None:
        return None if (to_login or status in (401, 403, 404)) else f"expected login, got {status}"
    return None if status in (403, 404) else f"expected 403/404, got {status}"


def _checks(app):
    for endpoint_rule in app.url_map.iter_rules():
        rule = rule_for(endpoint_rule.endpoint)
        if rule is None or rule.roles == SKIP:
            continue
        methods = rule.methods or tuple(sorted(endpoint_rule.methods - {"HEAD", "OPTIONS"}))
        extra = [r for (e, _), r in EXTRA_CHECKS.items() if e == endpoint_rule.endpoint]
        for current in (rule, *extra):
            for method in methods:
                yield endpoint_rule, current, method


@pytest.mark.parametrize("role", [*ROLES, None], ids=[*ROLES, "anonymous"])
def test_role_can_use_exactly_its_routes(app, matrix_world, role):
    world = matrix_world
    problems = []
    with app.test_request_context():
        checks = list(_checks(app))
        paths = {}
        for endpoint_rule, rule, method in checks:
            variants = (False, True) if rule.case else (False,)
            for restricted in variants:
                values = _values(rule, endpoint_rule, world, restricted)
                paths[(endpoint_rule.endpoint, rule, method, restricted)] = url_for(
                    endpoint_rule.endpoint, **values)
    for (endpoint, rule, method, restricted), path in paths.items():
        api = path.startswith("/api/")
        if rule.roles == PUBLIC:
            allowed = True
        elif rule.roles == SIGNED:
            allowed = False
        else:
            allowed = role in _allowed_roles(rule, restricted, method)
        try:
            response = _request(app, world, role, method, path, api, restricted)
        except Exception as exc:  # an error inside an error handler escapes the test client
            problems.append(f"{method} {path} [{endpoint}]: raised {exc!r:.200}")
            continue
        verdict = _judge(response, allowed, rule, role)
        if rule.roles == SIGNED and response.status_code != 403:
            verdict = f"unsigned webhook answered {response.status_code}"
        if verdict:
            problems.append(f"{method} {path} [{endpoint}{' restricted' if restricted else ''}]:"
                            f" {verdict}")
    assert not problems, f"role {role}:\n" + "\n".join(problems)


def test_partner_b_cannot_see_or_answer_partner_a_referrals(app, matrix_world):
    world = matrix_world
    headers = {"Authorization": f"Bearer {world.tokens['partner_b']}"}
    client = app.test_client()
    for referral_id in (world.open_referral, world.gbv_referral):
        assert client.get(f"/api/v1/referrals/{referral_id}", headers=headers).status_code == 404
        for action in ("accept", "decline", "complete"):
            assert client.post(f"/api/v1/referrals/{referral_id}/{action}", json={},
                               headers=headers).status_code == 404
    assert client.get("/api/v1/referrals", headers=headers).get_json()["items"] == []
    page = app.test_client()
    now = int(time.time())
    with page.session_transaction() as session:
        session.update({"_user_id": str(world.partner_b_user), "_fresh": True,
                        "login_at": now, "seen": now})
    assert page.get(f"/referrals/{world.open_referral}").status_code == 404
    assert f"#{world.open_referral}" not in page.get("/referrals").get_data(as_text=True)
    assert page.post(f"/referrals/{world.open_referral}/accept").status_code == 404
