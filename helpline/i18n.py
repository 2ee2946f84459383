"""Languages, locale selection and SMS length rules."""
from contextlib import contextmanager

from flask import current_app, has_request_context, request, session
from flask_babel import force_locale

LANGUAGES = ("en", "ar", "ckb", "ku")
LANGUAGE_ALIASES = {"kmr": "ku", "ar_iq": "ar", "ar-iq": "ar", "ckb_iq": "ckb", "sdh": "ckb"}
RTL_LANGUAGES = frozenset({"ar", "ckb"})
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "ckb": "کوردیی ناوەندی", "ku": "Kurdî (Badînî)"}
# Babel locale used for formatting dates and numbers.
FORMAT_LOCALES = {"en": "en", "ar": "ar_IQ", "ckb": "ckb", "ku": "ku"}

GSM7_CHARS = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = set("^{}\\[~]|€")


def normalise_language(code):
    """Map any accepted spelling to one of LANGUAGES, or None."""
    if not code:
        return None
    code = str(code).strip().lower().replace("-", "_")
    code = LANGUAGE_ALIASES.get(code, code)
    base = code.split("_")[0]
    base = LANGUAGE_ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def is_rtl(language):
    return language in RTL_LANGUAGES


def select_locale():
    """Page language: the choice made in this session, else the logged-in user's stored
    language, else the browser's Accept-Language."""
    if has_request_context():
        chosen = normalise_language(session.get("lang")) or _stored_user_language()
        if chosen:
            return chosen
        best = request.accept_languages.best_match(
            list(LANGUAGES) + ["kmr", "ar-IQ", "ckb-IQ"])
        return normalise_language(best) or current_app.config["BABEL_DEFAULT_LOCALE"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _stored_user_language():
    if "_user_id" not in session:
        return None
    from flask_login import current_user
    return normalise_language(getattr(current_user, "language", None))


@contextmanager
def in_language(language):
    """Render texts for a person in their language (works in tasks as well as requests)."""
    with force_locale(normalise_language(language) or "en"):
        yield


def current_language():
    from flask_babel import get_locale
    return normalise_language(str(get_locale() or "en")) or "en"


def init_i18n(app):
    app.jinja_env.globals.update(current_language=current_language, is_rtl=is_rtl,
                                 language_names=LANGUAGE_NAMES, languages=LANGUAGES)


def sms_parts(text):
    """Number of SMS parts a text needs: GSM-7 160/153, UCS-2 70/67 (per code unit)."""
    gsm = all(ch in GSM7_CHARS or ch in GSM7_EXTENDED for ch in text)
    if gsm:
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, multi = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi = 70, 67
    if units <= single:
        return 1
    return -(-units // multi)
