"""Contacts: people, phones, language, consent, opt-out."""


def init_app(app):
    pass
