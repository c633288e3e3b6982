"""One language: every reader and staff page is Simplified Chinese, whatever the browser asks."""

import re

import pytest

from archive.models import Article, Person
from tests.factories import make_article, make_page

pytestmark = pytest.mark.django_db

# Words Django or a browser's language would bring in, were the page not fixed to zh-Hans.
FOREIGN = ["Monday", "January", "Log in", "Log out", "Enter a valid", "Search", "Save",
           "Welcome", "月曜日", "DISPLAY TITLE", "Display title", "This field is required",
           "no headline", "no_headline", "byline not recognised", "Access attempts", "AXES"]  # fmt: skip


@pytest.fixture
def archive(db):
    page = make_page()
    make_article(page, title="坚决打赢疫情防控阻击战", persons=[("王小平", ["市委书记"])])
    make_article(page, title="", review=["no_headline"], paragraphs=["本报讯 会议召开。"])
    return page


def reader_urls(page):
    article = page.articles.first()
    return [
        "/", "/jzrb/", "/jzrb/2020/", "/jzrb/2020/01/", "/jzrb/2020-01-27/",
        page.get_absolute_url(), article.get_absolute_url(), "/people/",
        Person.objects.get(name="王小平").get_absolute_url(), "/search/?q=疫情",
        "/jzrb/1999-01-01/",
    ]  # fmt: skip


def staff_urls(page):
    article = Article.objects.get(title="")
    return [
        "/admin/", "/admin/archive/article/", f"/admin/archive/article/{article.pk}/change/",
        "/admin/archive/issue/", "/admin/archive/person/", "/admin/ingest/",
    ]  # fmt: skip


def assert_chinese(response, url):
    # A flag's code is a checkbox's value, never shown; what staff read is its label.
    html = re.sub(r'\svalue="[a-z_:]+"', "", response.content.decode())
    assert 'lang="zh-Hans"' in html or 'lang="zh-hans"' in html, url
    for word in FOREIGN:
        assert word not in html, (url, word)


@pytest.mark.parametrize("language", ["en", "en-US,en;q=0.9", "ja", "zh-TW"])
def test_reader_pages_are_in_chinese_whatever_the_browser_asks(client, archive, language):
    for url in reader_urls(archive):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 404), url
        assert_chinese(response, url)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_staff_pages_are_in_chinese_whatever_the_browser_asks(staff, archive, language):
    for url in staff_urls(archive):
        response = staff.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert_chinese(response, url)
    # A form error is Django's message, translated.
    bad = staff.post("/admin/ingest/", {"date": "27/01/2020"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "有效的日期" in bad.content.decode()


def test_the_login_page_is_in_chinese_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert_chinese(response, "/admin/login/")
    assert "登录" in response.content.decode()
