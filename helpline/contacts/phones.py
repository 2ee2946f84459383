"""Phone number parsing: E.164 with Iraq as the default region."""
import phonenumbers

DEFAULT_REGION = "IQ"


class InvalidPhone(ValueError):
    pass


def to_e164(raw, region=DEFAULT_REGION):
    """Normalise a number typed or received in any common form; raise InvalidPhone."""
    if raw is None or not str(raw).strip():
        raise InvalidPhone("no phone number given")
    text = str(raw).strip()
    # Arabic-Indic digits are common in numbers typed on Arabic keyboards.
    text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(f"not a phone number: {_redact(text)}") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(f"not a valid phone number: {_redact(text)}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_sender(raw_from):
    """Twilio 'From' → (E.164 phone, channel). 'whatsapp:+964…' keeps its channel."""
    raw = (raw_from or "").strip()
    channel = "sms"
    if raw.lower().startswith("whatsapp:"):
        channel, raw = "whatsapp", raw.split(":", 1)[1]
    return to_e164(raw), channel


def _redact(text):
    return text[:4] + "…" if len(text) > 4 else "…"
