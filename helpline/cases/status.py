"""Case status machine (pure): new → open → assigned → referred → resolved → closed, reopened."""

STATUSES = ("new", "open", "assigned", "referred", "resolved", "closed", "reopened")
OPEN_STATUSES = ("new", "open", "assigned", "referred", "reopened")

TRANSITIONS = {
    "new": {"open", "assigned", "referred", "resolved"},
    "open": {"assigned", "referred", "resolved"},
    "assigned": {"open", "referred", "resolved"},
    "referred": {"assigned", "resolved"},
    "resolved": {"closed", "reopened"},
    "closed": {"reopened"},
    "reopened": {"open", "assigned", "referred", "resolved"},
}


class InvalidTransition(ValueError):
    pass


def can_transition(current, target):
    return target in TRANSITIONS.get(current, set())


def check_transition(current, target):
    if not can_transition(current, target):
        raise InvalidTransition(f"a case cannot go from {current!r} to {target!r}")
