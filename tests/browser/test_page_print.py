"""The printed page in a real browser, at 1280 and 390 pixels: the picture loads, every
article's region is a link a keyboard reaches, zoom works, the article shows its clip."""

import pytest

from archive.models import Article
from tests import pdfs
from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def printed(settings, tmp_path):
    return pdfs.ingest_demo(settings, tmp_path)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_page_picture_loads_and_every_region_is_a_reachable_link(
    live_server, open_page, printed, viewport
):
    page = open_page(viewport)
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.headers.get("content-type", ""))))
    page.goto(f"{live_server.url}/jzrb/2020-02-03/1/")
    image = page.locator(".print__image")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1600
    assert any(url.endswith(".webp") and kind.startswith("image/") for url, kind in responses)
    regions = page.locator("a.print__region")
    assert regions.count() == Article.objects.count()
    box = page.locator(".print__sheet").bounding_box()
    assert box["width"] <= viewport["width"]
    # Keyboard: Tab reaches the first region; its title names the article.
    regions.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('print__region')")
    assert regions.first.get_attribute("aria-label") == "河畔新区完成首批老旧小区改造"
    page.get_by_role("button", name="放大版面").click()
    assert page.locator("[data-zoom-level]").inner_text() == "150%"
    assert page.locator(".print__sheet").bounding_box()["width"] > box["width"] * 1.4
    screenshot(page, f"page-print-{viewport['width']}", full_page=False)
    regions.nth(1).locator("rect").first.click()
    assert page.locator(".story__title").inner_text() == "东山茶园迎来采摘季"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_article_shows_its_clip_of_the_page(live_server, open_page, printed, viewport):
    article = Article.objects.get(order=1)
    page = open_page(viewport)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?hl=小区")
    clip = page.locator(".clip__svg")
    assert clip.is_visible() and clip.bounding_box()["height"] > 50
    assert page.locator(".clip .print__mark").count() >= 2
    screenshot(page, f"article-clip-{viewport['width']}", full_page=False)
    page.locator(".clip figcaption a").click()
    assert page.url.endswith(f"#region-{article.pk}")
