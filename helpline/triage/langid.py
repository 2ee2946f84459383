"""Language identification from script, letters and frequent words; fast on one-word SMS."""
import re

from .normalise import deep_fold

_WORD = re.compile(r"\w+")
_SORANI_LETTERS = set("ێۆڕڵە")
_KURDISH_KEYBOARD = set("کیھ")  # Kurdish/Persian keyboards; Arabic keyboards give ك ي ه
_ARABIC_ONLY_LETTERS = set("ةىأإثذضظءؤ")
_KU_DIACRITICS = set("êîûçşÊÎÛÇŞ")
_AR_ARTICLE = ("ال", "وال", "بال", "فال", "کال", "لل", "عال")
_ARABIZI_DIGITS = re.compile(r"(?:[a-z][2356789]|[2356789][a-z])")

# Frequent words, written naturally; folded at import so spellings without marks count too.
_CKB_WORDS = """
لە لە بۆ بو کە نییە نیە نیه هیچ ئێوە ووتیان وتیان دەڵێن پیاوی چەکدار ئەوان تۆ چۆن چون چی چیە کێ کوا کوێ زۆر سوپاس سڵاو سلاو
بەڵام ئەگەر دەکات ناکات دەکەن هەیە هەیه ماڵ ماڵەوە ئاو کارەبا منداڵ منداڵەکان ژن پیاو کوڕ کچ
باوکم دایکم براکەم ئێستا تکایە یارمەتی هاوکاری پارە گوندەکە گوندەکەمان خانوو ژوور ڕۆژ شەو ساڵ مانگ
لەگەڵ دوای پێش وتی دەڵێت چونن باشن ببورن ناتوانم دەمەوێت نازانم بکەین دەبێت ئەم ئەو یەک دوو سێ
کەس هەموو ئیتر نەماوە بەیانی دوێنێ هەر وەک تا بە ناو
باشە باشم باشین بەڵێ نەخێر ئەرێ دەستت دەستتان خۆش بێت ببورە مەمنون
"""
_KU_ARAB_WORDS = """
ئەز ژ دێ نینە زاروک زارۆک ڤێ ڤی دکەت دکەن دبێژن دبێژیت نزانم دڤێت دڤێم هەوە وان
مالا مالێ خو چاوا کیڤە کیرێ چو هەمی گەلەک سپاس دکوژن بابێ دەیکا برایێ مێرێ لمن ددەت ڕۆژا
ژێ دچیت دچن ژنا کچا کورێ بابێ دیا گوندێ ئەڤ ئەڤە هندەک گەف گەفا کرن هاتنە دێ
ل نوکە دگەل هوین ئەڤرۆ دەمژمێر زاروکێن زاروکێت خودێ
"""
_AR_WORDS = """
ماكو اكو هسه شلون شلونك شلونكم احنه احنا دا مال مالتي يم وين شكو عدنا عندي الله والله يريد اريد
ما لا في على من الى هذا هاي هذي اللي كل بعد حتى يوم ابو ام ابني بنتي زوجي السلام عليكم شكرا
ليش شنو شكد كلش زين هواية جماعة البيت اني انا انت هو هي هم ويانا وياهم اذا لو او كان كانت
مرحبا اهلا ساعدونا ارجوكم دخيلكم اخوي ابويه امي عمي الحمد هم بس لان لهسه راح يكولون كال
"""
_KU_WORDS = """
em min li ji bo gund gunde mala mal malê zarok zarokan hatin kuştin alîkarî tirsê ez tu hûn ew wan
nizanim dixwazim dixwazin heye hene nîne nînin spas slav silav slaw zor gelek çawa çawan çawanî
kengî kîre kîve kîrê nûke niha roj şev keça kurê bavê dayka mêrê jina xwe xwedê xanî kon kampê
derkevin dibêjin gotin birayê xûşka çu tişt tiştek pere kar dikit dikim dikin bikim biçin têm
ceribandin erê belê nexêr baş başe başim sipas hemiyan hemî hemû jî di de ku ne yan çi kir kirin dike nake nakit dibe bû bûn bûye heye hebû
xelk xelkê malbat malbata cîran gundî zarokên zarokêt keçik kurê min we me wan vê ewê bi
hatiye nehat bûye dê ji ser digel ba vê wê wî em nikarin dijîn rêxistinê lê û ya yê yên yêt
bide bidin navê nav pîroz sala salê vegerin vegerîn malên karmend karmendek karmendekî rêxistin rêxistina
hêvîdarim hêvî bikem bikeme dikeme çend çima kengê evê ev avê nexweş nexweşxane zû niho îro duhî sibê kesek tenê tiştekî
roja rojê rojan sal salê salan hefte heftê heftiya dosya dosye dadgeh gundê gundî bajêr bajarê
xo xwe ezê eze tê wê dê
hawar agir agirê kona konê birin xistin berda berdan berdane dergeh dergehê derî deriyê çekdar çekdaran
dişkênin şkandin lêdan lêdidin didin revandin winda birîndar teqîn teqiya teqe gule fîşek mirin dimirit bêhn
tikaye tkaye werin
"""
# Kurmanji verb and noun shapes on words that are neither English nor in the lists: dibêjin,
# dixwazim, vekiriye, xaniye, hefteya; "xw" and "kuj" (xwîn, bikuje) occur in no English word.
_KU_SHAPE = re.compile(r"^(?:(?:di|bi)[a-z]{3,}(?:in|im|it)|[a-z]{3,}(?:iye|eya|uya)"
                       r"|[a-z]*(?:xw|kuj)[a-z]*|[a-z]{3,}eke?|ne[a-z]{3,}(?:in|ine|iye|ye))$")
