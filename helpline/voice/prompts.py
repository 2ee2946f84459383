"""The prompt manifest: every key the voice line can play, its text, and how it resolves.

Each key has one recorded audio file per language under `helpline/static/prompts/<lang>/`,
served at a stable URL. Where a recording is missing, Arabic and English fall back to `<Say>`
with a configured voice; Twilio has no Kurdish voice, so Sorani and Badini fall back to the
VOICE_KURDISH_FALLBACK language (Arabic by default: most Kurdish returnees from the camps
understand spoken Arabic, whereas Kurdish text read by an Arabic voice is unintelligible).
The texts below are what the recordings must say (gettext domain `voice`).
"""
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from helpline.i18n import LANGUAGES, in_language

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "static" / "prompts"
# A human recording (MP3) wins over a generated placeholder (WAV) for the same key.
AUDIO_EXTENSIONS = (".mp3", ".wav")
# Keypad digit of each language in the language menu (SPEC §6), in menu order.
LANGUAGE_DIGITS = {"ar": "1", "ckb": "2", "ku": "3", "en": "4"}
# Names as a speaker of that language says them.
SPOKEN_LANGUAGE_NAMES = {"ar": _l("Arabic"), "ckb": _l("Sorani Kurdish"),
                         "ku": _l("Badini Kurdish"), "en": _l("English")}
SAY_LANGUAGES = ("ar", "en")


def _language_params(language):
    return {"language": str(SPOKEN_LANGUAGE_NAMES[language]),
            "digit": LANGUAGE_DIGITS[language]}


def _emergency_params(language):
    return {"number": current_app.config["EMERGENCY_NUMBER"]}


@dataclass(frozen=True)
class PromptText:
    text: object                 # lazy gettext string
    params: object = None        # callable(language) -> dict, for fixed per-language values


PROMPTS = {
    "welcome": PromptText(_l("Welcome to the returns helpline. Your call is confidential.")),
    "language_option": PromptText(_l("For %(language)s, press %(digit)s."), _language_params),
    "main_menu": PromptText(_l(
        "For a safety emergency, press 1. To make a complaint or give feedback, press 2. "
        "To talk about your return, press 3. For information, press 4.")),
    "invalid_choice": PromptText(_l("Sorry, that is not one of the choices.")),
    "no_choice_take_message": PromptText(_l(
        "We could not get your choice. Please leave a message after the tone, "
        "then press the hash key.")),
    "emergency_connecting": PromptText(_l(
        "We are connecting you to a protection officer now. Please stay on the line.")),
    "emergency_record": PromptText(_l(
        "If you are in danger right now, hang up and call %(number)s. Otherwise, after the "
        "tone, tell us where you are and what is happening, then press the hash key. "
        "An officer will call you back as soon as possible."), _emergency_params),
    "emergency_no_answer": PromptText(_l(
        "The officer could not answer. After the tone, tell us where you are and what is "
        "happening, then press the hash key. We will call you back urgently.")),
    "record_complaint": PromptText(_l(
        "After the tone, tell us your complaint or feedback, then press the hash key.")),
    "record_checkin": PromptText(_l(
        "After the tone, tell us how your return is going and what your family needs, "
        "then press the hash key.")),
    "information": PromptText(_l(
        "This helpline is free and confidential. You can call or send a text message at any "
        "time, and we will answer you. To leave a question, speak after the tone, then press "
        "the hash key.")),
    "message_received": PromptText(_l(
        "Thank you. We have your message and someone will call you back. Goodbye.")),
    "emergency_message_received": PromptText(_l(
        "Thank you. We have your message. An officer will call you back as soon as possible. "
        "If you are in danger, call %(number)s. Goodbye."), _emergency_params),
    "no_message": PromptText(_l(
        "We did not hear a message. We will call you back on this number. Goodbye.")),
    "call_ended": PromptText(_l("Thank you for calling the helpline. Goodbye.")),
    "checkin_intro": PromptText(_l(
        "Hello, this is the returns helpline calling to ask how your family is doing. "
        "Please answer with the keys on your phone.")),
    "checkin_wellbeing": PromptText(_l(
        "How is your family? If you are fine, press 1. If there is a problem, press 2. "
        "If you need urgent help, press 3.")),
    "checkin_main_problem": PromptText(_l(
        "What is the main problem? Safety, press 1. Housing, press 2. Water or electricity, "
        "press 3. Work or money, press 4. Documents, press 5. Health, press 6. "
        "Something else, press 7.")),
    "checkin_plan_to_stay": PromptText(_l(
        "Do you plan to stay where you are now? Yes, press 1. No, press 2. "
        "Not sure, press 3.")),
    "checkin_thanks": PromptText(_l("Thank you for your answers. Goodbye.")),
    "checkin_urgent": PromptText(_l(
        "We will call you back as soon as possible. If you are in danger now, "
        "call %(number)s."), _emergency_params),
}


def prompt_text(key, language):
    """The words of prompt `key` in `language` (what the recording says; <Say> fallback)."""
    prompt = PROMPTS[key]
    params = prompt.params(language) if prompt.params else {}
    with in_language(language):
        return str(prompt.text) % params if params else str(prompt.text)


def recording_file(key, language, prompts_dir=None):
    """The recorded audio file for (key, language), or None."""
    base = Path(prompts_dir or PROMPTS_DIR) / language
    for ext in AUDIO_EXTENSIONS:
        candidate = base / f"{key}{ext}"
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class ResolvedPrompt:
    """Either an audio URL to <Play>, or text to <Say> with a language and voice."""
    play_url: str | None = None
    say_text: str | None = None
    say_language: str | None = None
    say_voice: str | None = None
    spoken_language: str | None = None   # the language the caller will actually hear


def say_settings(language, config):
    raw = config["VOICE_SAY_AR"] if language == "ar" else config["VOICE_SAY_EN"]
    code, _, voice = raw.partition(":")
    return code, voice or None


def resolve_prompt(key, language, config=None, prompts_dir=None):
    """Recording if present, else <Say> (ar, en) or the configured Kurdish fallback."""
    config = config or current_app.config
    if key not in PROMPTS:
        raise KeyError(f"unknown prompt key {key!r}")
    if language not in LANGUAGES:
        language = config["VOICE_DEFAULT_LANGUAGE"]
    found = recording_file(key, language, prompts_dir)
    if found is not None:
        base = (config.get("PUBLIC_BASE_URL") or "").rstrip("/")
        return ResolvedPrompt(play_url=f"{base}/static/prompts/{language}/{found.name}",
                              spoken_language=language)
    if language not in SAY_LANGUAGES:
        fallback = config["VOICE_KURDISH_FALLBACK"]
        if fallback not in SAY_LANGUAGES:
            fallback = "ar"
        return resolve_prompt(key, fallback, config, prompts_dir)
    code, voice = say_settings(language, config)
    return ResolvedPrompt(say_text=prompt_text(key, language), say_language=code,
                          say_voice=voice, spoken_language=language)
