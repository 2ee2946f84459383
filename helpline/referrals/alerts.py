"""Texts of the SMS alerts to staff phones (overdue cases, overdue partner answers).

They carry a case reference and a count, never content, and fit in two SMS parts in every
language (tests/referrals/test_deadlines.py). Rendered in the recipient's page language.
"""
from flask_babel import gettext as _

from helpline.i18n import in_language


def overdue_case_text(language, reference):
    with in_language(language):
        return _("Helpline: case %(ref)s is past its response deadline. Please check it now.",
                 ref=reference)


def overdue_digest_text(language, count):
    with in_language(language):
        return _("Helpline: %(count)s cases are past their response deadline. "
                 "Please check the queue.", count=count)


def referral_overdue_text(language, reference):
    with in_language(language):
        return _("Helpline: a partner has not answered the referral of case %(ref)s in time. "
                 "Please follow up.", ref=reference)


def referral_digest_text(language, count):
    with in_language(language):
        return _("Helpline: %(count)s referrals have no partner answer in time. "
                 "Please follow up.", count=count)
