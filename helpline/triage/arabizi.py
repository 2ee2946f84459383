"""Arabizi read through the Arabic rules: both sides reduced to a consonant skeleton.

People type Iraqi Arabic in Latin letters ("5oya 7abesni bil ghurfa", "katabt wasiyti"), with
vowels written or not, emphatic letters written plain (d for ض, s for ص, t for ط) and digits for
the sounds Latin lacks (3 ع, 7 ح, 5 خ, 8 غ, 9 ق, 6 ط, 2 ء). The Arabic-script rules say far more
than the Arabizi ones, so an Arabizi word is also compared with them on its skeleton: consonants
only, emphatics merged with their plain letters, no vowel letters (ا و ي), no final ه (taa
marbuta or "-a"), doubled letters once. Rule terms get the same reduction (rules.py, the
"ar_sounds" set); terms whose skeleton is too short to mean anything are left out (words of
two consonants, stems of three). The engine reads these only when the Arabizi and English rules
found nothing, at reduced weight and never above high. Pure.
"""
import re

# Arabic (after the engine's Arabic folding) → skeleton letter; "" drops the letter.
_AR = str.maketrans({"ض": "د", "ظ": "د", "ذ": "د", "ث": "ت", "ص": "س", "ط": "ت",
                     "ا": "", "و": "", "ي": "", "ى": "", "ء": "", "ئ": "", "ؤ": "", "أ": "",
                     "إ": "", "آ": ""})
_LATIN_DIGRAPHS = (("sh", "ش"), ("kh", "خ"), ("gh", "غ"), ("ch", "ج"), ("th", "ت"), ("dh", "د"))
_LATIN = {"3": "ع", "7": "ح", "5": "خ", "8": "غ", "9": "ك", "6": "ت", "2": "",
          "b": "ب", "p": "ب", "t": "ت", "j": "ج", "h": "ه", "d": "د", "r": "ر", "z": "ز",
          "s": "س", "f": "ف", "v": "ف", "q": "ك", "k": "ك", "g": "ك", "c": "ك", "x": "كس",
          "l": "ل", "m": "م", "n": "ن"}  # vowels and w, y (و ي) are dropped
_LATIN_PREFIXES = ("wil", "wel", "wal", "bil", "bel", "fil", "lil", "al", "il", "el", "da", "w", "b", "l")
_DOUBLE = re.compile(r"(.)\1+")
MIN_STEM = 3  # a rule stem (prefix*, *suffix, *infix*) needs this many skeleton letters


def _finish(s):
    s = _DOUBLE.sub(r"\1", s)
    if len(s) > 1 and s.endswith("ه"):
        s = s[:-1]
    return s


def arabic_skeleton(folded):
    """Skeleton of an Arabic word already folded by the engine (ق/گ → ك, ة → ه, ...)."""
    return _finish(folded.translate(_AR))


def _latin_skeleton(word):
    out, i = [], 0
    while i < len(word):
        pair = word[i:i + 2]
        for latin, arabic in _LATIN_DIGRAPHS:
            if pair == latin:
                out.append(arabic)
                i += 2
                break
        else:
            out.append(_LATIN.get(word[i], ""))
            i += 1
    return _finish("".join(out))


def latin_skeletons(word):
    """Skeleton forms of one Arabizi word (lowercase): the whole word, then without a clitic
    prefix (wil-, bil-, al-, da-, w-, b-, l- ...) where enough is left."""
    if word.isdigit():
        return (word,)
    forms = [_latin_skeleton(word)]
    for p in _LATIN_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            s = _latin_skeleton(word[len(p):])
            if len(s) >= 2 and s not in forms:
                forms.append(s)
    return tuple(f for f in forms if f) or ("",)
