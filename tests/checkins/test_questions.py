"""Reply parsing and question texts (pure, no database for parsing)."""
import pytest

from helpline.checkins.questions import (OPTIONS, QUESTIONS, next_question, parse_reply,
                                         question_text, reminder_text, split_reply, thanks_text)
from helpline.i18n import sms_parts


@pytest.mark.parametrize("text", ["3", "٣", "۳", " 3 ", "3.", "*3#", "٣."])
def test_urgent_help_in_every_numeral_system(text):
    assert parse_reply("wellbeing", text) == "urgent_help"


@pytest.mark.parametrize("text,code", [
    ("1", "fine"), ("١", "fine"), ("۱", "fine"), ("2", "problem"), ("٢", "problem"),
    ("۲", "problem"),
])
def test_digits_for_wellbeing(text, code):
    assert parse_reply("wellbeing", text) == code


@pytest.mark.parametrize("key,text,code", [
    # English
    ("wellbeing", "Fine", "fine"), ("wellbeing", "we need urgent help", "urgent_help"),
    ("plan_to_stay", "yes", "yes"), ("plan_to_stay", "Not sure", "not_sure"),
    ("main_problem", "water", "water_electricity"),
    # Iraqi Arabic (with and without hamza, tashkeel)
    ("wellbeing", "بخير", "fine"), ("wellbeing", "الحمد لله", "fine"),
    ("wellbeing", "نحتاج مساعدة", "urgent_help"), ("plan_to_stay", "نعم", "yes"),
    ("plan_to_stay", "لا", "no"), ("plan_to_stay", "ما ادري", "not_sure"),
    ("main_problem", "الكهرباء", "water_electricity"), ("main_problem", "الأمان", "safety"),
    ("main_problem", "الامان", "safety"),
    # Sorani (Kurdish letters, and typed with Arabic kaf/yeh)
    ("plan_to_stay", "بەڵێ", "yes"), ("plan_to_stay", "نەخێر", "no"),
    ("wellbeing", "باشین", "fine"), ("wellbeing", "یارمەتی", "urgent_help"),
    ("wellbeing", "كێشە", "problem"), ("main_problem", "کارەبا", "water_electricity"),
    ("plan_to_stay", "نازانم", "not_sure"),
    # Badini / Kurmanji, with and without marks
    ("plan_to_stay", "erê", "yes"), ("plan_to_stay", "ere", "yes"), ("plan_to_stay", "na", "no"),
    ("wellbeing", "em başin", "fine"), ("wellbeing", "basin", "fine"),
    ("wellbeing", "alîkarî", "urgent_help"), ("main_problem", "ewlehî", "safety"),
    ("plan_to_stay", "nizanim", "not_sure"),
])
def test_words_in_all_four_languages(key, text, code):
    assert parse_reply(key, text) == code


def test_free_text_and_out_of_range_digits_are_not_answers():
    assert parse_reply("wellbeing", "armed men came to our village last night") is None
    assert parse_reply("wellbeing", "4") is None
    assert parse_reply("main_problem", "8") is None
    assert parse_reply("main_problem", "12") is None
    assert parse_reply("plan_to_stay", "") is None


def test_an_answer_followed_by_words_keeps_the_words_for_triage():
    code, extra = split_reply("wellbeing", "3 men with guns came to our house")
    assert code == "urgent_help" and "guns" in extra
    assert split_reply("wellbeing", "٣")[1] == ""


def test_every_option_digit_parses_to_its_code():
    for key in QUESTIONS:
        for digit, code in OPTIONS[key]:
            assert parse_reply(key, digit) == code


def test_next_question_skips_the_problem_question_when_fine():
    assert next_question("wellbeing", "fine") == "plan_to_stay"
    assert next_question("wellbeing", "urgent_help") == "main_problem"
    assert next_question("wellbeing", "problem") == "main_problem"
    assert next_question("main_problem", "health") == "plan_to_stay"
    assert next_question("plan_to_stay", "yes") is None


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ku"])
def test_every_text_fits_in_two_sms_parts_and_is_translated(app_ctx, language):
    texts = [question_text(k, language) for k in QUESTIONS]
    texts += [reminder_text(k, language) for k in QUESTIONS]
    texts += [thanks_text(language), thanks_text(language, urgent=True)]
    for text in texts:
        assert sms_parts(text) <= 2, (language, text, sms_parts(text))
    if language != "en":
        assert question_text("wellbeing", language) != question_text("wellbeing", "en")
        assert thanks_text(language, urgent=True) != thanks_text("en", urgent=True)


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ku"])
def test_every_translated_question_lists_every_option_digit(app_ctx, language):
    for key in QUESTIONS:
        text = question_text(key, language)
        for digit, _ in OPTIONS[key]:
            assert digit in text, (language, key, digit)
