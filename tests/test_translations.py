"""Every user-facing text exists in all four languages; Arabic plural rule; SMS lengths."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpline.i18n import sms_parts

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def _read(po):
    with po.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("po", [p for p in CATALOGS if p.parts[-3] != "en"],
                         ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_message_is_translated_with_the_same_placeholders(po):
    problems = []
    for message in _read(po):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not all(strings) or message.fuzzy:
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = {m for m in PLACEHOLDER.findall(ids[0])}
        for s in strings:
            if {m for m in PLACEHOLDER.findall(s)} != wanted:
                problems.append(f"placeholders differ: {ids[0]!r}")
    assert not problems, "\n".join(problems)


def test_arabic_catalogs_carry_the_correct_plural_rule():
    for po in (ROOT / "translations" / "ar" / "LC_MESSAGES").glob("*.po"):
        catalog = _read(po)
        assert catalog.num_plurals == 6
        assert "n%100>=11 ? 4" in catalog.plural_expr, po.name


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ku"])
def test_texts_sent_to_people_fit_in_two_sms_parts(app, language):
    from helpline.channels.sms import replies
    with app.test_request_context():
        texts = [replies.acknowledgement(language, "HL-7KQ2M"),
                 replies.acknowledgement(language, "HL-7KQ2M", critical=True),
                 replies.opt_out_confirmation(language), replies.opt_in_confirmation(language)]
    for text in texts:
        assert sms_parts(text) <= 2, (language, text, sms_parts(text))
    if language != "en":
        assert texts[0] != replies.acknowledgement("en", "HL-7KQ2M")


def test_sms_part_counting():
    assert sms_parts("a" * 160) == 1 and sms_parts("a" * 161) == 2
    assert sms_parts("ب" * 70) == 1 and sms_parts("ب" * 71) == 2 and sms_parts("ب" * 134) == 2
    assert sms_parts("ê" * 70) == 1  # Kurmanji marks are outside GSM-7
