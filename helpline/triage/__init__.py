"""Triage: language id, normalisation, rules as data files, and a pure `evaluate()`."""
from .engine import TriageResult, evaluate
from .langid import detect_language
from .normalise import normalise
from .taxonomy import (CATEGORIES, DEFAULT_URGENCY, RESTRICTED_CATEGORIES, URGENCIES,
                       max_urgency)

__all__ = [
    "evaluate", "detect_language", "normalise", "TriageResult", "CATEGORIES", "URGENCIES",
    "DEFAULT_URGENCY", "RESTRICTED_CATEGORIES", "max_urgency",
]
