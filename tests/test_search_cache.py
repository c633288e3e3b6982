"""Recent search answers come from the cache, and never outlive a change to the index."""

import pytest
from django.urls import reverse

from archive import search
from archive.search_cache import answer_key
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = reverse("archive:api-search")


@pytest.fixture
def counted(monkeypatch):
    """How many searches reached the engine."""
    calls = []
    real = search.search

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(search, "search", counting)
    return calls


@pytest.fixture
def two_articles(search_index):
    made = [make_article(title="防控会议", paragraphs=[f"郑州防控工作{n}。"]) for n in range(2)]
    search.index_articles([a.pk for a in made])
    return made


def test_the_same_search_again_is_answered_from_the_cache(client, two_articles, counted):
    first = client.get(URL, {"q": "郑州 防控"}).json()
    again = client.get(URL, {"q": "鄭州  AND 防控"}).json()  # the same clauses, folded
    assert first == again and first["total"] == 2
    assert counted == ["郑州 防控"]
    client.get(URL, {"q": "郑州 防控", "page_size": 1})  # another page size: another answer
    assert len(counted) == 2


def test_a_commit_to_the_index_makes_the_next_answer_fresh(client, two_articles, counted):
    assert client.get(URL, {"q": "郑州"}).json()["total"] == 2
    search.index_articles([make_article(paragraphs=["郑州新闻。"]).pk])
    assert client.get(URL, {"q": "郑州"}).json()["total"] == 3
    assert len(counted) == 2


def test_the_page_and_the_feed_are_cached_apart(client, two_articles, counted):
    assert client.get(reverse("archive:search"), {"q": "郑州"}).status_code == 200
    assert client.get(reverse("archive:search"), {"q": "郑州"}).status_code == 200
    assert client.get(URL, {"q": "郑州"}).status_code == 200  # 20 a page, like the page
    assert len(counted) == 1
    assert client.get("/feeds/search/", {"q": "郑州"}).status_code == 200
    assert len(counted) == 2


def test_no_caching_when_turned_off_or_the_engine_cannot_tell(
    client, two_articles, counted, settings, monkeypatch
):
    settings.SEARCH_CACHE_SECONDS = 0
    client.get(URL, {"q": "郑州"})
    client.get(URL, {"q": "郑州"})
    assert len(counted) == 2
    settings.SEARCH_CACHE_SECONDS = 60
    monkeypatch.setattr(type(search.backend()), "version", lambda self: None)
    assert answer_key("郑州", {}, 1, "relevance", 20) is None


def test_a_failing_cache_still_answers(client, two_articles, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise OSError("read-only file system")

        set = get

    monkeypatch.setattr("archive.search_cache.cache", Broken())
    assert client.get(URL, {"q": "郑州"}).json()["total"] == 2
