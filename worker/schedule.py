"""Beat schedule: periodic sweeps. Each task guards itself with a lock."""
from datetime import timedelta

BEAT_SCHEDULE = {
    "requeue-stalled-messages": {
        "task": "helpline.channels.tasks.requeue_stalled_messages",
        "schedule": timedelta(minutes=1),
    },
    "flag-overdue-cases": {
        "task": "helpline.cases.tasks.flag_overdue_cases",
        "schedule": timedelta(minutes=5),
    },
    "escalate-overdue-referrals": {
        "task": "helpline.referrals.tasks.escalate_overdue_referrals",
        "schedule": timedelta(minutes=5),
    },
    "sweep-checkins": {
        "task": "helpline.checkins.tasks.sweep_checkins",
        "schedule": timedelta(minutes=5),
    },
    "sweep-recordings": {
        "task": "helpline.voice.tasks.sweep_recordings",
        "schedule": timedelta(minutes=1),
    },
}
