"""One sentence per danger-floor rule (`rules/<lang>/danger.rules`) and per urgency rule added
with probe round 10, written differently from the probe messages, plus the hard negatives that
must still win (figurative 'killing us', bottles, vaccination, asthma, 'mine' = belongs to me,
celebratory gunfire, awareness sessions)."""
import pytest

from tests.triage.expect import assert_triaged

from helpline.triage.engine import evaluate

CASES = [
    ("en", "my brother slit his wrists in the bathroom", "health_mhpss", "critical"),
    ("en", "my daughter drank bleach, she is 4", "health_mhpss", "critical"),
    ("en", "he overdosed on his insulin", "health_mhpss", "critical"),
    ("en", "grandpa has bad pain in his chest and is sweating", "health_mhpss", "critical"),
    ("en", "they said blood for blood, my cousin is hiding", "safety_threat", "critical"),
    ("en", "he said he would put a bullet through my son", "safety_threat", "critical"),
    ("en", "someone torched our caravan at night", "safety_threat", "critical"),
    ("en", "men snatched my daughter on the way to school", "safety_threat|child_protection|detention_missing", "critical"),
    ("en", "my husband forced himself on me again last night", "gbv", "critical|high"),
    ("en", "my father went to the office at 9 and his phone is off since then, not back", "detention_missing", "critical|high"),
    ("en", "the guard touches my son and told him it is our secret", "child_protection", "critical"),
    ("ar", "اخويه جرح عروكه بالموس", "health_mhpss", "critical"),
    ("ar", "امي بلعت حبوب الضغط كلها", "health_mhpss", "critical"),
    ("ar", "ابوي مغمى عليه بالبيت", "health_mhpss", "critical"),
    ("ar", "كالولنا الدم بالدم وما راح نسكت", "safety_threat", "critical"),
    ("ar", "اخذوا ابني بسياره سودة من السوك", "safety_threat|detention_missing|child_protection", "critical"),
    ("ar", "لكينا قذيفه هاون بالبستان", "explosive_hazard", "critical"),
    ("ar", "ammi 3ndha alam b sadrha", "health_mhpss", "critical"),
    ("ar", "gallha ra7 n2itlich", "safety_threat", "critical"),
    ("ckb", "کچەکەم دەماری دەستی بڕی", "health_mhpss", "critical"),
    ("ckb", "باپیرم بێهۆش کەوتووە", "health_mhpss", "critical"),
    ("ckb", "وتیان خوێن بە خوێن دەبێت", "safety_threat", "critical"),
    ("ckb", "نارنجۆکێکیان هاویشت بۆ ماڵەکەمان", "safety_threat|explosive_hazard", "critical"),
    ("ckb", "شتێکی ژەنگاوی لە کێڵگەکەمان دەرچووە", "explosive_hazard", "critical"),
    ("ckb", "پۆلیس براکەمیان برد", "detention_missing", "high|critical"),  # the model may raise it
    ("ku", "xwişka min damarê xwe birî", "health_mhpss", "critical"),
    ("ku", "bavê min nikare bêhna xwe bigire", "health_mhpss", "critical"),
    ("ku", "gotin xwîn bi xwînê ye", "safety_threat", "critical"),
    ("ku", "çekdaran birayê min bi erebeyê birin", "safety_threat|detention_missing", "critical"),
    ("ku", "kurê min heta niha nehatiye malê", "child_protection|detention_missing", "critical"),
    ("ku", "tiştekî zengarî ji erdê derketiye", "explosive_hazard", "critical"),
]

NEGATIVES = [
    ("en", "the heat is killing us, no fans in the caravans"),
    ("en", "i need a water bottle for my son at school"),
    ("en", "when are the vaccination shots for babies"),
    ("en", "my son had an asthma attack, we need an inhaler"),
    ("en", "this house is mine, i have the deed"),
    ("en", "they fired in the air at my cousins wedding"),
    ("en", "thanks for the mine awareness session at school"),
    ("en", "the doctor said an overdose of vitamins is not good for kids"),
    ("ar", "عبوة عطر ضاعت مني"),
    ("ar", "بالعرس ضربوا رمي بالهوا"),
    ("ckb", "گەرما دەمانکوژێت، پانکەمان نییە"),
    ("ku", "germ me dikuje, panke tune"),
]


@pytest.mark.parametrize("lang,text,cats,urgs", CASES)
def test_danger_floor_rule(lang, text, cats, urgs):
    assert_triaged(lang, text, cats, urgs)


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_hard_negative_still_wins(lang, text):
    res = evaluate(text)
    assert res.urgency not in ("critical",), (res.categories, res.urgency, res.evidence)
    assert res.category not in ("safety_threat", "explosive_hazard"), res.evidence