_EN_WORDS = """
the a an is are was were my i you your our we they he she it and or to of in on at for with from
please pls plz help no not yes hello hi thanks thank sorry wrong number there this that what when
where how who why do does did dont cant can have has had will been be me us them him her his their
house family kids children now today night need want our went came come go going get water money
work school people village since ago after before about just still only any some all very good bad
yet didnt dont cant wont isnt arrive arrived received receive assistance because but never nothing someone
said say tell told call husband wife son daughter brother sister mother father baby cash card food aid camp
tent area town doctor hospital clinic electricity list name office registration register which sorry
anyone everyone our ours hers mine yours has been would could should must got get gets give gave
"""
_ARABIZI_WORDS = """
shlon shlonak shlonkum shlonich wallah walla wallahi ana ma3 inta inti ahna ehna ihna mako maku aku
akoo hwaya hwaya zein zen habibi salam salamu shukran shukren minha maktab mushkila mushkileh bil
mal el wen wein agdar aqdar akdar asajil ghalatit yishtighil shahrain hatha hadha hay shnu shno
leish lesh yalla inshallah alhamdulillah marhaba ahlan 3ndi 3indi 3ala 3al abuya ummi ibni binti
zawji akhoya saa3dona sa3dona dakhilkum hissa hessa hassa bait beit bet mako
beitna baitna betna bitna saknin sakneen khaima khayma akhuya akhoya akhooya marti ahli 3adna 3idna
wayana kulish kulesh baachir bacher shaku lazim mumkin ayam nahar lail flus floos shughl mashakil
musa3ada minha tasjil inshalla kteer kthir 3ala fe fi lil inta huwa hiya ihna intum inhadam inkhataf
sayttara saytara nidri na3rif wen mn ma3 w
mashkoor mashkur mashkoorin mashkurin 3afwan afwan tislam tislamun yislamu
il el rah raah iza itha idha lau mnu minu shinu shunu aala aal gal galaw galli galoli bas kulshi
yumma yuba hala wiyaya wiyana wiyahum ysawi ysawun tara hatta lazim hnak hnaka hnaa ghir baad
arid areed ariid widdi widi wddi amoot amuut amut mayt mayit
"""
# Iraqi pronoun endings on words that are neither English nor Kurmanji: beitna, tiktilni, ilkum.
# An Iraqi imperfect verb typed in Latin letters starts with y and a consonant (ytnafas, ydrubni,
# yriid), or with yi/ya and a consonant cluster (yitnafas, yiktilna); English words do not.
_ARABIZI_VERB = re.compile(r"^y(?:[bdfhjklmnqrstwxz][a-z]{2,}|[ia][bdfhjklmnqrstwxz]{2}[a-z]+)$")
_ARABIZI_ENDING = re.compile(r"^(?!(?:ha)+$)[a-z]{3,}(?:na|ni|kum|kom|hum|hom|ich|ha)$")  # not "hahaha"


