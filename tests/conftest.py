"""Shared fixtures: every test gets its own data folder and a throwaway search index."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = REPO / "fixtures" / "jzrb-2020-01-27-p1.txt"
CORPUS_GBK = SHARED / "corpus" / "pfr_199801.gbk.txt.xz"


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests serve static files from static/ directly; no collectstatic manifest needed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test its own empty cache, and no rate limits (tests/test_throttle.py turns them on):
    a test that searches a hundred times is not a client to slow down."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.RATE_LIMIT_SEARCH = settings.RATE_LIMIT_SEARCH_TIME = "0"
    settings.RATE_LIMIT_API = settings.RATE_LIMIT_FEEDS = settings.LOGIN_FAILURES_PER_ADDRESS = "0"
    settings.RATE_LIMIT_ERRORS = "0"
    cache.clear()  # local memory caches of one name share their store


# The engine tests run on unless they ask for others: TEST_SEARCH_ENGINE, else tantivy (the
# default of a new archive; CI runs the PostgreSQL pass on Whoosh).
DEFAULT_TEST_ENGINE = os.environ.get("TEST_SEARCH_ENGINE", "tantivy")
# The embedded engines: a module marked ``pytest.mark.engines(*EMBEDDED)`` runs on each.
EMBEDDED = ("whoosh", "tantivy")


def pytest_generate_tests(metafunc):
    """``@pytest.mark.engines("whoosh", "tantivy")``: the test once per engine."""
    marker = metafunc.definition.get_closest_marker("engines")
    if marker and "search_index" in metafunc.fixturenames:
        metafunc.parametrize("search_index", marker.args or EMBEDDED, indirect=True)


@pytest.fixture(autouse=True)
def search_index(request, settings, tmp_path):
    """A fresh embedded index per test, so tests never see each other's documents.

    The site's engine is built once and keeps its warm searchers; reset it before and after
    so no test reads another's index. Tests marked ``engines`` get each engine in turn.
    """
    from haystack import connections

    from archive import search

    engine = getattr(request, "param", DEFAULT_TEST_ENGINE)
    path = tmp_path / "index"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            # An embedded engine here, even with SEARCH_URL set: a cluster's own tests opt in
            # (tests/search/test_elasticsearch_live.py).
            **settings.SEARCH_ENGINES[engine],
            "PATH": str(path),
        }
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.thread_local.connections = {}
    search.reset()
    yield path
    connections.thread_local.connections = {}
    search.reset()


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def staff(client):
    """A test client logged in as a superuser (the admin, staff ingestion, previews)."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests"))
    return client
