"""Language of very short and mixed-script messages (a new contact's first SMS decides the
language of every reply, so one word has to be enough where the word is unambiguous)."""
import pytest

from helpline.triage import evaluate
from helpline.triage.langid import detect_language

SHORT = [
    ("ok", "en"), ("thx", "en"), ("yes", "en"), ("help", "en"), ("pls help", "en"), ("hi", "en"),
    ("شكرا", "ar"), ("نعم", "ar"), ("هلو", "ar"), ("مرحبا", "ar"), ("ساعدونا", "ar"),
    ("شكراً جزيلاً", "ar"), ("الله يخليك", "ar"), ("shukran", "ar"), ("mashkoor", "ar"),
    ("wallah", "ar"), ("shlonak", "ar"),
    ("سوپاس", "ckb"), ("بەڵێ", "ckb"), ("نەخێر", "ckb"), ("سڵاو", "ckb"), ("باشە", "ckb"),
    ("باشه", "ckb"), ("تکایە", "ckb"), ("زۆر سوپاس", "ckb"), ("دەستت خۆش بێت", "ckb"),
    ("spas", "ku"), ("erê", "ku"), ("ere", "ku"), ("slav", "ku"), ("silav", "ku"),
    ("baş e", "ku"), ("bash e", "ku"), ("alîkarî", "ku"), ("ئاڤ نینە", "ku"),
    ("سپاس بو هەوە", "ku"),
    # Sorani on an Arabic keyboard: ژ and the doubled-و perfect are Kurdish, not Arabic
    ("ده يانه ويت بمكوژن", "ckb"), ("نه هاتووه", "ckb"), ("يسلمووو", "ar"), ("ده روح يابه", "ar"),
    # two-word Arabizi (an Iraqi verb starting y + consonant, "I want") and unaccented Badini
    ("ma ytnafas", "ar"), ("widdi amoot", "ar"), ("eze xo kujim", "ku"),
    ("wan got de we kujin", "ku"), ("we got the kit", "en"),
]

MIXED = [
    ("my card ما دا يشتغل", "ar"),
    ("ATM مالتي عاطل", "ar"),
    ("ok شكرا", "ar"),
    ("thanks سوپاس", "ckb"),
    ("Qi card ەکەم کار ناکات", "ckb"),
    ("kartê Qi card a min naxebite", "ku"),
    ("the office in الموصل is closed", "en"),  # an English message naming a place in Arabic
    ("my phone is broken, can u call ابو علي", "en"),
]


@pytest.mark.parametrize("text,lang", SHORT + MIXED)
def test_language_of_short_and_mixed_messages(text, lang):
    assert detect_language(text) == lang
    assert evaluate(text).language == lang
