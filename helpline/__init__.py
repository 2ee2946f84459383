"""Application factory: config → extensions → domains (blueprints, CLI, tasks) → error handlers."""
import importlib
import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from helpline.config import config_class
from helpline import extensions as ext

# Each domain package exposes init_app(app) that registers its blueprints, CLI and tasks.
DOMAINS = (
    "helpline.health",
    "helpline.staff",
    "helpline.audit",
    "helpline.contacts",
    "helpline.channels",
    "helpline.cases",
    "helpline.referrals",
    "helpline.dashboard",
    "helpline.checkins",
    "helpline.voice",
    "helpline.api",
    "helpline.simulator",
    "helpline.cli",
)


def create_app(config=None, **overrides):
    app = Flask(__name__, instance_relative_config=True)
    cfg = config if config is not None and not isinstance(config, str) else config_class(config)
    app.config.from_object(cfg)
    app.config.update(overrides)
    cfg.check(app.config)
    app.config["TWILIO_GATEWAY"] = "twilio" if (
        app.config.get("TWILIO_ACCOUNT_SID")
        and (app.config.get("TWILIO_FROM") or app.config.get("TWILIO_MESSAGING_SERVICE_SID"))
    ) else "outbox"

    _configure_logging(app)
    if app.config.get("PROXY_COUNT"):
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)

    from helpline.db import import_all_models, use_real_sqlite_transactions
    from helpline.i18n import init_i18n, select_locale
    from helpline.tasks import celery_init_app

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        from pathlib import Path
        Path(app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///"):]).parent.mkdir(
            parents=True, exist_ok=True)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        use_real_sqlite_transactions()
    ext.db.init_app(app)
    import_all_models()
    ext.migrate.init_app(app, ext.db, directory=str(_migrations_dir()), render_as_batch=True,
                     compare_type=True)
    ext.babel.init_app(app, locale_selector=select_locale)
    init_i18n(app)
    ext.login_manager.init_app(app)
    ext.csrf.init_app(app)
    celery_init_app(app)

    for name in DOMAINS:
        importlib.import_module(name).init_app(app)

    from helpline.errors import register_error_handlers
    register_error_handlers(app)
    return app


def _migrations_dir():
    from pathlib import Path
    return Path(__file__).resolve().parent.parent / "migrations"


def _configure_logging(app):
    from flask.logging import default_handler
    # One handler on the root logger for every module (the app's own would print twice).
    app.logger.removeHandler(default_handler)
    if not app.config.get("TESTING"):
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s %(message)s")
