"""Hand-written messages (not from the development set): every category, every critical rule
and every hard negative, in each language. Each case: text, acceptable categories, urgencies."""
import pytest

from helpline.triage import evaluate

C, H, N, L = "critical", "high", "normal", "low"

EN = [
    ("the militia commander told my father they will execute him if he talks to the police", {"safety_threat"}, {C}),
    ("they are shooting at the checkpoint near our house as we speak", {"safety_threat"}, {C}),
    ("armed men broke our door and threatened us with rifles", {"safety_threat"}, {C}),
    ("my son was kidnapped on his way to university, they want 20000 dollars", {"safety_threat", "detention_missing"}, {C}),
    ("his clan says they will take revenge on my husband", {"safety_threat"}, {C, H}),
    ("my husband locked me in the room and beats me with a belt", {"gbv"}, {H, C}),
    ("my father is hitting my sister right now, she is screaming", {"gbv"}, {C}),
    ("they want to force me to marry my cousin next month", {"gbv"}, {H}),
    ("my daughter 5 years is lost since this afternoon, we cant find her", {"child_protection", "detention_missing"}, {C}),
    ("the boy next door, 9 years old, works all day in a car repair shop", {"child_protection"}, {H}),
    ("a man from the aid agency asked me for sex in exchange for a food basket", {"psea"}, {H, C}),
    ("the mukhtar asks for a bribe before he signs our papers", {"misconduct_fraud"}, {N}),
    ("police arrested my brother at the market and we dont know where he is", {"detention_missing"}, {H}),
    ("there is a rocket stuck in the ground behind the school", {"explosive_hazard"}, {C}),
    ("my neighbour is bleeding heavily after a fall, please send an ambulance", {"health_mhpss"}, {C}),
    ("i dont want to live anymore, i think about suicide every day", {"health_mhpss"}, {C}),
    ("my wife has contractions since 10 hours and the baby is stuck", {"health_mhpss"}, {C}),
    ("my mother needs her blood pressure medicine", {"health_mhpss"}, {N}),
    ("the owner says we must vacate the house by saturday", {"hlp_eviction"}, {H}),
    ("i need a new ID card, mine was burned", {"civil_documentation"}, {N}),
    ("our house was damaged in the fighting and needs repair", {"shelter"}, {N}),
    ("the school has no teachers and the water is cut", {"basic_services"}, {N}),
    ("is there any job or cash for work programme here", {"livelihoods_cash"}, {N}),
    ("they call us isis families in the village", {"social_cohesion"}, {N}),
    ("when will the registration open for the winter kits?", {"information_request"}, {L}),
    ("thank you very much for the heaters, god bless you", {"positive_feedback"}, {L}),
    ("hi, who is this?", {"other"}, {L}),
    # hard negatives
    ("prices are killing us, we need cash", {"livelihoods_cash"}, {N}),
    ("my back is killing me, i need a doctor", {"health_mhpss"}, {N, L}),
    ("my son had an asthma attack last night", {"health_mhpss"}, {H, N}),
    ("does the clinic give vaccination shots on friday?", {"health_mhpss", "information_request"}, {L, N}),
    ("this house is mine and i want it back from the family living in it", {"hlp_eviction"}, {N, H}),
    ("i got fired from the factory and have no income", {"livelihoods_cash"}, {N}),
    ("the water pipe exploded in our street", {"basic_services"}, {N}),
]

