"""Arabizi read through the Arabic rules on consonant skeletons (helpline/triage/arabizi.py)."""
import pytest

from helpline.triage import engine
from helpline.triage.arabizi import arabic_skeleton, latin_skeletons
from helpline.triage.engine import evaluate, evaluate_rules
from helpline.triage.normalise import deep_fold
from helpline.triage.rules import RuleSet


@pytest.mark.parametrize("arabic, latin", [
    ("يضربني", "ydrubni"), ("يضربني", "yedhrubni"), ("ارتاح", "artaa7"), ("خطفوا", "5it6fo"),
    ("يكتلوك", "ykitlook"), ("ساعتين", "sa3atain"), ("الغرفه", "bilghurfa"), ("حبسني", "7abasni"),
])
def test_an_arabic_word_and_its_arabizi_spelling_share_a_skeleton(arabic, latin):
    assert arabic_skeleton(deep_fold(arabic, "ar")) in latin_skeletons(latin)


def test_skeletons_keep_the_sounds_that_tell_words_apart():
    assert latin_skeletons("kitab")[0] != latin_skeletons("kitla")[0]  # a book, "kill him"
    assert latin_skeletons("7arb")[0] != latin_skeletons("harb")[0]  # war (ح), fleeing (ه)
    assert latin_skeletons("2025") == ("2025",)


def _without_skeletons(monkeypatch):
    monkeypatch.setitem(engine.RULESETS, "ar_sounds", RuleSet("ar_sounds", "ar", [], [], []))


@pytest.mark.parametrize("text, category", [
    ("3ammi yijbirni atzawwaj ibn 3amti", "gbv"),                  # forced marriage
    ("el shurta i3taqlaw akhooya bil seytara", "detention_missing"),  # arrested at a checkpoint
    ("ukhti sharbat 7ubub hwaya", "health_mhpss"),                    # took many pills
])
def test_arabic_rules_read_arabizi_the_arabizi_rules_miss(monkeypatch, text, category):
    found = evaluate_rules(text)[0]
    assert found.category == category and found.urgency == "high", found.evidence
    assert all(e["term"] in text for e in found.evidence)
    _without_skeletons(monkeypatch)
    assert evaluate_rules(text)[0].category == "other"


def test_a_skeleton_reading_alone_is_never_critical():
    res = evaluate_rules("ukhti sharbat 7ubub hwaya")[0]
    assert res.category == "health_mhpss" and res.urgency == "high"  # the Arabic rule is critical


def test_skeletons_are_read_only_when_the_arabizi_rules_found_nothing(monkeypatch):
    text = "zawji ydrubni kul yom w yisibni"  # the Arabizi rules know this one
    with_sk = evaluate_rules(text)[0]
    _without_skeletons(monkeypatch)
    assert evaluate_rules(text)[0] == with_sk


def test_arabic_script_and_english_messages_are_not_read_as_skeletons(monkeypatch):
    for text in ("اخوي حبسني بالغرفه من يومين", "my brother locked me in the room for two days"):
        with_sk = evaluate(text)
        _without_skeletons(monkeypatch)
        assert evaluate(text) == with_sk
        monkeypatch.undo()


def test_short_arabic_terms_are_left_out_of_the_skeleton_rules():
    alts = [(kind, lit) for rule in engine.RULESETS["ar_sounds"].category_rules
            for pat in rule.patterns for seq in pat.parts for seg, _ in seq for alt in seg
            for slot in alt for kind, lit in slot.alts if kind != "num"]
    kept = [(kind, lit) for kind, lit in alts if not lit.startswith("\x00")]
    assert kept and len(kept) < len(alts)
    assert all(len(lit) >= (2 if kind == "exact" else 3) for kind, lit in kept)


def test_pills_and_not_waking_in_arabizi_is_critical_through_the_arabizi_rules():
    res = evaluate_rules("ukhti sharbat 7ubub hwaya w ma da tis7a")[0]
    assert res.category == "health_mhpss" and res.urgency == "critical"
