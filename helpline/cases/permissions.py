"""Who may see which case: need to know (SPEC §9). One place for pages, API and exports."""
from sqlalchemy import and_, false, or_

from helpline.cases.models import Case

GENERAL_CASE_ROLES = frozenset({"admin", "supervisor", "operator", "protection"})
FOCAL_ROLES = frozenset({"gbv_focal", "psea_focal", "cp_focal"})


def focal_roles(user):
    return user.roles & FOCAL_ROLES


def can_view_case(user, case):
    if user is None or case is None:
        return False
    if case.is_restricted:
        allowed = {r for r in (case.restricted_to or "").split(",") if r}
        return bool(focal_roles(user) & allowed)
    return bool(user.roles & (GENERAL_CASE_ROLES | FOCAL_ROLES))


def visible_cases_condition(user):
    """A WHERE condition selecting exactly the cases `user` may see."""
    clauses = []
    if user.roles & (GENERAL_CASE_ROLES | FOCAL_ROLES):
        clauses.append(Case.is_restricted.is_(False))
    for role in sorted(focal_roles(user)):
        clauses.append(and_(Case.is_restricted.is_(True),
                            Case.restricted_to.like(f"%,{role},%")))
    return or_(*clauses) if clauses else false()
