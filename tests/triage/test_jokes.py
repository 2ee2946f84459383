"""Laughter and "just kidding" make threat and bomb words figurative; "now" alone is not a
medical emergency."""
import pytest

from helpline.triage.engine import evaluate


@pytest.mark.parametrize("text", [
    "if you dont come to the wedding tomorrow i will kill you 😂😂",
    "my brother says he will kill me if i finish his phone credit hahaha sorry wrong number",
    "هههههه صديقي يكول راح يذبحني اذا ما رجعتله الشاحنه",
    "Heci eger tu sibe nehey daweta me ez de te kujim 😂",
    "ئەگەر ئەمشەو نەیەیت بۆ ئاهەنگەکە ئەتکوژم 🤣",
    "هەهەهە دەڵێ دەمکوژێت ئەگەر نەچم بۆ ئاهەنگەکە",
    "هاهاها يكول راح يكتلني اذا ما اجي للعرس",
    "the kids are little bombs running all over the house lol",
    "our team attacked all match and killed them 5-0 xD",
    "he said he would shoot me if i told anyone about the party, just kidding",
])
def test_a_joke_is_not_a_threat(text):
    res = evaluate(text)
    assert res.urgency not in ("critical", "high"), (res.categories, res.evidence)


@pytest.mark.parametrize("text", [
    "they said they will kill us tonight, they are not joking, please send someone",
    "armed men are shooting at our house right now 😭😭",
    "he said he will burn the tent with us inside, he is serious",
])
def test_real_threats_stay_critical(text):
    assert evaluate(text).urgency == "critical"


def test_a_joke_does_not_hide_other_concerns():
    res = evaluate("haha my son says he will kill me, but seriously the water is cut for 5 days")
    assert "basic_services" in res.categories and res.urgency != "critical"


@pytest.mark.parametrize("text", [
    "my son finished the sessions with your psychologist and he sleeps well now, thank you",
    "my mother is paralysed and her wheelchair broke, now she stays in bed all day",
    "ابني عنده سكر وهسه يحتاج انسولين كل شهر",
])
def test_now_alone_does_not_make_an_illness_an_emergency(text):
    assert evaluate(text).urgency != "critical"


@pytest.mark.parametrize("text", [
    "my father collapsed and is not breathing now, please help",
    "she cut her wrists and is bleeding a lot now",
])
def test_medical_emergencies_stay_critical(text):
    res = evaluate(text)
    assert res.category == "health_mhpss" and res.urgency == "critical"
