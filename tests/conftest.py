"""Shared fixtures: every test gets its own data folder and a throwaway search index."""

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
    cache.clear()  # local memory caches of one name share their store


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh Whoosh index per test, so tests never see each other's documents.

    The site's engine is built once and keeps its warm searchers; reset it before and after
    so no test reads another's index.
    """
    from haystack import connections

    from archive import search

    path = tmp_path / "index"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            # Always Whoosh here, even with SEARCH_URL set: a cluster's own tests opt in
            # (tests/search/test_elasticsearch_live.py).
            **settings.SEARCH_ENGINES["whoosh"],
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
