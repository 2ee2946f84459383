"""Simulator: call the voice line (or answer a check-in call) and press digits.

Every step is a signed request to the real webhooks, and the TwiML they answer is walked
exactly as Twilio would: <Gather> offers a keypad, <Record> a box for what the caller says
(turned into audio with espeak-ng when it is installed), <Dial> lets you play the officer.
"""
import json
import shutil
import subprocess
import wave
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from helpline.channels.models import OutboxEntry
from helpline.contacts.phones import InvalidPhone, to_e164
from helpline.extensions import db
from helpline.simulator import bp
from helpline.simulator.views import DEFAULT_PHONE, HELPLINE_NUMBER
from helpline.simulator.webhooks import new_sid, post_signed

INBOUND_STATUS_PATH = "/twilio/voice/status"


def _state_dir():
    path = Path(current_app.instance_path) / "simulator-calls"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _load():
    sid = session.get("voice_call")
    if not sid or not sid.isalnum():
        return None
    path = _state_dir() / f"{sid}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _save(state):
    session["voice_call"] = state["sid"]
    (_state_dir() / f"{state['sid']}.json").write_text(json.dumps(state))


def _path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _post(state, url, **extra):
    params = {"CallSid": state["sid"], "AccountSid": "ACsimulator", "From": state["from"],
              "To": state["to"], "CallStatus": "in-progress",
              "Direction": state["direction"], **extra}
    status, text = post_signed(_path(url), params)
    state["log"].append({"path": _path(url).split("?")[0], "status": status,
                         "sent": {k: v for k, v in extra.items() if k != "RecordingUrl"}})
    if status != 200:
        state["twiml"] = None
        state["error"] = f"{status}: {text[:200]}"
        return
    state["twiml"] = text
    # Follow bare redirects the way Twilio does.
    for _redirect in range(5):
        root = ET.fromstring(state["twiml"])
        if any(root.find(tag) is not None for tag in ("Gather", "Record", "Dial", "Hangup")):
            break
        target = root.find("Redirect")
        if target is None:
            break
        status, state["twiml"] = post_signed(_path(target.text), params)
    if state["twiml"] and ET.fromstring(state["twiml"]).find("Hangup") is not None:
        _end(state)


def _end(state, status="completed"):
    if state.get("ended"):
        return
    state["ended"] = True
    params = {"CallSid": state["sid"], "AccountSid": "ACsimulator", "From": state["from"],
              "To": state["to"], "CallStatus": status, "CallDuration": "30"}
    if state.get("answered_by"):
        params["AnsweredBy"] = state["answered_by"]
    code, _text = post_signed(_path(state["status_callback"]), params)
    state["log"].append({"path": _path(state["status_callback"]), "status": code,
                         "sent": {"CallStatus": status}})


def _view(state):
    """What the caller hears and can do now, from the current TwiML."""
    if not state or not state.get("twiml"):
        return {"prompts": [], "verbs": set()}
    root = ET.fromstring(state["twiml"])
    prompts = []
    for element in root.iter():
        if element.tag == "Play":
            prompts.append({"kind": "play", "url": _path(element.text)})
        elif element.tag == "Say":
            prompts.append({"kind": "say", "text": element.text,
                            "language": element.get("language")})
    return {"prompts": prompts, "verbs": {child.tag for child in root}}


@bp.get("/voice")
def voice():
    state = _load()
    calls = db.session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "call")
                               .order_by(OutboxEntry.id.desc()).limit(10)).all()
    return render_template("simulator/voice.html", state=state, view=_view(state),
                           outbound_calls=calls, phone=request.args.get("phone") or DEFAULT_PHONE,
                           keys="123456789*0#")


