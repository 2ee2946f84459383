"""Celery entry point: `celery -A worker.celery_app worker -B`."""
from helpline import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
