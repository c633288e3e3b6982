"""The search page in a real Chromium: results beside the facets on a desktop, the facets
under a button on a phone, a pager big enough for a thumb, the help panel, the chart's links,
and photographs of each state at 1280 and 390 px."""

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.searchlike import build_search_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive_url(live_server):
    build_search_archive()
    return lambda path: live_server.url + path


def test_desktop_shows_the_facets_beside_the_results(archive_url, open_page):
    page = open_page(DESKTOP)
    page.goto(archive_url("/search/?q=防控"))
    facets, hits = page.locator(".facets"), page.locator(".hits")
    assert facets.is_visible() and not page.locator(".facets-fold > summary").is_visible()
    facet_box, hits_box = facets.bounding_box(), hits.bounding_box()
    assert facet_box["x"] + facet_box["width"] <= hits_box["x"]
    assert facet_box["y"] < 600, "the facets start below the first screen"


def test_a_facet_narrows_the_search(archive_url, open_page):
    page = open_page(DESKTOP)
    page.goto(archive_url("/search/?q=防控"))
    total = _total(page)
    page.locator("#facet-paper ~ .facet__list a", has_text="河南日报").click()
    page.wait_for_url(re.compile(r"paper=hnrb"))
    assert 0 < _total(page) < total
    assert all(text.startswith("河南日报") for text in page.locator(".hit .meta").all_inner_texts())
    page.get_by_role("link", name="去掉条件：河南日报").click()
    page.wait_for_url(lambda url: "paper=" not in url)
    assert _total(page) == total


def test_the_phone_folds_the_facets_under_a_button(archive_url, open_page):
    page = open_page(PHONE)
    page.goto(archive_url("/search/?q=防控"))
    button = page.locator(".facets-fold > summary")
    assert button.is_visible() and not page.locator(".facets").is_visible()
    assert button.bounding_box()["height"] >= 44
    button.click()
    assert page.locator(".facets").is_visible()
    page.locator("#facet-year ~ .facet__list a", has_text="1998年").click()
    page.wait_for_url(re.compile(r"date_from=1998-01-01"))
    assert all("1998-" in t for t in page.locator(".hit .meta").all_inner_texts())


def test_the_pager_moves_through_the_results_with_thumb_sized_links(archive_url, open_page):
    page = open_page(PHONE)
    page.goto(archive_url("/search/?q=防控&sort=oldest"))
    assert "第 1 / 3 页" in page.locator(".results-head__count").inner_text()
    for link in page.locator(".pagination a, .pagination [aria-current]").all():
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, link.inner_text()
    first = page.locator(".hit__title").first.inner_text()
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "第 2 / 3 页" in page.locator(".results-head__count").inner_text()
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"
    assert page.locator(".hits").get_attribute("start") == "21"
    assert page.locator(".hit__title").first.inner_text() != first
    page.get_by_role("link", name="第 3 页").click()
    page.wait_for_url(re.compile(r"page=3"))
    assert not page.get_by_role("link", name="下一页").count()


def test_the_help_panel_explains_the_query_language(archive_url, open_page):
    page = open_page(DESKTOP)
    page.goto(archive_url("/search/"))
    help_panel = page.locator("#search-help")
    assert help_panel.get_attribute("open") is not None
    text = help_panel.inner_text()
    for form in ("空格", '"…"', "NOT", "OR", "|", "AND"):
        assert form in text, form
    assert page.locator(".newest-issues a").count() > 0
    page.goto(archive_url("/search/?q=防控"))
    assert not page.locator(".search-help__table").is_visible()
    page.locator("#search-help > summary").click()
    assert page.locator(".search-help__table").is_visible()
    page.locator(".search-help__table a", has_text="防控 -春节").click()
    page.wait_for_url(re.compile(r"q=%E9%98%B2%E6%8E%A7"))
    assert page.locator("#id_q").input_value() == "防控 -春节"


def test_a_bar_of_the_chart_narrows_the_search_to_its_year(archive_url, open_page):
    page = open_page(DESKTOP)
    page.goto(archive_url("/search/?q=防控"))
    bar = page.locator(".chart__link[aria-label^='2019年']")
    label = bar.get_attribute("aria-label")
    count = int(re.search(r"：(\d+)篇", label).group(1))
    bar.click()
    page.wait_for_url(re.compile(r"date_to=2019-12-31"))
    assert _total(page) == count
    # One year left: the chart now counts its months.
    assert "2019年各月" in page.locator(".chart__caption").inner_text()


def test_untitled_briefs_show_their_lead_sentence(archive_url, open_page):
    page = open_page(DESKTOP)
    page.goto(archive_url("/search/?q=新增确诊病例"))
    titles = page.locator(".hit__title").all_inner_texts()
    assert titles and all(t.startswith("本报讯") for t in titles)
    assert "（无标题）" not in page.content()


SHOTS = {
    "search-results": "/search/?q=防控",
    "search-empty-query": "/search/",
    "search-no-results": "/search/?q=不存在的词语",
    "search-long-query": "/search/?q=" + "疫情防控" * 70,
    "search-within": "/search/?q=防控&field=title&paper=hnrb&date_from=2019-01-01",
    "people": "/people/",
    "person": "/people/王小平/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_search_pages_are_photographed(archive_url, open_page, viewport):
    page = open_page(viewport)
    for name, path in SHOTS.items():
        page.goto(archive_url(path))
        screenshot(page, f"{name}-{viewport['width']}")
        screenshot(page, f"{name}-{viewport['width']}-first-screen", full_page=False)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
    if viewport is PHONE:
        page.goto(archive_url("/search/?q=防控"))
        page.locator(".facets-fold > summary").click()
        page.locator(".facets").scroll_into_view_if_needed()
        screenshot(page, "search-facets-open-390", full_page=False)


def _total(page):
    return int(re.search(r"共找到 (\d+) 篇", page.locator(".results-head__count").inner_text())[1])


CONTRASTED = {
    "/search/?q=防控": [
        ".hit .meta",
        ".hit .kicker",
        ".snippet mark",
        ".count",
        ".sort-links a",
        ".pagination a",
        ".facet__list a",
    ],
    "/search/?q=新增确诊": [".hit__title--lead a"],
    "/search/": [".search-help__table td"],
    "/people/": [".letters__none", ".people-list .muted"],
}


def test_search_and_people_text_meets_aa_contrast(archive_url, open_page):
    from tests.browser.test_accessibility import COLOURS_JS, contrast

    page = open_page(DESKTOP)
    for path, selectors in CONTRASTED.items():
        page.goto(archive_url(path))
        for selector in selectors:
            colours = page.evaluate(COLOURS_JS, selector)
            assert colours, f"{selector} not on {path}"
            assert contrast(colours["fg"], colours["bg"]) >= 4.5, (path, selector, colours)