def _fold_set(words, lang):
    return frozenset(deep_fold(w, lang) for w in words.split())


CKB_WORDS = _fold_set(_CKB_WORDS, "ckb")
KU_ARAB_WORDS = _fold_set(_KU_ARAB_WORDS, "ckb") - CKB_WORDS
AR_WORDS = _fold_set(_AR_WORDS, "ckb")  # compared in the Kurdish fold (ك→ک, ي→ی) for one pass
KU_WORDS = _fold_set(_KU_WORDS, "ku") - {"me", "we", "a", "i"}
# "me" (our, us) and "we" (your, you) are Kurdish as much as English: half a point to Kurdish.
_KU_SHARED = frozenset({"me", "we"})
EN_WORDS = _fold_set(_EN_WORDS, "en")
ARABIZI_WORDS = _fold_set(_ARABIZI_WORDS, "en")


def _is_arabic(ch):
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


class _ScriptTable(dict):
    """Code point → "a" (Arabic-script letter), "l" (Latin letter) or "" (anything else)."""

    def __missing__(self, code):
        ch = chr(code)
        if not ch.isalpha():
            r = ""
        elif _is_arabic(ch):
            r = "a"
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            r = "l"
        else:
            r = ""
        self[code] = r
        return r


_SCRIPT = _ScriptTable()


def script_counts(text):
    """(Arabic-script letters, Latin letters) in `text`."""
    classes = text.translate(_SCRIPT)
    return classes.count("a"), classes.count("l")


# Sorani typed on an Arabic keyboard splits words after ه (ە): "منداله کان", "گونده که مان",
# "هه موو". The pieces after the split are Sorani suffixes, not Arabic words; کان is also
# Arabic "was" ("انه كان"), so it counts less.
_CKB_SPLIT_PIECES = {deep_fold(w, "ckb"): 1.5 for w in """
که کەم کەت کەی کەمان کەتان کەیان کانم کانت کانی کانمان کانتان کانیان
م ت ن مان تان یان ون ین یە یت تی تیی
""".split()}
_CKB_SPLIT_PIECES[deep_fold("کان", "ckb")] = 1.0

# Sorani perfect forms end in a doubled و (خواردووه، هاتووە، بووین); Arabic words never do.
_CKB_PERFECT = re.compile(r"(?<!و)وو(?:ه|ە|ن|م|ین|یت|ی)?(?!\w)")


# Sorani, not Badini: ڵ, and the definite suffix -ەکە / -ەکان (گوندەکەمان, منداڵەکان). Badini
# written in Arabic script has neither; it shares many words with Sorani once folded (کورێ and
# کوڕی, مالێ and ماڵی, ڤی and فێی), so these decide between the two.
_SORANI_ONLY = re.compile(r"\w*(?:ڵ|ەک(?:ە|ان))\w*")
# Kurdish writes ئ before every word-initial vowel (ئاگر، ئەوە); Arabic never starts a word with it.
_INITIAL_HAMZA = re.compile(r"(?<!\w)ئ")


def _split_heh(tokens, i):
    """هه at `i` starts a split Sorani word ("هه موو", "هه یه"); "هه هه" is laughing."""
    neighbours = tokens[max(i - 1, 0):i] + tokens[i + 1:i + 2]
    return i + 1 < len(tokens) and "هه" not in neighbours


