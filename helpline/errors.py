"""Error handlers: JSON for webhooks and the API, short pages elsewhere; never a stack trace."""
from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException


def _wants_json():
    return request.path.startswith(("/api/", "/twilio/")) or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app):
    @app.errorhandler(HTTPException)
    def http_error(exc):
        if _wants_json():
            return jsonify(error=exc.name, reason=exc.description), exc.code
        return render_template("error.html", error=exc), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s", request.path)
        if _wants_json():
            return jsonify(error="Internal Server Error",
                           reason="the request could not be processed"), 500
        return render_template("error.html", error=None), 500
