"""Folding of message text for matching only; the original text is always what gets stored.

`fold()` returns the folded string together with, for every folded character, the span of the
original text it came from, so evidence can be reported in the person's own words.
"""
import re
import unicodedata

ARABIC_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}
ARABIC_DIGITS.update({chr(0x06F0 + i): str(i) for i in range(10)})

_TASHKEEL = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670"} | set(
    chr(c) for c in range(0x06D6, 0x06EE)
)
_TATWEEL = "\u0640"
_APOSTROPHES = set("'’‘`´")

# Arabic: one alef, one yeh, teh marbuta as heh, hamza carriers dropped; Iraqi spellings folded
# (گ and ق written for the same sound as ك in speech, چ for ج, پ for ب, ڤ for ف).
_AR = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ۀ": "ه", "ھ": "ه",
    "ە": "ه", "ؤ": "و", "ئ": "ي", "ء": "", "گ": "ك", "ق": "ك", "ک": "ك", "ڪ": "ك", "چ": "ج",
    "پ": "ب", "ڤ": "ف", "ظ": "ض", "ۆ": "و", "ێ": "ي", "ڕ": "ر", "ڵ": "ل",
}
# Sorani (and Kurdish in Arabic script), spec level: Kurdish kaf and yeh, Kurdish letters kept.
_CKB = {
    "ك": "ک", "ي": "ی", "ى": "ی", "ة": "ە", "ۀ": "ە", "ھ": "ه", "أ": "ا", "إ": "ا", "آ": "ا",
    "ٱ": "ا", "ؤ": "و",
}
# Secondary fold so that text typed without the Kurdish letters still matches.
_CKB_DEEP = dict(_CKB)
_CKB_DEEP.update({"ێ": "ی", "ۆ": "و", "ڕ": "ر", "ڵ": "ل", "ە": "ه", "ئ": "", "ء": "", "ڤ": "ف",
                  "ة": "ه", "ۀ": "ه", "ظ": "ز", "ض": "ز"})

_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")
_CKB_DOUBLE_VOWEL = re.compile(r"وو|یی")
_KU_DIGRAPH = re.compile(r"sh|ch")

_tables = {}


def _latin_fold(ch):
    base = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in base if unicodedata.category(c) != "Mn")
    return kept.lower().replace("ı", "i")


def _compute(ch, lang, deep):
    if ch in ARABIC_DIGITS:
        return ARABIC_DIGITS[ch]
    if ch in _TASHKEEL or ch == _TATWEEL or ch in _APOSTROPHES:
        return ""
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width joiners, bidi marks, BOM
        return ""
    if cat in ("Cc", "Zl", "Zp", "Zs") or ch in "\u2028\u2029":
        return " "
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
        ch = unicodedata.normalize("NFKC", ch) if ch >= "\ufb50" else ch
        if lang == "ar":
            return "".join(_AR.get(c, c) for c in ch)
        table = _CKB_DEEP if deep else _CKB
        return "".join(table.get(c, c) for c in ch)
    if cat == "Mn":
        return ""
    return _latin_fold(ch)


class _FoldTable(dict):
    """Code point → folded string, filled on first use (usable with str.translate).

    `nonunit` holds the characters that do not fold to exactly one character (dropped marks,
    expanded ligatures); text without any of them keeps a one-to-one span map.
    """

    def __init__(self, lang_key, deep):
        super().__init__()
        self.lang_key, self.deep, self.nonunit = lang_key, deep, set()

    def __missing__(self, code):
        ch = chr(code)
        r = self[code] = _compute(ch, self.lang_key, self.deep)
        if len(r) != 1:
            self.nonunit.add(ch)
        return r


def _table(lang, deep):
    key = (lang if lang in ("ar", "ckb", "ku", "en") else "en", deep)
    tbl = _tables.get(key)
    if tbl is None:
        tbl = _tables[key] = _FoldTable(*key)
    return key, tbl


def _sub(s, starts, ends, regex, repl):
    """Regex replacement that keeps the character → original-span maps aligned."""
    if not regex.search(s):
        return s, starts, ends
    out, ns, ne, pos = [], [], [], 0
    for m in regex.finditer(s):
        out.append(s[pos:m.start()])
        ns.extend(starts[pos:m.start()])
        ne.extend(ends[pos:m.start()])
        r = repl(m) if callable(repl) else repl
        out.append(r)
        ns.extend([starts[m.start()]] * len(r))
        ne.extend([ends[m.end() - 1]] * len(r))
        pos = m.end()
    out.append(s[pos:])
    ns.extend(starts[pos:])
    ne.extend(ends[pos:])
    return "".join(out), ns, ne


def fold(text, lang="en", deep=True, collapse=1):
    """Fold `text` for matching; returns (folded, starts, ends) with original spans per char.

    `collapse` is how many letters a run of 3+ identical letters shrinks to ("helppp" → "help").
    """
    (lang_key, _), tbl = _table(lang, deep)
    s = text.translate(tbl)
    if tbl.nonunit.isdisjoint(text):  # one folded character per original character
        starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
    else:
        out, starts, ends = [], [], []
        for i, ch in enumerate(text):
            for c in tbl[ord(ch)]:
                out.append(c)
                starts.append(i)
                ends.append(i + 1)
        s = "".join(out)
    s, starts, ends = _sub(s, starts, ends, _LETTER_RUN, lambda m: m.group(1) * collapse)
    if deep and lang_key in ("ckb", "ku"):
        s, starts, ends = _sub(s, starts, ends, _CKB_DOUBLE_VOWEL, lambda m: m.group(0)[0])
    if deep and lang_key == "ku":
        s, starts, ends = _sub(s, starts, ends, _KU_DIGRAPH, lambda m: m.group(0)[0])
    return s, starts, ends


def normalise(text, lang="en"):
    """Text folded for comparison (spec §2): never stored, never shown to the person."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return fold(text, lang, deep=False)[0]


def deep_fold(text, lang="en"):
    """The matching form: like `normalise` but also tolerant of missing Kurdish letters."""
    return fold(text, lang, deep=True)[0]