AR = [
    ("كالولي اذا ما تسكت نكتلك انت واهلك", {"safety_threat"}, {C}),
    ("اكو اطلاق نار هسه بالحي مالتنا", {"safety_threat"}, {C}),
    ("مسلحين هددونا بالسلاح وكالوا اطلعوا من البيت", {"safety_threat"}, {C}),
    ("خطفوا ابن جيراننا ويريدون فدية", {"safety_threat", "detention_missing"}, {C}),
    ("ريلي يضربني ويهينني قدام الناس", {"gbv"}, {H}),
    ("الحكوني زوجي دا يضربني هسه", {"gbv"}, {C}),
    ("يريدون يزوجوني غصب على واحد كبير", {"gbv"}, {H}),
    ("ابني عمره ٧ سنين ضاع بالسوك وما لكيناه", {"child_protection", "detention_missing"}, {C}),
    ("الجهال دا يشتغلون بالمعمل بدل المدرسة", {"child_protection"}, {H}),
    ("موظف المنظمة يدزلي مسجات بالليل ويكول اذا تجين وحدچ اسجلچ", {"psea"}, {H, C}),
    ("الموظف ياخذ رشوة حتى يسجل الاسماء", {"misconduct_fraud"}, {N}),
    ("اخوي معتقل من شهر وما نعرف وينه", {"detention_missing"}, {H}),
    ("لكينا صاروخ ما منفجر بالحديقة", {"explosive_hazard"}, {C}),
    ("ابويه فاقد الوعي وما يتنفس", {"health_mhpss"}, {C}),
    ("افكر انتحر ما اريد اعيش", {"health_mhpss"}, {C}),
    ("امي تحتاج علاج للسكر والضغط", {"health_mhpss"}, {N}),
    ("صاحب البيت يريد يطردنا باجر", {"hlp_eviction"}, {H}),
    ("ضاعت هوية الاحوال المدنية مالتي", {"civil_documentation"}, {N}),
    ("البيت متضرر ويحتاج ترميم", {"shelter"}, {N}),
    ("الكهرباء مقطوعة من يومين", {"basic_services"}, {N}),
    ("ماكو شغل ونحتاج منحة", {"livelihoods_cash"}, {N}),
    ("يكولون علينا دواعش وما يسلمون علينا", {"social_cohesion"}, {N}),
    ("شوكت يبدي توزيع المنحة؟", {"information_request"}, {L}),
    ("شكرا الكم الله يحفظكم", {"positive_feedback"}, {L}),
    ("مرحبا شلونكم", {"other"}, {L}),
    # hard negatives
    ("وزعوا علينا عبوة ماء وحدة لكل عائلة", {"basic_services"}, {N}),
    ("انفجر انبوب الماي يم بيتنا", {"basic_services"}, {N}),
    ("بنتي عندها اعاقة حركية وتحتاج علاج طبيعي", {"health_mhpss"}, {N, L}),
    ("الغلاء كاتلنا ونحتاج مساعدة", {"livelihoods_cash"}, {N}),
    ("ابو الزباله يرمي الازبال بالشارع", {"basic_services"}, {N}),
    ("salam ana mareedh w ma 3ndi flus lil dawa", {"health_mhpss", "livelihoods_cash"}, {N}),
]

CKB = [
    ("وتیان ئەگەر بگەڕێنەوە هەمووتان دەکوژین", {"safety_threat"}, {C}),
    ("ئێستا تەقە لە نزیک قوتابخانەکە دەکرێت", {"safety_threat"}, {C}),
    ("پیاوی چەکدار هاتنە ماڵمان و هەڕەشەیان لێ کردین", {"safety_threat"}, {C}),
    ("کوڕی مامم ڕفێندرا و داوای پارە دەکەن", {"safety_threat", "detention_missing"}, {C}),
    ("مێردەکەم هەموو ڕۆژێک لێم دەدات", {"gbv"}, {H}),
    ("ئێستا براکەم لە خوشکەکەم دەدات، هاوار دەکات", {"gbv"}, {C}),
    ("باوکم دەیەوێت بە زۆر بە شووم بدات", {"gbv"}, {H}),
    ("منداڵەکەم لە بازاڕ ون بووە", {"child_protection", "detention_missing"}, {C}),
    ("منداڵەکانی دراوسێ لە کارگەی خشت کار دەکەن", {"child_protection"}, {H}),
    ("کارمەندێک دەڵێت ئەگەر بە تەنها لەگەڵی بچمە دەرەوە ناوم دەنووسێت لە لیست", {"psea"}, {H}),
    ("مختار بەرتیل وەردەگرێت بۆ نووسینی ناو", {"misconduct_fraud"}, {N}),
    ("براکەم گیراوە و نازانین لە کوێیە", {"detention_missing"}, {H}),
    ("نارنجۆکێک لە باخچەکەمان دۆزرایەوە", {"explosive_hazard"}, {C}),
    ("باوکم بێهۆشە و هەناسە نادات", {"health_mhpss"}, {C}),
    ("دەمەوێت خۆم بکوژم", {"health_mhpss"}, {C}),
    ("دایکم نەخۆشە و دەرمانی نییە", {"health_mhpss"}, {N}),
    ("خاوەن خانووەکە دەڵێت تا هەینی خانووەکە چۆڵ بکەن", {"hlp_eviction"}, {H}),
    ("ناسنامەکەم ون بووە", {"civil_documentation"}, {N}),
    ("سەقفی ماڵەکەمان دزە دەکات", {"shelter"}, {N}),
    ("کارەبا نییە لە گوندەکەمان", {"basic_services"}, {N}),
    ("بێکارم و پارەم نییە", {"livelihoods_cash"}, {N}),
    ("پێمان دەڵێن داعشین و قبوڵمان ناکەن", {"social_cohesion"}, {N}),
    ("کەی ناونووسین دەست پێ دەکات؟", {"information_request"}, {L}),
    ("زۆر سوپاس بۆ هاوکارییەکەتان", {"positive_feedback"}, {L}),
    ("سڵاو چۆنن", {"other"}, {L}),
    # hard negatives / typing variants
    ("ده مه وێت خۆم بکوژم", {"health_mhpss"}, {C}),
    ("ئاو نیه له گونده که مان", {"basic_services"}, {N}),
    ("خانووەکەمان لە شەڕدا تەقێنراوەتەوە و پێویستی بە چاککردنەوەیە", {"shelter"}, {N}),
]

