"""Human-friendly case references such as HL-7KQ2M (pure)."""
import secrets

# No 0/O, 1/I/L, or U/V pairs that are misread on the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 5
PREFIX = "HL-"


def new_reference():
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(text):
    """Accept 'hl 7kq2m', 'HL7KQ2M' and the like from search boxes."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if cleaned.startswith("HL"):
        cleaned = cleaned[2:]
    if len(cleaned) == LENGTH and all(ch in ALPHABET for ch in cleaned):
        return PREFIX + cleaned
    return None
