"""Staff flows in a real browser: queue, case work, languages right-to-left, phone screen."""
import re

import pytest

from tests.browser.conftest import log_in
from tests.staff.helpers import case_of, sms_case

pytestmark = pytest.mark.browser

THREAT = "men with guns came to our house and said they will kill my brother"
WATER = "no water in our village since two weeks <script>alert(1)</script>"
ARABIC = "ما عندنا ماي ولا كهرباء بالقرية من رجعنا"


@pytest.fixture
def cases(twilio):
    return {"threat": sms_case(twilio, THREAT, sender="+9647701000001"),
            "water": sms_case(twilio, WATER, sender="+9647701000002"),
            "arabic": sms_case(twilio, ARABIC, sender="+9647701000003")}


def test_operator_works_a_case_from_queue_to_resolution(app, live_server, page, shot, make_user, cases):
    make_user("operator1", ["operator"])
    log_in(page, live_server, "operator1")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 3
    assert cases["threat"] in rows.first.inner_text()  # critical first
    assert "+9647701000001" not in page.content()
    shot(page, "01-queue-en")

    page.select_option("select[name=category]", "basic_services")
    page.select_option("select[name=language]", "en")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*category=basic_services.*"))
    assert page.locator("table.queue tbody tr").count() == 1
    page.click(f"text={cases['water']}")
    page.wait_for_url(f"{live_server}/cases/{cases['water']}")
    # The message body is shown as text, not run.
    assert page.locator(".bubble.in .body").first.inner_text().endswith("<script>alert(1)</script>")

    page.click("button:has-text('Claim')")
    page.wait_for_selector("text=You now have this case.")

    page.fill("#note-text", "Called the mukhtar; water trucking requested.")
    page.click("button:has-text('Add note')")
    page.wait_for_selector(".note:has-text('water trucking requested')")

    counter = page.locator("#reply-count")
    assert "0 characters" in counter.inner_text()
    page.fill("textarea[name=text]", "We asked the water directorate to send a truck this week.")
    assert re.search(r"\d+ characters, 1 SMS parts", counter.inner_text())
    page.fill("textarea[name=text]", "ب" * 80)
    assert "80 characters, 2 SMS parts" in counter.inner_text()
    page.fill("textarea[name=text]", "We asked the water directorate to send a truck this week.")
    shot(page, "02-case-reply-en")
    page.click("button:has-text('Send reply')")
    page.wait_for_selector("text=Reply queued (1 SMS parts).")
    assert page.locator(".bubble.out:has-text('water directorate')").count() == 1

    page.select_option("#urgency", "high")
    page.fill("#reason", "Family has small children and no water at all")
    page.click("button:has-text('Save correction')")
    page.wait_for_selector("text=Triage corrected.")
    assert page.locator(".case-head .badge.u-high").count() == 1

    page.select_option("#status", "resolved")
    page.fill("#outcome", "Water trucking delivered 2,000 litres")
    page.check("input[name=ask_satisfaction]")
    page.click("button:has-text('Change status')")
    page.wait_for_selector("text=Status changed.")
    assert page.locator(".case-head .badge.status").inner_text() == "Resolved"
    shot(page, "03-case-resolved-en")
    with app.app_context():
        case = case_of(cases["water"])
        assert case.status == "resolved" and case.urgency == "high" and case.satisfaction_asked_at


def test_supervisor_assigns_from_the_case_page(app, live_server, page, make_user, cases):
    make_user("sup1", ["supervisor"])
    make_user("op1", ["operator"])
    log_in(page, live_server, "sup1")
    page.goto(f"{live_server}/cases/{cases['threat']}")
    page.select_option("#assignee", label="op1")
    page.click("form.inline button:has-text('Assign')")
    page.wait_for_selector("text=Assignment saved.")
    with app.app_context():
        assert case_of(cases["threat"]).assignee.username == "op1"


@pytest.mark.parametrize("lang,word", [("ar", "قائمة الانتظار"), ("ckb", "ڕیز")])
def test_queue_and_case_render_right_to_left(app, live_server, page, shot, make_user, cases, lang, word):
    make_user(f"rtl-{lang}", ["operator"])
    log_in(page, live_server, f"rtl-{lang}")
    page.select_option("#lang-select", lang)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert word in page.locator("h1").inner_text()
    shot(page, f"04-queue-{lang}")
    page.goto(f"{live_server}/cases/{cases['arabic']}")
    assert page.evaluate("document.dir") == "rtl"
    # Arabic text is laid out right-to-left, the reference stays left-to-right.
    assert page.evaluate("getComputedStyle(document.querySelector('.bubble.in .body')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('h1 span[dir=ltr]')).direction") == "ltr"
    shot(page, f"05-case-{lang}")
    # The choice sticks: the next page is still in that language.
    page.goto(f"{live_server}/")
    assert page.evaluate("document.documentElement.lang") == lang


def test_badini_is_left_to_right(app, live_server, page, make_user, cases):
    make_user("ku1", ["operator"])
    log_in(page, live_server, "ku1")
    page.select_option("#lang-select", "ku")
    page.wait_for_function("document.documentElement.lang === 'ku'")
    assert page.evaluate("document.dir") == "ltr"
    assert "Rêz" in page.locator("h1").inner_text()


VISIBLE = ("[...document.querySelectorAll('body *')].filter(e => e.getClientRects().length"
           " && !e.closest('.visually-hidden')).map(e => [e.tagName + '.' + e.className,"
           " e.getBoundingClientRect()])")
FITS_SCREEN = (f"{VISIBLE}.every(([n, r]) => r.left >= -1 && r.right <= window.innerWidth + 1)"
               " && document.documentElement.scrollWidth <= window.innerWidth + 1")
WIDEST = (f"{VISIBLE}.filter(([n, r]) => r.left < -1 || r.right > window.innerWidth + 1)"
          ".slice(0, 5).map(([n, r]) => n + ' ' + Math.round(r.left) + '..' + Math.round(r.right))")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_sized_screen(app, browser, live_server, shot, make_user, cases, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        make_user(f"phone-{lang}", ["operator"])
        log_in(page, live_server, f"phone-{lang}")
        if lang != "en":
            page.select_option("#lang-select", lang)
            page.wait_for_function(f"document.documentElement.lang === '{lang}'")
        # Nothing wider than the screen, on either side (RTL overflows to the left).
        assert page.evaluate(FITS_SCREEN), page.evaluate(WIDEST)
        assert page.locator("table.queue tbody tr").count() == 3
        shot(page, f"06-phone-queue-{lang}")
        page.click("label.nav-toggle-label")
        assert page.locator(".staff-nav a:has-text('{}')".format("New complaint" if lang == "en" else "شكوى جديدة")).is_visible()
        page.goto(f"{live_server}/cases/{cases['arabic']}")
        assert page.evaluate(FITS_SCREEN), page.evaluate(WIDEST)
        shot(page, f"07-phone-case-{lang}")
    finally:
        context.close()


def test_manual_entry_in_the_browser(app, live_server, page, make_user):
    make_user("desk", ["operator"])
    log_in(page, live_server, "desk")
    page.click("nav >> text=New complaint")
    page.check("input[value=walk_in]")
    page.fill("#text", "I found a strange metal object in our field near the road")
    page.fill("input[name=governorate]", "Ninewa")
    page.click("button:has-text('Record complaint')")
    page.wait_for_url(re.compile(r".*/cases/HL-[A-Z0-9]{5}$"))
    assert page.locator(".case-head .badge.u-critical").count() == 1
    assert "Walk-in" in page.locator(".facts").inner_text()
