"""Further fresh messages, phrased differently from the rules' own examples (regression set)."""
import pytest

from helpline.triage import evaluate

CASES = [
 ("en","they told us if we go back to the village we will be killed","safety_threat","critical"),
 ("en","my wife's brother threatened to shoot me","safety_threat","critical"),
 ("en","explosion near the market just now, many injured","safety_threat|explosive_hazard|health_mhpss","critical"),
 ("en","my husband threatens to divorce me and take the kids if i complain","gbv","high"),
 ("en","pls help my 13 yo sister is being married off tomorrow","child_protection","high|critical"),
 ("en","my boy hasnt come home from school, its been 5 hours","child_protection|detention_missing","critical"),
 ("en","the guard at the distribution point demanded sex from my neighbour for a tent","psea","high|critical"),
 ("en","they took my son at the checkpoint yesterday","detention_missing","high"),
 ("en","there is a bomb in the old house next to us","explosive_hazard","critical"),
 ("en","my baby has high fever and is not waking up","health_mhpss","critical"),
 ("en","we have no electricity and no water in Sinjar","basic_services","normal"),
 ("en","my cash card does not work since 2 months","livelihoods_cash","normal"),
 ("ar","هددونا اذا ما نطلع من البيت راح يحركوه علينا","safety_threat","critical"),
 ("ar","ابوي دا يموت ما يتنفس","health_mhpss","critical"),
 ("ar","زوجي طردني من البيت ويه اطفالي وضربني","gbv","high|critical"),
 ("ar","اكو قنبلة بالبيت المهدوم جنبنا","explosive_hazard","critical"),
 ("ar","بنتي عمرها ١٢ ويريد ابوها يزوجها","child_protection","high"),
 ("ar","الشرطة اخذت ابني من البيت وما رجع","detention_missing|child_protection","high|critical"),  # over-triage accepted
 ("ar","ما عندي فلوس اشتري دوا لابني المريض","health_mhpss|livelihoods_cash","normal"),
 ("ar","نريد نعرف وين نراجع حتى نطلع بطاقة وطنية","civil_documentation|information_request","normal|low"),
 ("ar","ya jamaa3a fe itlaq nar hissa bil mantiqa","safety_threat","critical"),
 ("ckb","مێردەکەم دەمکوژێت ئەگەر بزانێت پەیوەندیم پێوە کردوون","gbv|safety_threat","critical|high"),
 ("ckb","بۆمبێک لە نزیک قوتابخانەکە دانراوە","explosive_hazard","critical"),
 ("ckb","منداڵەکەم تای زۆرە و هۆشی لەسەر خۆی نییە","health_mhpss","critical"),
 ("ckb","پۆلیس براکەمیان برد و هیچ هەواڵێکمان نییە","detention_missing","high"),
 ("ckb","ئاوی خواردنەوەمان نییە","basic_services","normal"),
 ("ckb","هیچ پارەیەکمان نییە بۆ کڕینی خواردن","livelihoods_cash","normal"),
 ("ckb","چۆن دەتوانم ناوم تۆمار بکەم بۆ هاوکاری؟","information_request","low"),
 ("ku","Wan gef li me kirin ku dê mala me bişewitînin","safety_threat","critical"),
 ("ku","Mîn teqiya li nêzîkî gund, zarokek birîndar bû","explosive_hazard|health_mhpss","critical"),
 ("ku","Zarokê min nefes nakêşit","health_mhpss","critical"),
 ("ku","polîsan birayê min birin","detention_missing","high"),
 ("ku","Pereyê alîkariyê nehatiye","livelihoods_cash","normal"),
 ("ku","ez dixwazim bizanim ka çawa navê xwe tomar bikim","information_request","low"),
 ("ku","ava me nîne 5 roj in","basic_services","normal"),
 ("en","someone is following my daughter from school every day and took photos of her","gbv|child_protection","high"),
 ("en","our neighbour's son stepped on a mine this morning, he lost his leg","explosive_hazard|health_mhpss","critical"),
 ("en","please call me back urgently, my brother was beaten by soldiers and is bleeding","safety_threat|health_mhpss","critical"),
 ("en","they burned our tent last night and wrote go back to the camp","safety_threat","critical|high"),
 ("en","the food baskets stopped coming to our camp 3 months ago","livelihoods_cash|basic_services","normal"),
 ("en","the teacher beats the children at school","child_protection","high"),
 ("en","my daughter was raped by a neighbour, we are scared to go to police","gbv|child_protection","high|critical"),
 ("en","my son is depressed and stays in his room all day since we came back","health_mhpss","normal"),
 ("en","why was my name removed from the cash list?","livelihoods_cash|information_request|misconduct_fraud","normal|low"),
 ("en","im pregnant and have no money for the delivery","health_mhpss|livelihoods_cash","normal|high"),
 ("ar","بيتنا تحتله عائلة من سنة ٢٠١٧ وما يرضون يطلعون","hlp_eviction","normal"),
 ("ar","اكو لغم مزروع بطريق المدرسة","explosive_hazard","critical"),
 ("ar","الحكونا اكو حريق بالمخيم والخيام دا تحترق","shelter|health_mhpss|safety_threat","critical|high"),
 ("ar","اخوي هددني بالسچينة اذا ما اتزوج ابن عمي","gbv","critical|high"),
 ("ar","ابني عمره ١٥ سنة انضم للحشد وترك المدرسة","child_protection","high"),
 ("ar","موظف التسجيل يطلب فلوس حتى يسجلنا","misconduct_fraud","normal"),
 ("ar","امي كبيرة بالعمر وما تكدر تمشي نحتاج كرسي","health_mhpss","normal"),
 ("ar","shlon asawi bitaqa wataniya jdida","civil_documentation|information_request","normal|low"),
 ("ar","dakhil allah akhoya yidrub marta hissa","gbv","critical"),
 ("ckb","مامۆستا لە قوتابخانە لە منداڵەکان دەدات","child_protection","high"),
 ("ckb","ئاسایش هات و کوڕەکەمیان برد","detention_missing","high"),
 ("ckb","لە نزیک گوندەکە تەقینەوەیەک ڕوویدا","explosive_hazard|safety_threat","critical"),
 ("ckb","دەیانەوێت بمکوژن چونکە شووم بە کەسێک کرد کە خۆم ویستم","gbv|safety_threat","critical"),
 ("ckb","مانگانە پارەی کرێ نادەین و خاوەن ماڵ دەڵێت دەرتان دەکەم","hlp_eviction","normal|high"),
 ("ckb","ژنەکەم ژانی منداڵبوونی هەیە و ئۆتۆمبێلمان نییە","health_mhpss","critical"),
 ("ku","Cîranê me gef xwarin ku dê kurê min birevînin","safety_threat","critical|high"),
 ("ku","Zarok li nêzîkî mînan dilîstin, kes mînan paqij nakit","explosive_hazard","critical|high"),
 ("ku","Bavê min dil êşe heye û nikare rabit","health_mhpss","critical|high|normal"),
 ("ku","Mêrê min ez ji malê derxistim û zarok ji min standin","gbv","high|critical"),
 ("ku","Karmendê rêxistinê pere ji me xwest da ku navê me binivîsît","misconduct_fraud","normal"),
 ("ku","Xaniyê me bê ban e, baran dibarit hundir","shelter","normal"),
 ("ku","Dibistana gundî mamosteyan nîne","basic_services","normal"),
 ("ku","kure min 16 sali cu nav hesda","child_protection","high"),
]


@pytest.mark.parametrize("lang,text,cats,urgs", CASES)
def test_fresh_message(lang, text, cats, urgs):
    res = evaluate(text)
    assert res.language == lang
    assert res.category in cats.split("|"), (res.categories, res.evidence)
    assert res.urgency in urgs.split("|"), (res.categories, res.urgency, res.evidence)
