"""Texts sent straight back to a person, in their language (gettext domain 'messages')."""
from flask import current_app
from flask_babel import gettext as _

from helpline.i18n import in_language


def acknowledgement(language, reference, critical=False):
    with in_language(language):
        if critical:
            return _("We got your message (%(ref)s). Help is coming: we will call you soon. "
                     "If you are in danger now call %(number)s.",
                     ref=reference, number=current_app.config["EMERGENCY_NUMBER"])
        return _("Thank you, we received your message. Your reference is %(ref)s. "
                 "We will reply soon.", ref=reference)


def opt_out_confirmation(language):
    with in_language(language):
        return _("You will get no more messages from the helpline. Send START to resume.")


def opt_in_confirmation(language):
    with in_language(language):
        return _("You will get messages from the helpline again. Send STOP to stop them.")


def staff_alert(reference, urgency):
    """Alerts to staff phones carry the reference only, never content."""
    with in_language("en"):
        return _("Helpline: %(urgency)s case %(ref)s needs a call back now.",
                 urgency=urgency, ref=reference)
