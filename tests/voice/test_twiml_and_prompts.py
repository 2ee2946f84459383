"""Pure TwiML builders and prompt completeness (every key, every language)."""
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpline.i18n import LANGUAGES
from helpline.voice import twiml
from helpline.voice.prompts import PROMPTS, ResolvedPrompt, prompt_text, resolve_prompt

SAY_AR = ResolvedPrompt(say_text="مرحبا <&>", say_language="ar-AE", say_voice="Polly.Hala-Neural")
PLAY = ResolvedPrompt(play_url="https://h.test/static/prompts/ckb/welcome.mp3")


def test_menu_gathers_one_digit_and_redirects_on_silence():
    root = ET.fromstring(twiml.menu([PLAY, SAY_AR], "https://h.test/a", "https://h.test/t", 6))
    gather = root.find("Gather")
    assert gather.attrib == {"input": "dtmf", "numDigits": "1", "action": "https://h.test/a",
                             "method": "POST", "timeout": "6", "actionOnEmptyResult": "false"}
    assert [c.tag for c in gather] == ["Play", "Say"]
    assert gather.find("Say").text == "مرحبا <&>"  # escaped in XML, intact when parsed
    assert gather.find("Say").get("voice") == "Polly.Hala-Neural"
    assert root.find("Redirect").text == "https://h.test/t"


def test_record_is_bounded_finishes_on_hash_and_reports_status():
    root = ET.fromstring(twiml.record([SAY_AR], "https://h.test/done", "https://h.test/cb", 90,
                                      "https://h.test/none"))
    record = root.find("Record")
    assert record.get("maxLength") == "90" and record.get("finishOnKey") == "#"
    assert record.get("recordingStatusCallback") == "https://h.test/cb"
    assert record.get("action") == "https://h.test/done"
    assert [c.tag for c in root] == ["Say", "Record", "Redirect"]


def test_dial_rings_numbers_with_whisper_and_fallback_action():
    root = ET.fromstring(twiml.dial([SAY_AR], ["+9647701", "+9647702"], "https://h.test/w",
                                    "https://h.test/r", 20, caller_id="+9647800000000"))
    dial = root.find("Dial")
    assert dial.get("action") == "https://h.test/r" and dial.get("timeout") == "20"
    assert [(n.text, n.get("url")) for n in dial.findall("Number")] == [
        ("+9647701", "https://h.test/w"), ("+9647702", "https://h.test/w")]


def test_hang_up_documents():
    assert ET.fromstring(twiml.hang_up()).find("Hangup") is not None
    root = ET.fromstring(twiml.speak_and_hang_up([PLAY]))
    assert [c.tag for c in root] == ["Play", "Hangup"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prompt_key_resolves_in_every_language(app, language):
    with app.test_request_context():
        for key in PROMPTS:
            resolved = resolve_prompt(key, language)
            assert resolved.play_url or (resolved.say_text and resolved.say_language), key
            if language in ("ar", "en"):
                assert resolved.spoken_language == language
            else:  # no Kurdish voice: the configured fallback, never silence
                assert resolved.spoken_language == app.config["VOICE_KURDISH_FALLBACK"]


@pytest.mark.parametrize("language", ["ar", "ckb", "ku"])
def test_prompt_texts_are_translated(app, language):
    with app.test_request_context():
        for key in PROMPTS:
            assert prompt_text(key, language) != prompt_text(key, "en"), (key, language)


def test_a_recorded_prompt_is_played_from_its_stable_url(app, tmp_path):
    (tmp_path / "ku").mkdir()
    (tmp_path / "ku" / "main_menu.mp3").write_bytes(b"ID3")
    with app.test_request_context():
        resolved = resolve_prompt("main_menu", "ku", prompts_dir=tmp_path)
        assert resolved.play_url == "https://helpline.test/static/prompts/ku/main_menu.mp3"
        assert resolved.spoken_language == "ku"


def test_language_menu_options_name_each_language_in_itself(app):
    with app.test_request_context():
        assert "1" in prompt_text("language_option", "ar")
        assert "4" in prompt_text("language_option", "en")
        assert "English" in prompt_text("language_option", "en")


def test_checkin_questions_all_have_prompts():
    from helpline.checkins.questions import QUESTIONS
    for key in QUESTIONS:
        assert f"checkin_{key}" in PROMPTS


def test_committed_placeholder_recordings_cover_every_key_if_present():
    import helpline.voice
    PROMPTS_DIR = Path(helpline.voice.__file__).resolve().parent.parent / "static" / "prompts"
    manifest = PROMPTS_DIR / "MANIFEST.txt"
    if not manifest.exists():
        pytest.skip("no placeholder recordings generated (scripts/make_placeholder_prompts.py)")
    for language in LANGUAGES:
        for key in PROMPTS:
            assert any((PROMPTS_DIR / language / f"{key}{ext}").is_file()
                       for ext in (".mp3", ".wav")), (language, key)
