"""Rate limits: per client, on search, the API and the feed; a 429 in the site's style."""

import doctest
import time

import pytest
from django.core.cache import cache

from archive import clients, throttle
from archive.throttle import Rate
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATE_LIMIT_SEARCH = "2/m"
    settings.RATE_LIMIT_SEARCH_TIME = "10/m"
    settings.RATE_LIMIT_API = "3/m"
    settings.RATE_LIMIT_FEEDS = "1/m"
    return settings


def statuses(client, url, times, **extra):
    return [client.get(url, **extra).status_code for _ in range(times)]


def test_rates_read_as_counts_per_period():
    assert Rate.parse("30/m") == Rate(30, 60)
    assert Rate.parse("1000/h").interval == 3.6
    assert Rate.parse("5/10m") == Rate(5, 600)
    assert Rate.parse("0") is None and Rate.parse("") is None
    with pytest.raises(ValueError, match="expected N/m"):
        Rate.parse("thirty a minute")


def test_the_examples_in_the_docstrings_hold(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for module in (clients, throttle):
        assert doctest.testmod(module).failed == 0


def test_a_client_over_the_search_limit_gets_a_chinese_page_that_says_when(client, limits):
    assert statuses(client, "/search/", 2, data={"q": "防控"}) == [200, 200]
    response = client.get("/search/", {"q": "防控"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "请求过于频繁" in html and 'lang="zh-Hans"' in html and "site.css" in html
    assert 1 <= int(response["Retry-After"]) <= 30
    assert f"请在 {response['Retry-After']} 秒后再试" in html
    # Answered early, before most middleware, yet with the headers of every other page.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_api_answers_its_429_in_json(client, limits):
    make_article()
    assert statuses(client, "/api/search", 2, data={"q": "防控"}) == [200, 200]
    response = client.get("/api/search", {"q": "防控"})
    assert response.status_code == 429
    body = response.json()
    assert "请求过于频繁" in body["error"] and body["retry_after"] == int(response["Retry-After"])


def test_each_group_has_its_own_allowance(client, limits):
    article = make_article()
    assert statuses(client, f"/api/articles/{article.pk}", 4) == [200, 200, 200, 429]
    assert statuses(client, "/feeds/issues/", 2) == [200, 429]
    assert statuses(client, "/search/", 1, data={"q": "防控"}) == [200]


def test_reader_pages_and_the_health_check_are_never_limited(client, limits, search_index):
    from archive.search import index_articles

    article = make_article()
    index_articles([article.pk])  # else /healthz rightly says the index is out of step
    for url in ["/", "/people/", article.get_absolute_url(), "/healthz"]:
        assert set(statuses(client, url, 5)) == {200}, url


def test_each_client_address_has_its_own_allowance(client, limits):
    statuses(client, "/search/", 3, REMOTE_ADDR="198.51.100.1")
    assert client.get("/search/", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/search/", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_one_ipv6_subscriber_network_counts_as_one_client(client, limits):
    statuses(client, "/search/", 2, REMOTE_ADDR="2001:db8:1:2::1")
    assert client.get("/search/", REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.get("/search/", REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_a_forwarded_address_is_ignored_unless_a_proxy_is_trusted(client, limits):
    for n in range(3):  # a client inventing a new address each time gains nothing
        response = client.get("/search/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, limits):
    limits.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    statuses(client, "/search/", 2, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert client.get("/search/", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    # What the client wrote itself, left of the proxy's entry, does not change who it is.
    spoofed = "192.0.2.99, 203.0.113.5"
    assert client.get("/search/", HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429
    assert client.get("/search/", HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy).status_code == 200


def test_the_client_address_comes_from_the_trusted_proxy_entry(rf, settings):
    def address(forwarded, count):
        settings.TRUSTED_PROXY_COUNT = count
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        return clients.client_address(request)

    assert address("203.0.113.5", 0) == "10.0.0.1"
    assert address("203.0.113.5", 1) == "203.0.113.5"
    assert address("6.6.6.6, 203.0.113.5, 10.0.0.2", 2) == "203.0.113.5"
    assert address("203.0.113.5", 2) == "10.0.0.1"  # fewer entries than proxies
    assert address("not-an-address", 1) == "10.0.0.1"


class Request:
    """What the limiter reads of a request: its address."""

    def __init__(self, address="127.0.0.1"):
        self.META = {"REMOTE_ADDR": address}


def test_searches_that_cost_much_time_use_up_the_budget_whatever_their_count(client, limits):
    limits.RATE_LIMIT_SEARCH = "100/m"
    throttle.finish_search(Request(), 21.5)  # one query of 40 single characters, before
    response = client.get("/search/", {"q": "防控"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 60  # 21.5 s at 10 s a minute: two minutes' worth
    assert client.get("/search/", {"q": "防控"}, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_client_runs_one_search_at_a_time(client, limits):
    cache.set("rl:search-running:127.0.0.1", time.time())  # its search runs in another worker
    response = client.get("/search/", {"q": "防控"})
    assert response.status_code == 429 and "上一个检索尚未完成" in response.content.decode()
    assert client.get("/search/", {"q": "防控"}, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_search_killed_at_the_worker_timeout_is_charged_the_timeout(client, limits):
    limits.REQUEST_TIMEOUT = 30
    cache.set("rl:search-running:127.0.0.1", time.time() - 31)  # it never finished
    response = client.get("/search/", {"q": "防控"})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 60
    assert cache.get("rl:search-running:127.0.0.1") is None


def test_a_finished_search_clears_its_mark(client, limits):
    assert statuses(client, "/search/", 2, data={"q": "防控"}) == [200, 200]
    assert cache.get("rl:search-running:127.0.0.1") is None


def test_search_time_is_charged_after_each_search(client, limits, monkeypatch):
    limits.RATE_LIMIT_SEARCH = "100/m"
    clock = iter(range(0, 1000, 4))  # every search takes four seconds
    monkeypatch.setattr("archive.middleware.time.monotonic", lambda: next(clock))
    assert statuses(client, "/search/", 4, data={"q": "防控"}) == [200, 200, 200, 429]


def test_a_broken_cache_lets_readers_through(client, limits, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # the cache folder is a file: nothing can be read or written
    limits.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocked / "cache"),
        }
    }
    assert statuses(client, "/search/", 4, data={"q": "防控"}) == [200] * 4


def test_the_default_cache_is_a_folder_every_worker_shares(tmp_path):
    from archive.settings import cache_settings

    default = cache_settings("")
    assert default["BACKEND"].endswith("FileBasedCache")
    assert default["LOCATION"].endswith("cache")
    assert cache_settings("redis://cache.local:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.local:6379/1",
    }
    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_settings("memcache://x")


def test_a_refused_client_is_refused_again_without_reading_the_cache(client, limits, monkeypatch):
    assert statuses(client, "/search/", 3, data={"q": "防控"}) == [200, 200, 429]

    def unread(*args, **kwargs):
        raise AssertionError("the cache was read for a refusal already decided")

    from django.core.cache import caches

    monkeypatch.setattr(caches["default"], "get", unread)
    response = client.get("/search/", {"q": "防控"})
    assert response.status_code == 429 and "请求过于频繁" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 30


def test_a_kept_refusal_ends_with_its_wait(client, limits, monkeypatch):
    assert statuses(client, "/search/", 3, data={"q": "防控"}) == [200, 200, 429]
    later = time.time() + 31  # "2/m": one more search fits after 30 s
    monkeypatch.setattr("archive.throttle.time.time", lambda: later)
    assert client.get("/search/", {"q": "防控"}).status_code == 200


def test_one_search_at_a_time_is_never_kept_past_the_other_search(client, limits):
    cache.set("rl:search-running:127.0.0.1", time.time())  # its search runs in another worker
    assert client.get("/search/", {"q": "防控"}).status_code == 429
    cache.delete("rl:search-running:127.0.0.1")  # … and finished
    assert client.get("/search/", {"q": "防控"}).status_code == 200


def test_an_over_limit_client_is_refused_before_its_query_is_read(client, limits):
    assert statuses(client, "/search/", 2, data={"q": "防控"}) == [200, 200]
    assert client.get("/search/", {"q": "防\x00控"}).status_code == 429


def test_a_client_that_keeps_asking_for_pages_that_cannot_exist_is_refused_everywhere(
    client, settings
):
    settings.RATE_LIMIT_ERRORS = "3/m"
    scanner = {"REMOTE_ADDR": "198.51.100.7"}
    assert statuses(client, "/people/没有此人/", 3, **scanner) == [404, 404, 404]
    assert client.get("/search/", {"q": "\x00"}, **scanner).status_code == 400  # the fourth
    refused = client.get("/", **scanner)
    page = refused.content.decode()
    assert refused.status_code == 429 and "出错的请求过多" in page and "批量扫描" in page
    assert "不受限制" not in page  # the home page is refused to it too
    assert client.get("/api/articles/1", **scanner).status_code == 429
    # Another reader is not affected, nor the scanner's own work in the admin.
    assert client.get("/", REMOTE_ADDR="198.51.100.8").status_code == 200
    assert client.get("/admin/login/", **scanner).status_code == 200


def test_a_few_dead_links_cost_a_reader_nothing(client, settings):
    settings.RATE_LIMIT_ERRORS = "20/m"
    assert statuses(client, "/people/没有此人/", 5) == [404] * 5
    assert client.get("/").status_code == 200


def test_what_browsers_ask_for_on_their_own_is_not_counted(client, settings):
    settings.RATE_LIMIT_ERRORS = "1/m"
    for path in ("/favicon.ico", "/apple-touch-icon.png", "/static/css/gone.css"):
        assert statuses(client, path, 3) == [404] * 3
    assert client.get("/").status_code == 200
    assert 'rel="icon"' in client.get("/").content.decode()  # so browsers need not guess


def test_errors_in_the_admin_are_not_counted(client, settings, staff):
    settings.RATE_LIMIT_ERRORS = "2/m"
    assert statuses(staff, "/admin/archive/article/999999/change/", 3) != [429] * 3
    assert staff.get("/").status_code == 200
