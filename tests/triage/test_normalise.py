import pytest

from helpline.triage import normalise
from helpline.triage.normalise import deep_fold, fold


@pytest.mark.parametrize("text,lang,expected", [
    ("أَحْمَد إلى آخر ٱلبيت", "ar", "احمد الي اخر البيت"),
    ("مدرسة مستشفى", "ar", "مدرسه مستشفي"),
    ("الـــعـــراق", "ar", "العراك"),
    ("گالي قال كال", "ar", "كالي كال كال"),
    ("چان پاره ڤيديو", "ar", "جان باره فيديو"),
    ("ساعدوووني", "ar", "ساعدوني"),
    ("helppp pleeeease", "en", "help please"),
    ("HELLO", "en", "hello"),
    ("عمري ٢٢ سنة و ۱۵", "ar", "عمري 22 سنه و 15"),
    ("كوردي يەكێك", "ckb", "کوردی یەکێک"),
    ("ڕێگا ماڵ ئێستا", "ckb", "ڕێگا ماڵ ئێستا"),
    ("Şingal kuştin alîkarî tirsê", "ku", "singal kustin alikari tirse"),
    ("ze\u200bro\u200d wid\u200cth", "en", "zero width"),
    ("a\x00b\x07c", "en", "a b c"),
])
def test_normalise(text, lang, expected):
    assert normalise(text, lang) == expected


def test_sorani_secondary_fold_tolerates_missing_kurdish_letters():
    assert deep_fold("گوندەکەمان", "ckb") == deep_fold("گوندهکهمان", "ckb")
    assert deep_fold("ئێستا", "ckb") == deep_fold("یستا", "ckb")
    assert deep_fold("ڕۆژ", "ckb") == deep_fold("روژ", "ckb")
    assert deep_fold("ناونووسین", "ckb") == deep_fold("ناونوسین", "ckb")


def test_kurmanji_digraphs_fold_for_matching():
    assert deep_fold("kushtin", "ku") == deep_fold("kuştin", "ku") == "kustin"


def test_fold_keeps_original_spans():
    text = "أنا في الـــبيت helppp"
    s, starts, ends = fold(text, "ar")
    i = s.index("البيت")
    assert text[starts[i]:ends[i + len("البيت") - 1]] == "الـــبيت"
    j = s.index("help")
    assert text[starts[j]:ends[j + 3]] == "helppp"


def test_normalise_accepts_non_strings():
    assert normalise(None, "ar") == ""
