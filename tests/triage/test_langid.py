import pytest

from helpline.triage import detect_language


@pytest.mark.parametrize("text,lang", [
    ("hi", "en"), ("hello", "en"), ("sorry wrong number", "en"),
    ("سلام", "ar"), ("السلام عليكم", "ar"), ("شلونكم", "ar"), ("ماكو ماي بالبيت", "ar"),
    ("سڵاو", "ckb"), ("سلاو", "ckb"), ("سوپاس", "ckb"), ("ئێستا لە ماڵەوەین", "ckb"),
    ("کاره با نیه له گونده که مان", "ckb"),  # Sorani typed on an Arabic keyboard
    ("slav", "ku"), ("silav", "ku"), ("spas", "ku"), ("ez nizanim ci bikim", "ku"),
    ("Em li gund in, zarok ditirsin", "ku"), ("em naxwazin vegerin kampe", "ku"),
    # Kurmanji without marks next to English aid words
    ("slav, kenge cash card de hete dan? nave min li lista ye", "ku"),
    ("sala nu piroz be, spas bo hemi karmendan", "ku"),
    ("karmendek got bide min 20 dolar ez de cash for work bo te bikem", "ku"),
    ("shlonak", "ar"), ("wallah ana ma3 ahli", "ar"), ("salam 3ndi su2al", "ar"),
    ("ئەز نزانم چ بکەم", "ku"),  # Badini in Arabic script
    ("", "en"), ("7", "en"), ("🙏🙏", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", [
    # Arabizi typed without any digit: Iraqi function words and pronoun endings tell it
    "il jeeran galoli rah yjoon il lela",
    "ibni tala min il sabah w ma rijaa lhessa",
    "shinu il mawdoo, minu ygdar ysaadna",
    "iza ma tkhallun il bait rah nhrigha aalaikum",
    "wiyana mukhtar il mantiqa bas ma ysawi shi",
    "hala, aku tawzee hatta lil aailat il jdida?",
])
def test_arabizi_without_digits_is_arabic(text):
    assert detect_language(text) == "ar"


@pytest.mark.parametrize("text", [
    "wallah the mukhtar said the water will come back tomorrow",
    "hahaha thanks for the corona vaccine info",
    "inshallah we get the cash card this month",
    "my daughter Hana lost her ID in the camp",
])
def test_english_with_arabic_names_and_words_stays_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", [
    # Kurmanji without marks whose words English also has ("we", "her", "in", "be")
    "navenda we roja yeksemiye vekiriye?",
    "her car dibejin were hefteya dahati, 2 sal in em li bendê ne",
    "dixwazim bizanim ka dosya me li dadgehe ye",
])
def test_kurmanji_shapes_outweigh_look_alike_english_words(text):
    assert detect_language(text) == "ku"


@pytest.mark.parametrize("text", [
    "my son has a disease, the doctor says it is serious",
    "the venue for the distribution is the old school",
    "is there a digital card for the cash assistance",
])
def test_english_words_with_kurmanji_looking_shapes_stay_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text,lang", [
    # Sorani on an Arabic keyboard, words split after ه: the pieces are Sorani suffixes
    ("منداله کان هه موویان نه خوشن", "ckb"),
    ("ئاوي بوريه كان پيسه و مناله كان نه خوشن", "ckb"),
    ("هه هه شلونك", "ar"),  # laughing, not a split Sorani word
    ("قال انه كان في البيت", "ar"),  # Arabic "was"
    # Badini in Arabic script, by its own little words (ل, نوکە, دگەل, هوین)
    ("نوکە زاروکێن مە ل مالێ نینن", "ku"),
    ("ئەم دگەل هوین دئاخڤین ل ئێڤاری", "ku"),
])
def test_split_sorani_and_badini_in_arabic_script(text, lang):
    assert detect_language(text) == lang


def test_mixed_script_follows_majority():
    assert detect_language("المختار يريد فلوس حتى يحطنا بال list") == "ar"
    assert detect_language("کارتەکەم لە ATM کار ناکات") == "ckb"
