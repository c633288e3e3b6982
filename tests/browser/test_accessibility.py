"""Accessibility in a real browser: one h1, headings in order, labelled fields, a visible
focus ring, the search box reachable by Tab, and AA contrast from the computed styles."""

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.seedlike import demo_issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/jzrb/",
    "/jzrb/2020/01/",
    "/jzrb/2020-01-27/",
    "/jzrb/2020-01-27/1/",
    "ARTICLE",
    "/people/",
    "/people/徐衣显/",
    "/jzrb/1999-01-01/",
    "/search/?q=王小平",
]

# Colours as the browser computed them; the background is the first opaque one up the tree.
COLOURS_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  return {fg: parse(getComputedStyle(el).color).slice(0, 3), bg: bg || [255, 255, 255]};
}
"""


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def site(live_server):
    lead = demo_issue()
    return lambda url: live_server.url + (lead.get_absolute_url() if url == "ARTICLE" else url)


def test_each_page_has_one_h1_and_headings_in_order(site, open_page):
    page = open_page()
    for url in PAGES:
        page.goto(site(url))
        levels = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
        )
        assert levels.count(1) == 1 and levels[0] == 1, (url, levels)
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{url}: h{before} followed by h{after}"


def test_every_form_field_has_a_label(site, open_page):
    page = open_page()
    for url in PAGES:
        page.goto(site(url))
        unlabelled = page.eval_on_selector_all(
            "input:not([type=hidden]), select, textarea",
            """els => els.filter(e => !(e.labels && e.labels.length) &&
                 !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
               .map(e => e.outerHTML)""",
        )
        assert unlabelled == [], url


def test_tab_reaches_the_search_box_with_a_visible_focus_ring(site, open_page):
    page = open_page()
    page.goto(site("/"))
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused == "site-search-q":
            break
    assert focused == "site-search-q", "the header search box is not reachable by Tab"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] != "none" and ring[1] >= 2
    page.keyboard.type("王小平")
    assert page.input_value("#site-search-q") == "王小平"


def test_the_skip_link_is_the_first_stop_and_shows_itself(site, open_page):
    page = open_page()
    page.goto(site("ARTICLE"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0


@pytest.mark.parametrize(
    "selector",
    [
        "body",
        ".story__body p",
        ".story__kicker",
        ".story__meta a",
        ".story__byline",
        ".headline__title",
        ".muted",
        ".site-footer",
        ".copy-button",
        ".crumbs a",
    ],
)
def test_text_and_links_meet_aa_contrast(site, open_page, selector):
    page = open_page()
    page.goto(site("ARTICLE"))
    page.wait_for_selector(".copy-button:not([hidden])")
    colours = page.evaluate(COLOURS_JS, selector)
    assert colours, f"{selector} not on the article page"
    assert contrast(colours["fg"], colours["bg"]) >= 4.5, (selector, colours)


def test_calendar_days_meet_aa_contrast(site, open_page):
    page = open_page()
    page.goto(site("/"))
    for selector in (".calendar td a", ".calendar__empty", ".calendar th"):
        colours = page.evaluate(COLOURS_JS, selector)
        assert contrast(colours["fg"], colours["bg"]) >= 4.5, (selector, colours)


def test_the_phone_view_keeps_text_readable(site, open_page):
    page = open_page(PHONE)
    page.goto(site("ARTICLE"))
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.story__body p')).fontSize)"
    )
    line = page.evaluate("getComputedStyle(document.querySelector('.story__body p')).lineHeight")
    assert size >= 16 and float(line.rstrip("px")) / size >= 1.7
    screenshot(page, "article-390-fold", full_page=False)
