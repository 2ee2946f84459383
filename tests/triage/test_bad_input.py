import pytest

from helpline.triage import TriageResult, evaluate


@pytest.mark.parametrize("text", [
    "", "   ", None, 5, "😀😀😀", "7", "\x00\x01\x02", "?!?!", "a" * 10000,
    "help " * 2000, "مرحبا hello سڵاو slav", "\u200b\u200c\u200d", "ـــــ",
])
def test_bad_input_gives_a_valid_result(text):
    res = evaluate(text)
    assert isinstance(res, TriageResult)
    assert res.language in ("en", "ar", "ckb", "ku")
    assert res.urgency in ("critical", "high", "normal", "low")
    assert res.category == res.categories[0]
    assert 0.0 <= res.confidence <= 1.0


@pytest.mark.parametrize("text", ["", None, "😀", "7", "\x00"])
def test_nothing_known_is_other_low(text):
    res = evaluate(text)
    assert (res.category, res.urgency, res.language) == ("other", "low", "en")


def test_hint_used_when_nothing_else_is_known():
    assert evaluate("", lang_hint="ckb").language == "ckb"
    assert evaluate("👍", lang_hint="kmr").language == "ku"
    assert evaluate("ok", lang_hint="bogus").language == "en"


def test_long_message_with_danger_late_is_still_found():
    text = "we are fine. " * 700 + "they said they will kill my brother tonight"
    res = evaluate(text)
    assert res.urgency == "critical"


def test_result_is_frozen_and_serialisable():
    res = evaluate("my husband beats me")
    with pytest.raises(Exception):
        res.category = "other"
    d = res.to_dict()
    assert d["category"] == "gbv" and d["is_restricted"] is True
