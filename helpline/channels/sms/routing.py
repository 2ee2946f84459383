"""Replies to something we asked (a check-in question, a satisfaction question) are routed
to the area that asked, before the message would open or join a case."""
import importlib
from dataclasses import dataclass

# "module:function" — each handler takes (contact, message, now) and returns ReplyHandled or None.
REPLY_HANDLERS = (
    "helpline.checkins.replies:handle_sms_reply",
    "helpline.cases.satisfaction:handle_sms_reply",
)


@dataclass(frozen=True)
class ReplyHandled:
    reply_text: str | None = None      # sent back in the TwiML answer (in their language)
    case: object | None = None          # the case the message belongs to, if any
    needs_triage: bool = False          # free text that should still go through triage


def _handlers():
    # Imported when first used: the handlers' modules import ReplyHandled from here.
    for spec in REPLY_HANDLERS:
        module_name, func_name = spec.split(":")
        yield getattr(importlib.import_module(module_name), func_name)


def route_reply(contact, message, now):
    for handler in _handlers():
        outcome = handler(contact, message, now)
        if outcome is not None:
            return outcome
    return None
