"""One check for hand-labelled messages: language, and category and urgency among those allowed."""
from helpline.triage.engine import evaluate


def assert_triaged(lang, text, cats, urgs):
    """`cats` and `urgs` list the acceptable labels separated by '|'."""
    res = evaluate(text)
    assert res.language == lang
    assert res.category in cats.split("|"), (res.categories, res.evidence)
    assert res.urgency in urgs.split("|"), (res.categories, res.urgency, res.evidence)
