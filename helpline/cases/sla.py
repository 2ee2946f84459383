"""Urgency ranks and first-response deadlines (pure)."""
from datetime import timedelta

URGENCY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
UNTRIAGED_RANK = 9
# Position in the queue. A case nobody has triaged yet (the worker has not read it, or it was
# entered by hand and is still waiting) comes right after critical ones: it may hold a danger
# signal that no person or rule has seen, so it must not sink below known high cases.
QUEUE_RANK = {"critical": 0, None: 1, "high": 2, "normal": 3, "low": 4}


def queue_rank(urgency):
    return QUEUE_RANK.get(urgency, QUEUE_RANK[None])


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
