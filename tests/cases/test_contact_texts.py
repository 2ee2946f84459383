"""Texts sent to people about their case: translated and at most two SMS parts."""
import pytest

from helpline.cases import contact_texts
from helpline.i18n import sms_parts


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ku"])
def test_every_case_text_fits_in_two_parts(app, language):
    app.config["HELPLINE_CALLBACK_NUMBER"] = "+9647800000000"
    try:
        with app.test_request_context():
            texts = [contact_texts.reply_text(k, language, "HL-7KQ2M")
                     for k in contact_texts.REPLY_TEMPLATES]
            texts += [contact_texts.outcome_message(language, "HL-7KQ2M"),
                      contact_texts.satisfaction_question(language, "HL-7KQ2M"),
                      contact_texts.satisfaction_thanks(language),
                      contact_texts.manual_acknowledgement(language, "HL-7KQ2M")]
            english = [contact_texts.outcome_message("en", "HL-7KQ2M"),
                       contact_texts.satisfaction_thanks("en")]
    finally:
        app.config.pop("HELPLINE_CALLBACK_NUMBER")
    assert all(texts)
    for text in texts:
        assert sms_parts(text) <= 2, (language, text, sms_parts(text))
    if language != "en":
        assert texts[4] != english[0] and texts[6] != english[1]


def test_call_back_template_needs_a_number(app):
    with app.test_request_context():
        assert contact_texts.reply_text("call_us_back", "en", "HL-7KQ2M") is None
