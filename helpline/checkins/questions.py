"""Check-in questions, their numbered options, and reply parsing (pure; texts via gettext).

Replies are understood as a digit (Western 0-9, Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹)
or as a word in any of the four languages, whatever the household's language: people mix
scripts and languages on their phones.
"""
import re
import unicodedata

from flask_babel import gettext as _

from helpline.i18n import in_language

QUESTIONS = ("wellbeing", "main_problem", "plan_to_stay")
FREE_TEXT = "free_text"

OPTIONS = {
    "wellbeing": [("1", "fine"), ("2", "problem"), ("3", "urgent_help")],
    "main_problem": [("1", "safety"), ("2", "housing"), ("3", "water_electricity"),
                     ("4", "work_money"), ("5", "documents"), ("6", "health"), ("7", "other")],
    "plan_to_stay": [("1", "yes"), ("2", "no"), ("3", "not_sure")],
}

# Words people actually send back, per answer code (en, Iraqi Arabic, Sorani, Badini/Kurmanji).
WORDS = {
    "wellbeing": {
        "fine": ["fine", "good", "ok", "okay", "well", "all good", "we are fine", "we are good",
                 "بخير", "زين", "زينين", "تمام", "الحمد لله", "جيد", "كويس", "منيح", "نحن بخير",
                 "باشە", "باشین", "باشم", "زۆر باشە", "هەموو باشین", "سوپاس باشین",
                 "baş", "başin", "baş e", "em başin", "xweş", "bash", "em xweşin", "başim"],
        "problem": ["problem", "a problem", "problems", "issue", "we have a problem",
                    "مشكلة", "مشكله", "مشاكل", "عندنا مشكلة", "اكو مشكلة",
                    "کێشە", "کێشەمان هەیە", "گرفت", "کێشەیەک",
                    "pirsgirêk", "arişe", "kêşe", "pirsgirêkek", "me pirsgirêk heye"],
        "urgent_help": ["urgent", "help", "urgent help", "need urgent help", "emergency", "sos",
                        "help us", "we need help", "we need urgent help", "مساعدة", "مساعده", "عاجل", "نحتاج مساعدة", "طوارئ",
                        "النجدة", "ساعدونا", "مساعدة عاجلة",
                        "یارمەتی", "فریاکەوتن", "بەپەلە", "یارمەتیمان بدەن", "فریامان کەون",
                        "alîkarî", "harîkarî", "lezgîn", "acîl", "alîkariya lezgîn"],
    },
    "main_problem": {
        "safety": ["safety", "security", "danger", "unsafe", "threat",
                   "امان", "الامان", "أمن", "الأمن", "خطر", "تهديد",
                   "ئاسایش", "سەلامەتی", "مەترسی", "هەڕەشە",
                   "ewlehî", "ewlekarî", "xeter", "metirsî", "gef"],
        "housing": ["housing", "house", "shelter", "home", "سكن", "السكن", "البيت", "بيت",
                    "منزل", "خانوو", "نیشتەجێبوون", "ماڵ", "xanî", "mal", "cih", "star"],
        "water_electricity": ["water", "electricity", "power", "water and electricity",
                              "ماء", "مي", "الماء", "كهرباء", "الكهرباء", "ماء وكهرباء",
                              "ئاو", "کارەبا", "ئاو و کارەبا",
                              "av", "ceyran", "elektrîk", "kareba", "av û kareba"],
        "work_money": ["work", "money", "job", "jobs", "cash", "income", "عمل", "شغل", "فلوس",
                       "المال", "العمل", "شغل وفلوس", "کار", "پارە", "کار و پارە",
                       "kar", "pere", "xebat", "kar û pere"],
        "documents": ["documents", "papers", "id", "documentation", "وثائق", "مستمسكات",
                      "الوثائق", "اوراق", "هوية", "بەڵگەنامە", "ناسنامە",
                      "belge", "nasname", "belgename", "kaxez"],
        "health": ["health", "sick", "medicine", "doctor", "illness", "صحة", "الصحة", "مرض",
                   "دواء", "علاج", "تەندروستی", "نەخۆشی", "دەرمان",
                   "tenduristî", "nexweşî", "derman", "saxî"],
        "other": ["other", "something else", "أخرى", "اخرى", "غير ذلك", "شي اخر",
                  "تر", "هیتر", "شتی تر", "din", "tiştekî din", "yên din"],
    },
    "plan_to_stay": {
        "yes": ["yes", "y", "yeah", "yep", "sure", "we stay", "نعم", "اي", "إي", "ايه", "أكيد",
                "اكيد", "باقين", "بەڵێ", "بەڵی", "ئا", "ئەرێ", "دەمێنینەوە",
                "erê", "ere", "belê", "bele", "em dimînin"],
        "no": ["no", "n", "nope", "لا", "كلا", "ماكو", "ما راح نبقى", "نەخێر", "نا", "نە",
               "na", "nexêr", "ne"],
        "not_sure": ["not sure", "maybe", "dont know", "don't know", "unsure", "i don't know",
                     "مو متأكد", "غير متأكد", "ما ادري", "ماادري", "ربما", "يمكن", "مش متأكد",
                     "نازانم", "دڵنیا نیم", "لەوانەیە", "بەڵکو",
                     "nizanim", "ne bawer im", "dibe", "belkî", "ez nizanim"],
    },
}

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Deep fold for matching short answers only: Arabic and Kurdish letter variants collapse
# (ک/ك, ی/ي/ى, ە/ة/ه, hamza carriers), Latin marks dropped (ê → e).
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ە": "ه", "ۀ": "ه",
    "ھ": "ه", "ک": "ك", "ؤ": "و", "ئ": "", "ء": "", "ێ": "ي", "ۆ": "و", "ڕ": "ر", "ڵ": "ل",
    "’": "'", "‘": "'",
})
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_SEPARATORS = re.compile(r"[\s\.\!\?،,؛;:\-_\(\)\[\]\*#/\"—–]+")


