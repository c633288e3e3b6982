"""Stored markup is text: a title, paragraph or name never comes back as live HTML."""

import pytest

from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile(db):
    page = make_page(1, make_issue("2020-01-27"), name=IMG)
    return make_article(
        page,
        kicker=IMG,
        title=SCRIPT,
        subtitle=IMG,
        source=SCRIPT,
        dateline=IMG,
        paragraphs=[SCRIPT, IMG],
        reporters=[SCRIPT],
        persons=[(IMG, [SCRIPT])],
        jump_to_page=2,
        jump_to_marker=IMG[:4],
    )


def assert_inert(body):
    assert SCRIPT not in body and IMG not in body
    assert "<script>alert" not in body and "<img src=x" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/jzrb/2020-01-27/",
        "/jzrb/2020-01-27/1/",
        "ARTICLE",
        "/people/",
        "/people/scriptalert1script/",
        "/people/img-srcx-onerroralert1/",
        "/sitemap.xml",
    ],
)
def test_reader_pages_escape_stored_markup(client, hostile, url):
    url = hostile.get_absolute_url() if url == "ARTICLE" else url
    response = client.get(url)
    assert response.status_code == 200, url
    assert_inert(response.content.decode())


def test_the_feed_escapes_twice_so_readers_see_text(client, hostile):
    body = client.get("/feeds/issues/").content.decode()
    assert_inert(body)
    # The summary is HTML inside XML: one layer of escaping would decode to a live tag.
    assert "&lt;script&gt;" not in body and "&amp;lt;script&amp;gt;" in body