def _arabic_script(text):
    sorani = sum(1 for ch in text if ch in _SORANI_LETTERS)
    keyboard = sum(1 for ch in text if ch in _KURDISH_KEYBOARD)
    arabic_only = sum(1 for ch in text if ch in _ARABIC_ONLY_LETTERS)
    tokens = _WORD.findall(deep_fold(text, "ckb"))
    # ژ is a Kurdish (and Persian) letter that Iraqi Arabic does not write: Sorani typed on an
    # Arabic keyboard keeps it ("ده یانه ویت بمكوژن").
    zheh = text.count("ژ")
    initial_hamza = len(_INITIAL_HAMZA.findall(text))
    perfect = min(len(_CKB_PERFECT.findall(text)), 2)
    letters = (3.0 * min(sorani, 6) + 0.5 * min(keyboard, 4) + 2.0 * min(zheh, 2)
               + 1.0 * perfect + 1.5 * min(initial_hamza, 2))  # Kurdish, either dialect
    ckb = ku = 0.0
    ar = 1.0 * min(arabic_only, 4)
    for i, t in enumerate(tokens):
        if t in CKB_WORDS:
            ckb += 1.5
        elif t in _CKB_SPLIT_PIECES and i and tokens[i - 1].endswith("ه"):
            ckb += _CKB_SPLIT_PIECES[t]
            continue  # so "کان" here is not also counted as Arabic
        elif t == "هه" and _split_heh(tokens, i):
            ckb += 1.0
        if t in KU_ARAB_WORDS:
            ku += 2.0
        if t in AR_WORDS:
            ar += 1.5
        elif t.startswith(_AR_ARTICLE) and len(t) > 4:
            ar += 1.0
        elif len(t) > 4 and t[0] in "یتن" and t.endswith("ون"):  # Arabic imperfect plural
            ar += 0.5
    if "ڤ" in text:
        ku += 1.5
    ckb += 1.0 * min(len(_SORANI_ONLY.findall(text)), 3)
    kurdish = letters + ckb + ku
    if kurdish > ar:
        lang = "ku" if ku > ckb else "ckb"
        conf = min(1.0, 0.4 + 0.1 * (kurdish - ar))
    else:
        lang = "ar"
        conf = min(1.0, 0.4 + 0.1 * (ar - kurdish)) if ar > 0 else 0.5
    return lang, conf


def _latin_script(text):
    diacritics = sum(1 for ch in text if ch in _KU_DIACRITICS)
    folded = deep_fold(text, "en")
    tokens = _WORD.findall(folded)
    ku = 2.0 * min(diacritics, 5)
    ar = 2.0 * min(len(_ARABIZI_DIGITS.findall(folded)), 4)
    en = 0.0
    for t in tokens:
        kt = t.replace("sh", "s").replace("ch", "c")
        if kt in KU_WORDS:
            ku += 1.0
        elif t in _KU_SHARED:
            ku += 0.5
        if t in EN_WORDS:
            en += 1.0
        unknown = t not in EN_WORDS and kt not in KU_WORDS  # shapes count on these only
        if t in ARABIZI_WORDS:
            ar += 1.5
        elif unknown and _ARABIZI_VERB.match(t):
            ar += 1.0
        elif unknown and _ARABIZI_ENDING.match(t):
            ar += 0.5
        if unknown and _KU_SHAPE.match(kt):
            ku += 0.5
    best = max((en, "en"), (ku, "ku"), (ar, "ar"), key=lambda p: (p[0], p[1] == "en"))
    others = sorted((en, ku, ar))[-2]
    if best[0] == 0:
        return "en", 0.2
    return best[1], min(1.0, 0.4 + 0.15 * (best[0] - others))


def identify(text):
    """(language, confidence 0..1). Confidence 0 means nothing to go on."""
    if not text:
        return "en", 0.0
    arabic, latin = script_counts(text)
    if arabic == 0 and latin == 0:
        return "en", 0.0
    # Arabic-script words in a mostly Latin message ("thanks سوپاس", "my card ما دا يشتغل") come
    # from Arabic or Kurdish speakers; English speakers do not type them.
    if arabic >= latin or (arabic >= 3 and 2 * arabic >= latin):
        return _arabic_script(text)
    return _latin_script(text)


def detect_language(text):
    """'en' | 'ar' | 'ckb' | 'ku' for a message; 'en' when there is nothing to tell by."""
    if not isinstance(text, str):
        return "en"
    return identify(text[:2000])[0]
