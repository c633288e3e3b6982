"""Drafts are private: no public page, tab, calendar day, feed, sitemap, API or search hit
shows an unpublished page or article; staff preview them with ?preview=1."""

import pytest

from archive.search import index_articles
from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_with_a_draft_page():
    issue = make_issue("2020-01-27")
    out = make_article(make_page(1, issue, name="要闻"), title="已发布的头条")
    draft = make_article(make_page(2, issue, name="草稿版"), title="草稿里的文章", published=False)
    index_articles([out.pk, draft.pk])
    return out, draft


@pytest.fixture
def draft_only_issue():
    make_article(make_page(1, make_issue("2020-01-26")), title="旧的一期")
    draft = make_article(
        make_page(1, make_issue("2020-01-28")), title="未出的一期", published=False
    )
    return draft


def test_a_draft_page_and_its_articles_are_not_found(client, issue_with_a_draft_page):
    _, draft = issue_with_a_draft_page
    assert client.get("/jzrb/2020-01-27/2/").status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/jzrb/2020-01-27/2/{draft.pk}/").status_code == 404


def test_a_draft_page_is_no_tab_and_not_in_the_issue_navigation(client, issue_with_a_draft_page):
    for url in ("/jzrb/2020-01-27/", "/jzrb/2020-01-27/1/", "/"):
        html = client.get(url).content.decode()
        assert "已发布的头条" in html, url
        assert "草稿版" not in html and "/jzrb/2020-01-27/2/" not in html, url


def test_a_draft_is_in_no_api_sitemap_or_search(client, issue_with_a_draft_page):
    _, draft = issue_with_a_draft_page
    api = client.get("/api/issues/jzrb/2020-01-27").json()
    assert [p["number"] for p in api["pages"]] == [1]
    assert client.get(f"/api/articles/{draft.pk}").status_code == 404
    assert draft.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    hits = client.get("/search/", {"q": "草稿里的文章"}).content.decode()
    assert "草稿里的文章</a>" not in hits and "已发布的头条" not in hits


def test_an_issue_with_no_published_page_is_not_on_the_site(client, draft_only_issue):
    assert client.get("/jzrb/2020-01-28/").status_code == 404
    assert client.get("/jzrb/2020-01-28/1/").status_code == 404
    assert client.get("/api/issues/jzrb/2020-01-28").status_code == 404
    for url in ("/", "/jzrb/2020/01/", "/feeds/issues/", "/sitemap.xml", "/jzrb/2020-01-26/"):
        body = client.get(url).content.decode()
        assert "2020-01-28" not in body and "未出的一期" not in body, url


def test_staff_preview_a_draft_page_and_article(staff, issue_with_a_draft_page):
    _, draft = issue_with_a_draft_page
    page = staff.get("/jzrb/2020-01-27/2/?preview=1")
    assert page.status_code == 200
    html = page.content.decode()
    assert "草稿里的文章" in html and "预览" in html
    assert "no-cache" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex"
    assert staff.get(draft.get_absolute_url() + "?preview=1").status_code == 200
    assert "草稿版" in staff.get("/jzrb/2020-01-27/?preview=1").content.decode()
    # Without asking for a preview staff see what readers see.
    assert staff.get("/jzrb/2020-01-27/2/").status_code == 404


def test_staff_preview_an_issue_not_out_yet(staff, draft_only_issue):
    assert staff.get("/jzrb/2020-01-28/?preview=1").status_code == 200
    assert staff.get("/jzrb/2020-01-28/1/?preview=1").status_code == 200


def test_readers_asking_for_a_preview_get_the_public_page(client, issue_with_a_draft_page):
    _, draft = issue_with_a_draft_page
    assert client.get("/jzrb/2020-01-27/2/?preview=1").status_code == 404
    assert client.get(draft.get_absolute_url() + "?preview=1").status_code == 404
    assert "草稿版" not in client.get("/jzrb/2020-01-27/?preview=1").content.decode()
