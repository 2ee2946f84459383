"""TwiML documents for the voice line (pure functions, no database, no Twilio SDK).

Built with xml.etree rather than the SDK's VoiceResponse so that the voice area keeps to the
rule that only `helpline/channels/` imports Twilio; TwiML is a small, documented XML dialect and
escaping is handled by the XML serialiser. Every builder takes prompts already resolved
(`ResolvedPrompt`) and absolute callback URLs, and returns the XML text.
"""
import xml.etree.ElementTree as ET

XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>'


def _response():
    return ET.Element("Response")


def _text(root):
    return XML_HEADER + ET.tostring(root, encoding="unicode")


def _add_prompt(parent, prompt):
    if prompt.play_url:
        ET.SubElement(parent, "Play").text = prompt.play_url
    else:
        attrs = {"language": prompt.say_language}
        if prompt.say_voice:
            attrs["voice"] = prompt.say_voice
        ET.SubElement(parent, "Say", attrs).text = prompt.say_text


def _add_prompts(parent, prompts):
    for prompt in prompts:
        _add_prompt(parent, prompt)


def menu(prompts, action, timeout_url, timeout_seconds, num_digits=1):
    """Play the prompts while listening for keys; silence goes to `timeout_url`."""
    root = _response()
    gather = ET.SubElement(root, "Gather", {
        "input": "dtmf", "numDigits": str(num_digits), "action": action, "method": "POST",
        "timeout": str(timeout_seconds), "actionOnEmptyResult": "false"})
    _add_prompts(gather, prompts)
    ET.SubElement(root, "Redirect", {"method": "POST"}).text = timeout_url
    return _text(root)


def record(prompts, action, recording_callback, max_seconds, no_recording_url,
           silence_seconds=8):
    """Prompt, beep, record until '#' (or the time limit); no audio goes to `no_recording_url`."""
    root = _response()
    _add_prompts(root, prompts)
    ET.SubElement(root, "Record", {
        "action": action, "method": "POST", "maxLength": str(max_seconds),
        "finishOnKey": "#", "playBeep": "true", "timeout": str(silence_seconds),
        "trim": "trim-silence",
        "recordingStatusCallback": recording_callback,
        "recordingStatusCallbackMethod": "POST",
        "recordingStatusCallbackEvent": "completed absent failed"})
    # Twilio skips the action when nothing was recorded and carries on with the next verb.
    ET.SubElement(root, "Redirect", {"method": "POST"}).text = no_recording_url
    return _text(root)


def dial(prompts, numbers, whisper_url, action, timeout_seconds, caller_id=None):
    """Ring every number at once (first to answer wins); each hears the whisper first."""
    root = _response()
    _add_prompts(root, prompts)
    attrs = {"action": action, "method": "POST", "timeout": str(timeout_seconds),
             "answerOnBridge": "true"}
    if caller_id:
        attrs["callerId"] = caller_id
    element = ET.SubElement(root, "Dial", attrs)
    for number in numbers:
        ET.SubElement(element, "Number", {"url": whisper_url, "method": "POST"}).text = number
    return _text(root)


def speak_and_hang_up(prompts):
    root = _response()
    _add_prompts(root, prompts)
    ET.SubElement(root, "Hangup")
    return _text(root)


def redirect(url):
    root = _response()
    ET.SubElement(root, "Redirect", {"method": "POST"}).text = url
    return _text(root)


def whisper(text, language="en-GB", voice=None):
    """Heard only by the officer who picks up, before the caller is connected."""
    root = _response()
    attrs = {"language": language}
    if voice:
        attrs["voice"] = voice
    ET.SubElement(root, "Say", attrs).text = text
    return _text(root)


def hang_up():
    root = _response()
    ET.SubElement(root, "Hangup")
    return _text(root)
