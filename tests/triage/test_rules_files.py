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
    "[x]\nkill\n[y]\nshoot\n[x]\nburn\n",  # the same rule twice in one file
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


def test_rule_prefilter_skips_rules_whose_words_are_absent_and_keeps_every_match(tmp_path):
    """The literal scan picks the rules worth matching: every word of a pattern must occur."""
    from helpline.triage.engine import build_stream, _find
    from helpline.triage.rules import load_ruleset
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "safety_threat.rules").write_text(
        "[kill_threat] urgency=critical\nwill ...4 kill*\n[armed] urgency=high\narmed men & gun*\n")
    (tmp_path / "en" / "negative.rules").write_text("")  # a set may have no negatives at all
    rs = load_ruleset("en", str(tmp_path))

    def matching(text):
        streams = build_stream(text, "en", "en")
        present, _, cat_rules, _ = rs.candidates(" ".join(st.text for st in streams))
        return sorted(r.name for r in cat_rules if any(_find(p, streams, present) for p in r.patterns))

    assert matching("they said they WILL surely killl us") == ["kill_threat"]
    assert matching("armed men came with their guns") == ["armed"]
    assert matching("the heat is killing us") == []  # no "will": skipped before matching
    assert matching("armed men at the checkpoint") == []  # one part of two
    assert rs.candidates("anything")[1] == []


def test_a_category_rule_with_cancels_also_acts_as_its_own_hard_negative():
    from helpline.triage.rules import RuleSet
    rules = parse_rules("[beaten_daily] urgency=high cancels=child_protection.child_abuse\n"
                        "beats ...2 son ...1 every day\n", "category", lambda t: t, "test",
                        category="child_protection")
    ruleset = RuleSet("test", "en", rules, [], [])
    derived = [r for r in ruleset.negative_rules if r.name == "beaten_daily"]
    assert len(derived) == 1 and derived[0].cancels == {"child_protection.child_abuse"}
    assert derived[0].patterns == rules[0].patterns and derived[0].kind == "negative"
