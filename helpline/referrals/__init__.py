"""Referral partners, services, consent and referrals."""


def init_app(app):
    pass
