"""The inbound call, step by step: each function updates the call and returns TwiML text.

Menus repeat on silence or a wrong key up to VOICE_MENU_ATTEMPTS times, then take a message,
so nobody is ever left without a way to be heard.
"""
from flask import current_app

from helpline.cases.services import record_event
from helpline.i18n import LANGUAGES
from helpline.voice import twiml
from helpline.voice.calls import BRANCH_URGENCY, case_for_call, remember_language, request_callback
from helpline.voice.prompts import LANGUAGE_DIGITS, resolve_prompt
from helpline.voice.roster import officers_on_duty
from helpline.voice.urls import public_url_for

DIGIT_LANGUAGES = {digit: language for language, digit in LANGUAGE_DIGITS.items()}
MENU_BRANCHES = {"1": "emergency", "2": "complaint", "3": "checkin", "4": "information"}
RECORD_PROMPTS = {"complaint": "record_complaint", "checkin": "record_checkin",
                  "information": "information", "fallback": "no_choice_take_message",
                  "emergency": "emergency_record"}


def _config():
    return current_app.config


def _language(call):
    return call.language if call.language in LANGUAGES else _config()["VOICE_DEFAULT_LANGUAGE"]


def _prompts(call, *keys):
    return [resolve_prompt(key, _language(call)) for key in keys]


def _clean_digits(digits):
    return (digits or "").strip()


def answer_call(call):
    """First request of a call (or a retry of it): the right menu for where the call is."""
    if call.step == "ended":
        return twiml.hang_up()
    if call.language in LANGUAGES:
        return main_menu(call, attempt=1, welcome=True)
    return language_menu(call, attempt=1)


def language_menu(call, attempt, invalid=False):
    call.step = "language_menu"
    prompts = [resolve_prompt("invalid_choice", _config()["VOICE_DEFAULT_LANGUAGE"])] \
        if invalid else []
    prompts += [resolve_prompt("language_option", language) for language in LANGUAGE_DIGITS]
    return twiml.menu(
        prompts, action=public_url_for("voice.choose_language", attempt=attempt),
        timeout_url=public_url_for("voice.choose_language", attempt=attempt, timeout=1),
        timeout_seconds=_config()["VOICE_GATHER_TIMEOUT"])


def choose_language(call, digits, attempt):
    language = DIGIT_LANGUAGES.get(_clean_digits(digits))
    if language is not None:
        remember_language(call, language)
        return main_menu(call, attempt=1, welcome=True)
    if attempt >= _config()["VOICE_MENU_ATTEMPTS"]:
        return take_message(call, "fallback")
    return language_menu(call, attempt + 1, invalid=bool(_clean_digits(digits)))


def main_menu(call, attempt, welcome=False, invalid=False):
    call.step = "main_menu"
    keys = (["welcome"] if welcome else []) + (["invalid_choice"] if invalid else []) + ["main_menu"]
    return twiml.menu(
        _prompts(call, *keys), action=public_url_for("voice.choose_branch", attempt=attempt),
        timeout_url=public_url_for("voice.choose_branch", attempt=attempt, timeout=1),
        timeout_seconds=_config()["VOICE_GATHER_TIMEOUT"])


def choose_branch(call, digits, attempt):
    branch = MENU_BRANCHES.get(_clean_digits(digits))
    if branch == "emergency":
        return emergency(call)
    if branch is not None:
        return take_message(call, branch)
    if attempt >= _config()["VOICE_MENU_ATTEMPTS"]:
        return take_message(call, "fallback")
    return main_menu(call, attempt + 1, invalid=bool(_clean_digits(digits)))


def emergency(call):
    """Critical case now; ring the officers on duty, or record and queue an urgent callback."""
    call.branch = "emergency"
    case = case_for_call(call, urgency="critical")
    officers = officers_on_duty()
    record_event(case, "voice_emergency", call_sid=call.call_sid, officers_rung=len(officers))
    if not officers:
        return take_message(call, "emergency")
    call.step = "dialling"
    return twiml.dial(
        _prompts(call, "emergency_connecting"), numbers=[o.phone for o in officers],
        whisper_url=public_url_for("voice.whisper", parent=call.call_sid),
        action=public_url_for("voice.dial_result"),
        timeout_seconds=_config()["VOICE_DIAL_TIMEOUT"],
        caller_id=_config().get("TWILIO_FROM"))


def dial_result(call, dial_status):
    if dial_status in ("completed", "answered"):
        call.officer_connected = True
        call.step = "ended"
        if call.case is not None:
            record_event(call.case, "officer_connected", call_sid=call.call_sid)
        return twiml.speak_and_hang_up(_prompts(call, "call_ended"))
    if call.case is not None:
        record_event(call.case, "officer_no_answer", call_sid=call.call_sid,
                     dial_status=dial_status or "unknown")
    return take_message(call, "emergency", prompt_key="emergency_no_answer")


def take_message(call, branch, prompt_key=None):
    call.branch = call.branch if call.branch == "emergency" else branch
    call.step = "recording"
    if call.case_id is None and branch == "emergency":
        case_for_call(call, urgency="critical")
    return twiml.record(
        _prompts(call, prompt_key or RECORD_PROMPTS[branch]),
        action=public_url_for("voice.recorded"),
        recording_callback=public_url_for("voice.recording_status"),
        max_seconds=_config()["VOICE_MAX_RECORDING_SECONDS"],
        no_recording_url=public_url_for("voice.no_recording"))


def recorded(call):
    """After the caller pressed '#' (or the time ran out): tell them what happens next."""
    call.step = "ended"
    key = "emergency_message_received" if call.branch == "emergency" else "message_received"
    return twiml.speak_and_hang_up(_prompts(call, key))


def no_recording(call):
    call.step = "ended"
    request_callback(call)
    return twiml.speak_and_hang_up(_prompts(call, "no_message"))


def whisper_for_officer(call):
    reference = call.case.reference if call.case is not None else ""
    spelled = " ".join(ch if ch != "-" else "," for ch in reference)
    language = _language(call)
    names = {"ar": "Arabic", "ckb": "Sorani", "ku": "Badini", "en": "English"}
    text = (f"Helpline emergency call. Case {spelled}. The caller speaks {names[language]}. "
            "Connecting you now.")
    return twiml.whisper(text, language="en-GB")


def urgency_of_branch(branch):
    return BRANCH_URGENCY.get(branch or "fallback", "normal")
