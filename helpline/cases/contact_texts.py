"""Texts sent to the person about their case, in their language (gettext domain 'messages').

Each must fit in two SMS parts in every language (tests/cases/test_contact_texts.py)."""
from flask import current_app
from flask_babel import gettext as _

from helpline.i18n import in_language

# Keys of the reply templates offered on the case page, in display order.
REPLY_TEMPLATES = ("tried_to_call", "call_us_back", "referred", "more_info")


def callback_number():
    config = current_app.config
    return config.get("HELPLINE_CALLBACK_NUMBER") or config.get("TWILIO_FROM") or ""


def reply_text(key, language, reference, number=None):
    """A reply template rendered for the person, or None when it cannot be used here.
    `number` is the number to call back (default: the configured helpline number)."""
    with in_language(language):
        if key == "tried_to_call":
            return _("Helpline %(ref)s: we tried to call you but could not reach you. "
                     "We will try again.", ref=reference)
        if key == "call_us_back":
            number = number or callback_number()
            if not number:
                return None
            return _("Helpline %(ref)s: please call us back on %(number)s.",
                     ref=reference, number=number)
        if key == "referred":
            return _("Helpline %(ref)s: your case has been referred to a partner "
                     "organisation. They will contact you.", ref=reference)
        if key == "more_info":
            return _("Helpline %(ref)s: please send us more details so that we can help you.",
                     ref=reference)
    return None


def outcome_message(language, reference):
    with in_language(language):
        return _("Helpline: your case %(ref)s is resolved. If you still need help, "
                 "send us a new message.", ref=reference)


def satisfaction_question(language, reference):
    with in_language(language):
        return _("How satisfied are you with our help on %(ref)s? Reply with a number "
                 "from 1 (not at all) to 5 (very).", ref=reference)


def satisfaction_thanks(language):
    with in_language(language):
        return _("Thank you for your answer. It helps us improve the helpline.")


def manual_acknowledgement(language, reference):
    with in_language(language):
        return _("Helpline: we recorded your complaint. Your reference is %(ref)s.",
                 ref=reference)
