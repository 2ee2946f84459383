"""Outbound check-in calls go through the voice area (helpline.voice.checkin_calls)."""
import importlib

VOICE_MODULE = "helpline.voice.checkin_calls"


def voice_module():
    try:
        return importlib.import_module(VOICE_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != VOICE_MODULE:
            raise
        return None


def voice_available():
    """Households that prefer voice get SMS until the voice line can place check-in calls."""
    return voice_module() is not None


def start_call(checkin_id):
    return voice_module().start_checkin_call(checkin_id)
