"""Urgency ranks and first-response deadlines (pure)."""
from datetime import timedelta

URGENCY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
UNTRIAGED_RANK = 9


def rank_of(urgency):
    return URGENCY_RANK.get(urgency, UNTRIAGED_RANK)


def higher_urgency(a, b):
    """The more urgent of two urgencies (None counts as not triaged)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if rank_of(a) <= rank_of(b) else b


def due_at_for(opened_at, urgency, sla_hours):
    return opened_at + timedelta(hours=sla_hours[urgency])
