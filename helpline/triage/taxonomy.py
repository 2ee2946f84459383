"""Category and urgency codes (contracts shared with cases, referrals and the API)."""

CATEGORIES = (
    "safety_threat",
    "gbv",
    "child_protection",
    "psea",
    "misconduct_fraud",
    "detention_missing",
    "explosive_hazard",
    "health_mhpss",
    "hlp_eviction",
    "civil_documentation",
    "shelter",
    "basic_services",
    "livelihoods_cash",
    "social_cohesion",
    "information_request",
    "positive_feedback",
    "other",
)

URGENCIES = ("critical", "high", "normal", "low")
_RANK = {u: len(URGENCIES) - i for i, u in enumerate(URGENCIES)}  # critical=4 … low=1

RESTRICTED_CATEGORIES = {
    "gbv": "gbv_focal",
    "psea": "psea_focal",
    "misconduct_fraud": "psea_focal",
    "child_protection": "cp_focal",
}

DEFAULT_URGENCY = {
    "safety_threat": "high",  # rules raise it to critical for threats to kill, attacks now, kidnapping
    "gbv": "high",
    "child_protection": "high",
    "psea": "high",
    "misconduct_fraud": "normal",
    "detention_missing": "high",
    "explosive_hazard": "critical",
    "health_mhpss": "normal",
    "hlp_eviction": "normal",
    "civil_documentation": "normal",
    "shelter": "normal",
    "basic_services": "normal",
    "livelihoods_cash": "normal",
    "social_cohesion": "normal",
    "information_request": "low",
    "positive_feedback": "low",
    "other": "low",
}

# When two categories tie, the one listed first wins: danger before services.
PRIORITY = {c: i for i, c in enumerate(CATEGORIES)}


def urgency_rank(urgency):
    return _RANK.get(urgency, 0)


def max_urgency(a, b):
    """The more urgent of two urgency codes (unknown or None counts as lowest)."""
    return a if urgency_rank(a) >= urgency_rank(b) else b
