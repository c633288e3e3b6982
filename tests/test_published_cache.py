"""The new-issues feed and the sitemap are rendered once per state of what is published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import search
from archive.published_cache import answer_key
from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(search_index):
    article = make_article(title="防控会议", paragraphs=["郑州防控工作。"])
    search.index_articles([article.pk])
    return article


def queries_of(client, path, **extra):
    with CaptureQueriesContext(connection) as run:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return response, len(run.captured_queries)


@pytest.mark.parametrize("path", ["/feeds/issues/", "/sitemap.xml", "/sitemap-articles.xml"])
def test_the_second_answer_is_the_first_without_the_database(client, published, path):
    first, rendering = queries_of(client, path)
    again, kept = queries_of(client, path)
    assert rendering > 0 and kept == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_publish_makes_the_feed_fresh(client, published):
    assert "2020年1月28日" not in client.get("/feeds/issues/").content.decode()
    later = make_article(page=make_page(issue=make_issue(date="2020-01-28")), title="新一期")
    search.index_articles([later.pk])  # publishing commits the index
    assert "2020年1月28日" in client.get("/feeds/issues/").content.decode()


def test_each_host_has_its_own_answer(client, published, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    assert b"//a.example/" in client.get("/sitemap.xml", HTTP_HOST="a.example").content
    assert b"//b.example/" in client.get("/sitemap.xml", HTTP_HOST="b.example").content


def test_no_keeping_when_turned_off_or_the_engine_cannot_tell(
    client, published, settings, monkeypatch, rf
):
    settings.SEARCH_CACHE_SECONDS = 0
    queries_of(client, "/feeds/issues/")
    assert queries_of(client, "/feeds/issues/")[1] > 0
    settings.SEARCH_CACHE_SECONDS = 60
    monkeypatch.setattr(type(search.backend()), "version", lambda self: None)
    assert answer_key(rf.get("/feeds/issues/")) is None
    assert answer_key(rf.post("/feeds/issues/")) is None


def test_a_failing_cache_still_answers(client, published, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise OSError("read-only file system")

        set = get

    monkeypatch.setattr("archive.published_cache.cache", Broken())
    assert "防控会议" in client.get("/feeds/issues/").content.decode()