@bp.post("/voice/call")
def voice_call():
    try:
        number = to_e164(request.form.get("phone", ""))
    except InvalidPhone as exc:
        flash(_("That is not a valid phone number: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("simulator.voice"))
    state = {"sid": new_sid("CA"), "from": number, "to": HELPLINE_NUMBER, "log": [],
             "direction": "inbound", "status_callback": INBOUND_STATUS_PATH}
    _post(state, "/twilio/voice", CallStatus="ringing")
    _save(state)
    return redirect(url_for("simulator.voice"))


@bp.post("/voice/answer/<int:entry_id>")
def voice_answer(entry_id):
    """Pick up an outbound check-in call from the outbox (as a person or as voicemail)."""
    entry = db.session.get(OutboxEntry, entry_id)
    if entry is None or entry.kind != "call":
        flash(_("No such call in the outbox."), "error")
        return redirect(url_for("simulator.voice"))
    answered_by = "machine_start" if request.form.get("as") == "voicemail" else "human"
    state = {"sid": entry.sid, "from": HELPLINE_NUMBER, "to": entry.to, "log": [],
             "direction": "outbound-api", "status_callback": entry.detail["status_callback"],
             "answered_by": answered_by}
    _post(state, entry.detail["url"], AnsweredBy=answered_by)
    _save(state)
    return redirect(url_for("simulator.voice"))


@bp.post("/voice/act")
def voice_act():
    state = _load()
    if state is None or state.get("ended") or not state.get("twiml"):
        flash(_("There is no call in progress."), "error")
        return redirect(url_for("simulator.voice"))
    root = ET.fromstring(state["twiml"])
    action = request.form.get("action")
    gather, record, dial = root.find("Gather"), root.find("Record"), root.find("Dial")
    follow = root.find("Redirect")
    if action == "hangup":
        _end(state)
    elif action == "press" and gather is not None:
        _post(state, gather.get("action"), Digits=request.form.get("digits", "")[:10])
    elif action == "silence" and follow is not None:
        _post(state, follow.text)
    elif action == "record" and record is not None:
        _leave_recording(state, record, request.form.get("speech", ""))
    elif action in ("officer_answers", "officer_misses") and dial is not None:
        if action == "officer_answers":
            number = dial.find("Number")
            code, text = post_signed(_path(number.get("url")), {
                "CallSid": new_sid("CA"), "From": HELPLINE_NUMBER, "To": number.text})
            state["whisper"] = text if code == 200 else None
        _post(state, dial.get("action"), DialCallStatus="completed"
              if action == "officer_answers" else "no-answer")
    _save(state)
    return redirect(url_for("simulator.voice"))


def _leave_recording(state, record, speech):
    recording_sid = new_sid("RE")
    inbox = Path(current_app.config["OUTBOX_RECORDINGS_DIR"])
    inbox.mkdir(parents=True, exist_ok=True)
    _synthesise(speech, inbox / f"{recording_sid}.wav")
    url = f"https://api.twilio.com/2010-04-01/Accounts/ACsimulator/Recordings/{recording_sid}"
    _post(state, record.get("action"), RecordingUrl=url, RecordingDuration="10", Digits="#")
    code, _text = post_signed(_path(record.get("recordingStatusCallback")), {
        "CallSid": state["sid"], "AccountSid": "ACsimulator", "RecordingSid": recording_sid,
        "RecordingUrl": url, "RecordingStatus": "completed", "RecordingDuration": "10"})
    state["log"].append({"path": "/twilio/voice/recording", "status": code,
                         "sent": {"RecordingSid": recording_sid}})


def _synthesise(speech, path):
    """The caller's words as audio (espeak-ng), or a short tone when it is not installed."""
    speech = (speech or "").strip()[:500]
    espeak = shutil.which("espeak-ng")
    if speech and espeak:
        arabic_script = any("\u0600" <= ch <= "\u06ff" for ch in speech)
        voice = "ar" if arabic_script else "en"
        result = subprocess.run([espeak, "-v", voice, "-w", str(path), "--", speech],
                                capture_output=True, timeout=20, check=False)
        if result.returncode == 0 and path.exists():
            return
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(bytes(128 + (40 if (i // 10) % 2 else -40) for i in range(8000)))
