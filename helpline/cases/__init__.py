"""Cases: intake, triage results, queue, status, deadlines."""


def init_app(app):
    from helpline.cases import tasks  # noqa: F401  (registers Celery tasks)
