"""A reader's journey in a real Chromium: home → calendar → issue → page → article → 下转 →
a person → search 王小平 → a result; and the same pages photographed at desktop and phone."""

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.seedlike import LEAD_TITLE, demo_issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE_URL = re.compile(r"/jzrb/\d{4}-\d{2}-\d{2}/\d+/\d+/(\?hl=[^/]*)?$")  # a hit marks its words


def test_a_reader_goes_from_the_calendar_to_a_person_and_searches(live_server, open_page):
    demo_issue()
    page = open_page()
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "报纸档案"

    page.get_by_role("link", name="2020年1月27日的报纸").click()
    page.wait_for_url("**/jzrb/2020-01-27/")
    assert "版面导航" in page.content()

    page.get_by_role("link", name="第1版 · 要闻").click()
    page.wait_for_url("**/jzrb/2020-01-27/1/")

    page.locator("a.headline", has_text=LEAD_TITLE).click()
    page.wait_for_url(ARTICLE_URL)
    assert page.locator("h1").inner_text() == LEAD_TITLE
    assert "杨丽娜, 姚广强." in page.locator("#citation-text").inner_text()

    page.get_by_role("link", name="（下转第二版③）").click()
    page.wait_for_url("**/jzrb/2020-01-27/2/*/")
    assert page.get_by_role("link", name="（上接第一版③）").is_visible()

    page.locator(".story__people").get_by_role("link", name="徐衣显").click()
    page.wait_for_url("**/people/*/")
    assert page.locator("h1").inner_text() == "徐衣显"
    assert "2020-01-27" in page.locator(".timeline").inner_text()

    # /search/ is built alongside these pages; this last step needs its results list.
    page.get_by_label("搜索报纸档案").fill("王小平")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_label("搜索报纸档案").input_value() == "王小平" or "王小平" in page.content()
    # The first link in the results that is an article permalink (not a facet or a page).
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    first = next(h for h in hrefs if ARTICLE_URL.search(h.split("?")[0]))
    page.locator(f"main a[href='{first}']").first.click()
    page.wait_for_url(ARTICLE_URL)
    assert "王小平" in page.locator("main").inner_text()


def test_the_copy_button_copies_the_citation(live_server, open_page):
    lead = demo_issue()
    page = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + lead.get_absolute_url())
    button = page.get_by_role("button", name="复制引文")
    button.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-text").inner_text().strip()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_pages_are_photographed_at_desktop_and_phone_width(live_server, open_page, viewport):
    lead = demo_issue()
    page = open_page(viewport)
    urls = {
        "home": "/",
        "issue": "/jzrb/2020-01-27/",
        "page": "/jzrb/2020-01-27/1/",
        "article": lead.get_absolute_url(),
        "person": "/people/徐衣显/",
        "people": "/people/",
        "month": "/jzrb/2020/01/",
        "notfound": "/jzrb/1999-01-01/",
        "search": "/search/?q=王小平",
    }
    for name, url in urls.items():
        page.goto(live_server.url + url)
        path = screenshot(page, f"{name}-{viewport['width']}")
        assert path.stat().st_size > 10_000
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"


def test_the_article_prints_without_navigation(live_server, open_page):
    lead = demo_issue()
    page = open_page()
    page.goto(live_server.url + lead.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".site-header", ".prev-next", ".copy-button", ".related"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".story__body").is_visible()
    assert page.locator("#citation-text").is_visible()
