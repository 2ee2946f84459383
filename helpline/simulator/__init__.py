"""Development phone simulator: type as a returnee; messages go through the signed webhook."""
from flask import Blueprint, abort, current_app

bp = Blueprint("simulator", __name__, url_prefix="/simulator", template_folder="templates")


@bp.before_request
def _development_only():
    if not current_app.config.get("SIMULATOR_ENABLED"):
        abort(404)


def init_app(app):
    from helpline.simulator import views, voice  # noqa: F401
    if app.config.get("SIMULATOR_ENABLED"):
        app.register_blueprint(bp)
