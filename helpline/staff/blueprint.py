"""The staff pages blueprint (views live in auth, users, queue_views, case_views)."""
from flask import Blueprint

bp = Blueprint("staff", __name__, template_folder="templates")
