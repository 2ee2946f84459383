import pytest

from helpline.triage import detect_language
from helpline.triage.engine import evaluate


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
    ("ma yitnafas", "ar"),  # Iraqi verb with yi- and a consonant cluster: "he isn't breathing"
    ("shlonak", "ar"), ("wallah ana ma3 ahli", "ar"), ("salam 3ndi su2al", "ar"),
    ("ئەز نزانم چ بکەم", "ku"),  # Badini in Arabic script
    ("", "en"), ("7", "en"), ("🙏🙏", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text,lang", [
    # Arabizi typed without any digit: Iraqi function words and pronoun endings tell it
    ("il jeeran galoli rah yjoon il lela", "ar"),
    ("ibni tala min il sabah w ma rijaa lhessa", "ar"),
    ("shinu il mawdoo, minu ygdar ysaadna", "ar"),
    ("iza ma tkhallun il bait rah nhrigha aalaikum", "ar"),
    ("wiyana mukhtar il mantiqa bas ma ysawi shi", "ar"),
    ("hala, aku tawzee hatta lil aailat il jdida?", "ar"),
    # English with Arabic names and words stays English
    ("wallah the mukhtar said the water will come back tomorrow", "en"),
    ("hahaha thanks for the corona vaccine info", "en"),
    ("inshallah we get the cash card this month", "en"),
    ("my daughter Hana lost her ID in the camp", "en"),
    # Kurmanji without marks whose words English also has ("we", "her", "in", "be"): its verb
    # and noun shapes outweigh them
    ("navenda we roja yeksemiye vekiriye?", "ku"),
    ("her car dibejin were hefteya dahati, 2 sal in em li bendê ne", "ku"),
    ("dixwazim bizanim ka dosya me li dadgehe ye", "ku"),
    # English words with Kurmanji-looking shapes stay English
    ("my son has a disease, the doctor says it is serious", "en"),
    ("the venue for the distribution is the old school", "en"),
    ("is there a digital card for the cash assistance", "en"),
    # Sorani on an Arabic keyboard, words split after ه: the pieces are Sorani suffixes
    ("منداله کان هه موویان نه خوشن", "ckb"),
    ("ئاوي بوريه كان پيسه و مناله كان نه خوشن", "ckb"),
    ("هه هه شلونك", "ar"),  # laughing, not a split Sorani word
    ("قال انه كان في البيت", "ar"),  # Arabic "was"
    # Badini in Arabic script, by its own little words (ل, نوکە, دگەل, هوین)
    ("نوکە زاروکێن مە ل مالێ نینن", "ku"),
    ("ئەم دگەل هوین دئاخڤین ل ئێڤاری", "ku"),
    # Sorani whose folded words Badini shares (کوڕی/کورێ, ماڵی/مالێ, هاتنە): ڵ and the definite
    # suffix -ەکە / -ەکان are Sorani only
    ("کوڕی دراوسێکەمان لە بازگەکە بردیان", "ckb"),
    ("ئەمشەو هێزە ئەمنییەکان هاتنە گوندەکەمان", "ckb"),
    ("برای مێردەکەم شەوان دەستدرێژیم دەکات", "ckb"),
    # Kurmanji without marks: "me"/"we" are Kurdish too, and -eke, ne-...-ine shapes
    ("cekdaran xizme me birin bi erebeke spi", "ku"),
    ("heze heshde xaniye me kiriye baregeh", "ku"),
    ("karta nistimani naden me li Til Afer", "ku"),
    # Short Sorani on an Arabic keyboard, split after ه: the pieces (ون, م, ن, یه) are endings
    ("فرياكه ون ته قه يه ته قه", "ckb"),
    ("براكه م برديان", "ckb"),
    ("يارمه تيمان بده ن", "ckb"),
    ("هاوار ئاگر", "ckb"),  # a word-initial ئ is Kurdish; Arabic never starts a word with it
    ("ناجووليت يارمه تي", "ckb"),
    # Short unaccented Badini cries for help
    ("hawarrr agir berdane kone me", "ku"),
    ("helppp agir kone me", "ku"),
    ("tkaye werin teqe", "ku"),
    ("please help me we are alone", "en"),
    ("can we come to the office next week", "en"),
])
def test_detect_language_where_scripts_and_words_mislead(text, lang):
    assert detect_language(text) == lang


def test_mixed_script_follows_majority():
    assert detect_language("المختار يريد فلوس حتى يحطنا بال list") == "ar"
    assert detect_language("کارتەکەم لە ATM کار ناکات") == "ckb"


@pytest.mark.parametrize("text,category", [
    ("فرياكه ون ته قه يه ته قه", "safety_threat"),  # help, there is shooting
    ("hawarrr agir berdane kone me", "safety_threat"),  # help, they set fire to our tent
])
def test_short_kurdish_cries_are_read_by_the_kurdish_rules(text, category):
    res = evaluate(text)
    assert (res.category, res.urgency) == (category, "critical"), res.evidence
