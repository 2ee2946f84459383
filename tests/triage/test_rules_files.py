import os

import pytest

from helpline.triage.rules import RULES_DIR, RuleError, load_all, parse_rules
from helpline.triage.normalise import deep_fold
from helpline.triage.taxonomy import CATEGORIES, DEFAULT_URGENCY, RESTRICTED_CATEGORIES, max_urgency
from helpline.triage import URGENCIES


def test_all_rule_files_load_and_every_language_has_every_category():
    sets = load_all()
    for lang in ("en", "ar", "ckb", "ku"):
        cats = {r.category for r in sets[lang].category_rules}
        assert cats == set(CATEGORIES) - {"other"}, lang
        assert sets[lang].negative_rules and sets[lang].urgency_rules
        assert any(r.historical for r in sets[lang].urgency_rules)


def test_readme_for_staff_exists():
    assert os.path.exists(os.path.join(RULES_DIR, "README.md"))


@pytest.mark.parametrize("text", [
    "kill\n",  # pattern before a header
    "[x] urgency=urgent\nkill\n",
    "[x] colour=red\nkill\n",
    "[x] cancels=nonsense\nkill\n",
    "[x]\nkill||murder\n",
])
def test_bad_rule_files_are_rejected_with_a_location(text):
    with pytest.raises(RuleError, match="test.rules:"):
        parse_rules(text, "category", lambda t: deep_fold(t, "en"), "test.rules", category="gbv")


def test_taxonomy_contract():
    assert CATEGORIES[0] == "safety_threat" and CATEGORIES[-1] == "other" and len(CATEGORIES) == 17
    assert URGENCIES == ("critical", "high", "normal", "low")
    assert set(DEFAULT_URGENCY) == set(CATEGORIES)
    assert RESTRICTED_CATEGORIES["misconduct_fraud"] == "psea_focal"
    assert max_urgency("normal", "critical") == "critical"
    assert max_urgency("high", None) == "high"


def test_a_number_among_word_alternatives_matches_on_its_own():
    from helpline.triage.engine import Stream, _find
    from helpline.triage.normalise import deep_fold
    from helpline.triage.rules import compile_pattern
    pat = compile_pattern("we ...3 lost|won|<num>", lambda t: deep_fold(t, "en"), "test")
    tokens = [(("we",), 0, 2), (("3",), 3, 4)]
    assert _find(pat, [Stream(tokens)]) is not None