def fold_reply(text):
    """Fold a reply for comparison; the original text is what gets stored."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DIGITS).lower()
    text = _MARKS.sub("", text).translate(_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _word_table():
    table = {}
    for key, codes in WORDS.items():
        table[key] = sorted(((fold_reply(w), code) for code, words in codes.items()
                             for w in words), key=lambda item: -len(item[0]))
    return table


_WORD_TABLE = _word_table()


def split_reply(key, text):
    """(code, extra_text) for a reply to question `key`; code is None when not recognised.

    A digit or word followed by more words ("3 men came to our house") is recognised; the
    extra text is returned so that the caller can still send it through triage.
    """
    folded = fold_reply(text)
    if not folded or key not in OPTIONS:
        return None, folded
    digit = re.match(r"^(\d+)(?:\s+(.*))?$", folded)
    if digit:
        code = dict(OPTIONS[key]).get(digit.group(1))
        return code, (digit.group(2) or "") if code else folded
    for word, code in _WORD_TABLE[key]:
        if folded == word:
            return code, ""
        if folded.startswith(word + " ") and len(word) > 2:
            return code, folded[len(word) + 1:]
    return None, folded


def parse_reply(key, text):
    """The answer code for a reply to question `key`, or None (free text)."""
    return split_reply(key, text)[0]


def next_question(key, code):
    """The question that follows an answer, or None when the check-in is complete."""
    if key == "wellbeing":
        return "main_problem" if code in ("problem", "urgent_help") else "plan_to_stay"
    if key == "main_problem":
        return "plan_to_stay"
    return None


def _texts():
    return {
        "wellbeing": _("Helpline check-in: how is your family? Reply 1 fine, 2 a problem, "
                       "3 need urgent help"),
        "main_problem": _("What is the main problem? 1 safety 2 housing 3 water/electricity "
                          "4 work/money 5 documents 6 health 7 other"),
        "plan_to_stay": _("Do you plan to stay where you live now? Reply 1 yes, 2 no, "
                          "3 not sure"),
    }


def question_text(key, language):
    """The SMS text of a question in the person's language (numbered options)."""
    with in_language(language):
        return _texts()[key]


def reminder_text(key, language):
    with in_language(language):
        return _("Reminder: %(question)s", question=_texts()[key])


def thanks_text(language, urgent=False):
    with in_language(language):
        if urgent:
            return _("Thank you. Someone from the helpline will call you soon. If you are in "
                     "danger now call %(number)s.", number=_emergency_number())
        return _("Thank you for your answers. You can write to us here at any time.")


def _emergency_number():
    from flask import current_app
    return current_app.config.get("EMERGENCY_NUMBER", "104")
