"""Channels: gateways (Twilio, local outbox), signatures, SMS/WhatsApp webhooks."""


def init_app(app):
    from helpline.channels import tasks  # noqa: F401
    from helpline.channels.sms.views import bp
    from helpline.extensions import csrf

    app.register_blueprint(bp)
    csrf.exempt(bp)  # Twilio signs these requests instead.