KU = [
    ("Wan got eger hûn vegerin dê we hemiyan kujin", {"safety_threat"}, {C}),
    ("Nûke teqe li nêzîkî kampê heye", {"safety_threat"}, {C}),
    ("Zilamên çekdar hatin û gef li me kirin", {"safety_threat"}, {C}),
    ("Kurê mamê min hate revandin, fidye dixwazin", {"safety_threat", "detention_missing"}, {C}),
    ("Mêrê min her roj li min dixit", {"gbv"}, {H}),
    ("Hawar, bavê min nûke li diya min dixit", {"gbv"}, {C}),
    ("Dixwazin min bi zorê bidin mêr", {"gbv"}, {H}),
    ("Keça min ya 6 salî winda ye", {"child_protection", "detention_missing"}, {C}),
    ("Zarokên 10 salî li bazarê kar dikin", {"child_protection"}, {H}),
    ("Karmendê rêxistinê got were mala min bi tenê dê navê te di lîstê de nivîsim", {"psea"}, {H}),
    ("Muxtar bertîl dixwazît", {"misconduct_fraud"}, {N}),
    ("Birayê min hate girtin, em nizanin li kîre ye", {"detention_missing"}, {H}),
    ("Me mînek li zeviyê dît", {"explosive_hazard"}, {C}),
    ("Bavê min bêhiş e, ambulans lez werin", {"health_mhpss"}, {C}),
    ("Ez dixwazim xwe bikujim", {"health_mhpss"}, {C}),
    ("Diya min nexweş e û derman nîne", {"health_mhpss"}, {N}),
    ("Xwediyê xanî got heta înê derkevin", {"hlp_eviction"}, {H}),
    ("Nasnameya min winda bûye", {"civil_documentation"}, {N}),
    ("Xaniyê me hilweşiyayî ye, çêkirina xanî divêt", {"shelter"}, {N}),
    ("Ava vexwarinê nîne li gund", {"basic_services"}, {N}),
    ("Kar nîne, pere nîne", {"livelihoods_cash"}, {N}),
    ("Xelk me qebûl nakin li gund", {"social_cohesion"}, {N}),
    ("Kengî tomarkirin dest pê dikit?", {"information_request"}, {L}),
    ("Gelek spas bo alîkariyê", {"positive_feedback"}, {L}),
    ("Silav, çawa ne?", {"other"}, {L}),
    # without diacritics, and hard negatives
    ("mere min li min dixit u dibejit de te kujim", {"gbv", "safety_threat"}, {C, H}),
    ("ez dixwazim xwe bikujim", {"health_mhpss"}, {C}),
    ("ev mala min e, lê malbateke din di mala me de rûniştî ye", {"hlp_eviction"}, {N}),
    ("zarok ava difroşin li ser rê", {"child_protection"}, {H, N}),
]


@pytest.mark.parametrize("lang,text,cats,urgs", [
    (lang, *case) for lang, cases in (("en", EN), ("ar", AR), ("ckb", CKB), ("ku", KU))
    for case in cases
])
def test_message(lang, text, cats, urgs):
    res = evaluate(text)
    assert res.language == lang
    assert res.category in cats, (res.categories, res.evidence)
    assert res.urgency in urgs, (res.categories, res.urgency, res.evidence)


def test_every_category_is_covered():
    seen = {c for cases in (EN, AR, CKB, KU) for _, cats, _ in cases for c in cats}
    from helpline.triage import CATEGORIES
    assert seen == set(CATEGORIES)


@pytest.mark.parametrize("cases", [EN, AR, CKB, KU])
def test_at_least_25_messages_per_language(cases):
    assert len(cases) >= 25


@pytest.mark.parametrize("text", [t for cases in (EN, AR, CKB, KU) for t, _, _ in cases])
def test_evidence_spans_are_in_the_original_text(text):
    res = evaluate(text)
    for ev in res.evidence:
        assert ev["term"] and ev["term"] in text
        assert ev["category"] in res.categories


def test_danger_outranks_services_and_secondaries_are_kept():
    res = evaluate("someone threw a grenade at our door last night and said next time we die")
    assert res.category == "safety_threat" and "explosive_hazard" in res.categories
    res = evaluate("my son 8 years is missing since morning")
    assert res.category == "child_protection" and "detention_missing" in res.categories
    assert res.is_restricted


def test_past_event_in_thanks_is_not_urgent():
    res = evaluate("thanks to your team, after isis killed my father in 2014 you were the only help")
    assert res.category == "positive_feedback" and res.urgency == "low"
