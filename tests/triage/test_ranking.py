"""How the engine orders candidate categories and when the model may raise urgency."""
import pytest

from helpline.triage import engine, model
from helpline.triage.engine import evaluate, evaluate_rules
from helpline.triage.normalise import deep_fold
from helpline.triage.rules import RuleError, parse_rules

TWO_SERVICES = "no electricity and no cash"  # one rule each: a tie the prior breaks
CLEAR_LEAD = "no electricity for a week and my cash card does not work"  # two cash rules, one power
DANGER_AND_SERVICE = "armed men came to our tent and said they will kill us, the water is cut too"


def _prior_for(category):
    return lambda text, lang: {category: 5.0}


def test_the_prior_orders_categories_of_the_same_tier():
    plain, _ = evaluate_rules(TWO_SERVICES)
    assert set(plain.categories) == {"livelihoods_cash", "basic_services"}
    other = next(c for c in plain.categories if c != plain.category)
    tilted, _ = evaluate_rules(TWO_SERVICES, prior=_prior_for(other))
    assert tilted.category == other
    assert set(tilted.categories) == set(plain.categories) and tilted.urgency == plain.urgency


def test_the_prior_is_not_asked_when_it_cannot_change_the_first_category():
    calls = []
    res, _ = evaluate_rules(CLEAR_LEAD, prior=lambda t, l: calls.append(t) or {})
    assert len(res.categories) > 1 and not calls
    evaluate_rules(TWO_SERVICES, prior=lambda t, l: calls.append(t) or {})
    assert calls == [TWO_SERVICES]


def test_the_prior_never_puts_a_service_above_a_danger():
    res, _ = evaluate_rules(DANGER_AND_SERVICE, prior=lambda t, l: {"basic_services": 100.0})
    assert res.category == "safety_threat" and res.urgency == "critical"


def test_the_prior_is_not_consulted_after_a_hard_negative():
    text = "prices are killing us and the water is cut"
    calls = []
    res, negated = evaluate_rules(text, prior=lambda t, l: calls.append(t) or {})
    assert negated and not calls


def test_evaluate_uses_the_packaged_model_as_prior():
    plain, _ = evaluate_rules(TWO_SERVICES)
    res = evaluate(TWO_SERVICES)
    expected, _ = evaluate_rules(TWO_SERVICES, prior=engine._model_prior)
    assert res.category == expected.category and set(res.categories) == set(plain.categories)


def test_steady_rules_are_not_raised_by_the_model(monkeypatch):
    text = "کوڕەکەم تەمەنی ١٢ ساڵە و ڕۆژانە لە کارگەی خشت کار دەکات"  # a 12-year-old at a brick kiln
    rules, negated = evaluate_rules(text)
    assert rules.category == "child_protection" and rules.urgency == "high" and rules.steady
    eager = model.load()
    monkeypatch.setattr(eager, "thresholds", dict(eager.thresholds, danger=0.0))
    monkeypatch.setattr(engine, "MODEL", eager)
    assert evaluate(text).urgency == "high"


@pytest.mark.parametrize("cancels", ["urgency", "urgency.happening_now", "safety_threat,urgency"])
def test_negatives_may_cancel_urgency_modifiers(cancels):
    rules = parse_rules(f"[x] cancels={cancels}\nnow he is fine\n", "negative",
                        lambda t: deep_fold(t, "en"), "test.rules")
    assert "urgency" in {c.split(".")[0] for c in rules[0].cancels}


def test_unknown_cancel_targets_are_still_rejected():
    with pytest.raises(RuleError, match="test.rules:"):
        parse_rules("[x] cancels=urgencies\nnow\n", "negative", lambda t: deep_fold(t, "en"),
                    "test.rules")
