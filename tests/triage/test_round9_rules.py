"""One sentence per rule added with probe round 9 (danger at the door, a child missing today,
wired buried objects, thrown out by force, stalking, weapons named, hardship 'killing')."""
import pytest

from tests.triage.expect import assert_triaged


CASES = [
    ("en", "two men with guns are knocking at our door asking for my husband", "safety_threat", "critical"),
    ("en", "my 7 year old has not come back since this morning", "child_protection", "critical"),
    ("en", "there is a bag with wires half buried by the road to the farm", "explosive_hazard", "critical"),
    ("en", "the owner dumped our belongings in the street and changed the lock", "hlp_eviction", "high"),
    ("ar", "مسلحين يدكون الباب ويريدون اخوي", "safety_threat", "critical"),
    ("ar", "لكينا شي بي اسلاك مدفون بالتراب يم البستان", "explosive_hazard", "critical"),
    ("ar", "صاحب البيت رمى اغراضنا بالشارع", "hlp_eviction", "high"),
    ("ckb", "کچەکەم تەمەنی ١٠ ساڵە و لە بەیانییەوە نەگەڕاوەتەوە", "child_protection", "critical"),
    ("ckb", "پیاوێک هەموو ئێوارەیەک دوای خوشکەکەم دەکەوێت", "gbv", "high"),
    ("ckb", "سەرمای زستان دەمانکوژێت، سۆبەمان نییە", "shelter|basic_services", "normal|high"),
    ("ku", "kurê min yê 9 salî ji sibê ve venegeriyaye", "child_protection|detention_missing", "critical"),
    ("ku", "çekdar li ber deriyê me ne", "safety_threat", "critical"),
    ("ku", "bapîrê min bêhna wî nayê", "health_mhpss", "critical"),
    ("ku", "bihabûnê em kuştin, pere nemaye", "livelihoods_cash", "normal|low"),
]


@pytest.mark.parametrize("lang,text,cats,urgs", CASES)
def test_round9_rule(lang, text, cats, urgs):
    assert_triaged(lang, text, cats, urgs)
