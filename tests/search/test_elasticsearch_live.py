"""The cluster backend against a live Elasticsearch/OpenSearch — only when SEARCH_URL names one.

    SEARCH_URL=elasticsearch://127.0.0.1:9200/archive .venv/bin/pytest tests/search/test_elasticsearch_live.py

Each test writes to its own throwaway index (``<index>-test-<random>``) and deletes it after,
so pointing this at a production cluster never touches the archive's index.
"""

import os
import uuid
from urllib.parse import urlsplit

import pytest

from archive.search import doc_ids, search
from tests.search.conftest import folded_texts

SEARCH_URL = os.environ.get("SEARCH_URL", "")
SCHEMES = {"elasticsearch", "elasticsearchs", "opensearch", "opensearchs"}

pytestmark = pytest.mark.skipif(
    urlsplit(SEARCH_URL).scheme not in SCHEMES,
    reason="needs a live engine: set SEARCH_URL=elasticsearch://host:9200/index "
    "(or opensearch://…) to run these",
)


@pytest.fixture
def live_cluster(settings, tmp_path):
    from haystack import connections

    from archive.settings import haystack_connections

    options = haystack_connections(SEARCH_URL)
    options["INDEX_NAME"] = f"{options['INDEX_NAME']}-test-{uuid.uuid4().hex[:8]}"
    settings.DATA_DIR = tmp_path
    settings.HAYSTACK_CONNECTIONS = {"default": options}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.thread_local.connections = {}
    backend = connections["default"].get_backend()
    try:
        backend.conn.info()
    except Exception as exc:  # an unreachable engine is a skip, not a failure
        pytest.skip(f"SEARCH_URL does not answer: {exc.__class__.__name__}: {exc}")
    yield backend
    backend.delete_index()
    connections.thread_local.connections = {}


@pytest.fixture
def seed_on_cluster(live_cluster, seed_articles):
    # seed_articles indexed them after commit, through the dispatch, with refresh=wait_for.
    return seed_articles


def test_seed_names_and_words(seed_on_cluster):
    assert search("王付举").total == 6
    assert search("防控").total == 9


def test_traditional_query_finds_the_same(seed_on_cluster):
    simplified = search("徐衣显", page_size=50)
    traditional = search("徐衣顯", page_size=50)
    assert simplified.total > 0
    assert [h.id for h in traditional.hits] == [h.id for h in simplified.hits]


@pytest.mark.parametrize(
    "query", ["王付举", "防控", "防", "疫情防控", "徐衣显", "群防群控", "控", "一同", "2020"]
)
def test_matches_are_exactly_the_substring_truth(seed_on_cluster, query):
    truth = {pk for pk, text in folded_texts().items() if query in text}
    assert doc_ids(query) == truth


def test_exclusion_or_and_filters(seed_on_cluster):
    truth = folded_texts()
    both = {pk for pk, t in truth.items() if "疫情防控" in t and "烟花" not in t}
    assert doc_ids("疫情防控 -烟花") == both
    either = {pk for pk, t in truth.items() if "王付举" in t or "徐衣显" in t}
    assert doc_ids("王付举 OR 徐衣显") == either
    result = search("防控", filters={"paper": "jzrb", "date_from": "2020-01-27"}, sort="oldest")
    assert result.total == 9
    assert result.facets["paper"] == [("jzrb", 9)]
    assert result.facets["month"] == [("2020-01", 9)]
