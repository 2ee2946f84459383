"""Configuration classes. Values come from the environment; production checks required keys."""
import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


class ConfigError(RuntimeError):
    """Raised at start-up when a required setting is missing."""


def _env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _sqlite_default():
    return f"sqlite:///{INSTANCE_DIR / 'helpline.sqlite'}"


def _normalise_db_url(url):
    # psycopg 3 is the driver we ship; plain postgres URLs should just work.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    ENV_NAME = "base"
    SECRET_KEY = _env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _normalise_db_url(_env("DATABASE_URL", _sqlite_default()))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = _env("REDIS_URL")
    TWILIO_ACCOUNT_SID = _env("TWILIO_ACCOUNT_SID")
    TWILIO_AUTH_TOKEN = _env("TWILIO_AUTH_TOKEN")
    TWILIO_FROM = _env("TWILIO_FROM")
    TWILIO_MESSAGING_SERVICE_SID = _env("TWILIO_MESSAGING_SERVICE_SID")
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL")
    # Number of reverse proxies in front of the app (X-Forwarded-* headers trusted).
    PROXY_COUNT = int(_env("PROXY_COUNT", "1"))

    LANGUAGES = ("en", "ar", "ckb", "ku")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Asia/Baghdad"
    # One gettext domain per area so that areas keep their own catalogs in translations/.
    BABEL_DOMAIN = "messages;staff;referrals;voice;checkins"
    BABEL_TRANSLATION_DIRECTORIES = ";".join(
        [str(Path(__file__).resolve().parent.parent / "translations")] * 5)

    MAX_SMS_BODY = 1600
    MAX_CONTENT_LENGTH = 64 * 1024
    CASE_JOIN_WINDOW_DAYS = 7
    # First-response deadlines per urgency, in hours (SPEC §4).
    SLA_HOURS = {"critical": 1, "high": 24, "normal": 72, "low": 168}
    CLOSE_LOOP_DAYS = 30
    EMERGENCY_NUMBER = _env("EMERGENCY_NUMBER", "104")
    # Comma-separated E.164 numbers alerted (reference only) when a critical case opens.
    ONDUTY_ALERT_PHONES = _env("ONDUTY_ALERT_PHONES", "")
    STALLED_MESSAGE_MINUTES = 2

    # Voice line (IVR). Recordings are stored by us (local directory by default).
    RECORDINGS_STORAGE = _env("RECORDINGS_STORAGE", "local")
    RECORDINGS_DIR = _env("RECORDINGS_DIR", str(INSTANCE_DIR / "recordings"))
    # The local outbox gateway reads simulator "recordings" from here (Twilio's media store).
    OUTBOX_RECORDINGS_DIR = _env("OUTBOX_RECORDINGS_DIR", str(INSTANCE_DIR / "outbox-recordings"))
    VOICE_MAX_RECORDING_SECONDS = int(_env("VOICE_MAX_RECORDING_SECONDS", "120"))
    VOICE_MENU_ATTEMPTS = int(_env("VOICE_MENU_ATTEMPTS", "3"))
    VOICE_GATHER_TIMEOUT = int(_env("VOICE_GATHER_TIMEOUT", "6"))
    VOICE_DIAL_TIMEOUT = int(_env("VOICE_DIAL_TIMEOUT", "25"))
    VOICE_FETCH_MAX_ATTEMPTS = int(_env("VOICE_FETCH_MAX_ATTEMPTS", "8"))
    VOICE_DUTY_TIMEZONE = _env("VOICE_DUTY_TIMEZONE", "Asia/Baghdad")
    # Language of the menus when a caller never chooses one.
    VOICE_DEFAULT_LANGUAGE = _env("VOICE_DEFAULT_LANGUAGE", "ar")
    # Twilio has no Kurdish voice: where a Kurdish recording is missing, play this language's
    # prompt instead (recording, else <Say>).
    VOICE_KURDISH_FALLBACK = _env("VOICE_KURDISH_FALLBACK", "ar")
    VOICE_SAY_AR = _env("VOICE_SAY_AR", "ar-AE:Polly.Hala-Neural")
    VOICE_SAY_EN = _env("VOICE_SAY_EN", "en-GB:Polly.Amy-Neural")
    SEND_MAX_ATTEMPTS = 3

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    WTF_CSRF_TIME_LIMIT = None
    SIMULATOR_ENABLED = False
    TESTING = False

    @classmethod
    def check(cls, config):
        """Refuse to start with a configuration that cannot work safely."""


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False
    SECRET_KEY = _env("SECRET_KEY", "dev-only-secret-key-not-for-production")
    # The simulator signs its requests with this token, exactly as Twilio would.
    TWILIO_AUTH_TOKEN = _env("TWILIO_AUTH_TOKEN", "dev-twilio-auth-token")
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    SIMULATOR_ENABLED = True
    ONDUTY_ALERT_PHONES = _env("ONDUTY_ALERT_PHONES", "+9647700000001")


class TestingConfig(DevelopmentConfig):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret"
    TWILIO_AUTH_TOKEN = "test-auth-token"
    PUBLIC_BASE_URL = "https://helpline.test"
    SQLALCHEMY_DATABASE_URI = _normalise_db_url(_env("TEST_DATABASE_URL", "sqlite://"))
    REDIS_URL = None
    WTF_CSRF_ENABLED = True
    SIMULATOR_ENABLED = True


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True

    @classmethod
    def check(cls, config):
        missing = []
        if not config.get("SECRET_KEY"):
            missing.append("SECRET_KEY")
        if config.get("TWILIO_ACCOUNT_SID") and not config.get("TWILIO_AUTH_TOKEN"):
            missing.append("TWILIO_AUTH_TOKEN")
        if not config.get("TWILIO_AUTH_TOKEN") and not config.get("TESTING"):
            # Without a token no webhook signature can be checked: every webhook would 403.
            missing.append("TWILIO_AUTH_TOKEN")
        if not config.get("PUBLIC_BASE_URL"):
            missing.append("PUBLIC_BASE_URL")
        if missing:
            raise ConfigError("missing required settings: " + ", ".join(sorted(set(missing))))


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_class(name=None):
    name = name or _env("HELPLINE_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(f"unknown HELPLINE_ENV {name!r}; use one of {sorted(CONFIGS)}") from None
