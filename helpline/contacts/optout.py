"""STOP / START keywords in every language (pure)."""
import re
import unicodedata

# Twilio's default English keywords plus Arabic, Sorani and Kurmanji words.
STOP_WORDS = {
    "stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "opt out",
    # Arabic
    "توقف", "توقف الرسائل", "ايقاف", "الغاء", "الغاء الاشتراك", "وقف", "بس", "كافي", "لا ترسل",
    # Sorani
    "وەستان", "وەستە", "ڕاگرتن", "ڕاگرە", "بەسە", "هەڵوەشاندنەوە", "مەنێرە",
    # Kurmanji / Badini
    "raweste", "rawestîne", "bes", "bese", "betal", "neşîne", "rawestin",
}
START_WORDS = {
    "start", "unstop", "resume", "subscribe",
    "ابدا", "ابدأ", "استمرار", "تشغيل", "اشتراك",
    "دەستپێکردن", "دەستپێبکە", "دەست پێ بکە",
    "dest pê bike", "destpêbike", "despêbike", "dest pê bikin", "destpêkirin",
}
HELP_WORDS = {"help", "info"}

_TASHKEEL = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def fold_keyword(text):
    """Fold a short reply for keyword comparison only."""
    text = unicodedata.normalize("NFKC", text or "").strip().lower()
    text = _TASHKEEL.sub("", text)
    text = text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه",
                                          "ك": "ک", "ي": "ی"}))
    # Kurmanji marks: ê î û ç ş with and without marks.
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn" or c in "\u0654")
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s\.\!\?،,؛;:\-_]+", " ", text).strip()
    return text


def _folded(words):
    return {fold_keyword(w) for w in words}


_STOP = _folded(STOP_WORDS)
_START = _folded(START_WORDS)


def keyword_of(text):
    """'stop', 'start' or None. Only a message that IS the keyword counts."""
    folded = fold_keyword(text)
    if not folded or len(folded) > 30:
        return None
    if folded in _STOP or folded.replace(" ", "") in _STOP:
        return "stop"
    if folded in _START or folded.replace(" ", "") in _START:
        return "start"
    return None
