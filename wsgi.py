"""WSGI entry point and `flask --app wsgi` target."""
from helpline import create_app

app = create_app()
