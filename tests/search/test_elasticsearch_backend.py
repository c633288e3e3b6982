"""The Elasticsearch/OpenSearch backend against recorded HTTP exchanges (no live engine).

A loopback server (tests/search/es_replay.py) answers from tests/data/elasticsearch/*.json and
keeps what the backend sent: the index it creates (analysis and mapping), the documents it
bulk-indexes (folded text) and the search bodies the reader's queries become.
"""

import pytest
from elasticsearch.exceptions import UnsupportedProductError
from haystack import connections

from archive import search
from archive.search.whoosh_backend import WhooshBackend
from archive.settings import SEARCH_ENGINES, haystack_connections
from tests.factories import make_article
from tests.search.es_replay import ReplayServer

BASE = (
    "info",
    "nodes_plugins",
    "mapping",
    "create_index",
    "delete_index",
    "bulk",
    "refresh",
    "count",
    "search",
)


@pytest.fixture
def replay():
    server = ReplayServer()
    server.answer(*BASE)
    import threading

    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    assert not server.unmatched, f"requests without a recording: {server.unmatched}"


def use_cluster(settings, url, distribution="elasticsearch", **extra):
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            **SEARCH_ENGINES["elasticsearch"],
            "URL": url,
            "INDEX_NAME": "archive",
            "DISTRIBUTION": distribution,
            "TIMEOUT": 5,
            "KWARGS": {"max_retries": 0},
            **extra,
        }
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.thread_local.connections = {}


@pytest.fixture
def cluster(replay, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    use_cluster(settings, replay.url)
    yield replay
    connections.thread_local.connections = {}


def search_body(server, query, **kwargs):
    search.search(query, text_loader=lambda ids: {}, **kwargs)
    return server.sent("POST", "/archive/_search")[-1].json()


# -- settings and dispatch ------------------------------------------------------------------


def test_search_urls_select_the_cluster_engine():
    found = haystack_connections("opensearchs://reader:secret@search.local:9200/papers")
    assert found == {
        "BACKEND": "archive.search.elasticsearch_backend.ElasticsearchBackend",
        "ENGINE": "archive.search.elasticsearch_backend.ChineseElasticsearchEngine",
        "URL": "https://reader:secret@search.local:9200/",
        "INDEX_NAME": "papers",
        "DISTRIBUTION": "opensearch",
        "KWARGS": {},
    }
    assert haystack_connections("elasticsearch://es:9200/")["DISTRIBUTION"] == "elasticsearch"
    assert haystack_connections("elasticsearch://es:9200/")["INDEX_NAME"] == "archive"


def test_the_cluster_tests_leave_the_embedded_engine_in_place():
    from archive.search.tantivy_backend import TantivyBackend
    from tests.conftest import DEFAULT_TEST_ENGINE

    embedded = {"whoosh": WhooshBackend, "tantivy": TantivyBackend}[DEFAULT_TEST_ENGINE]
    assert type(search.backend()) is embedded


# -- the index: settings and mapping ------------------------------------------------------


def test_index_is_created_with_bigram_analysis_and_mapping(cluster):
    cluster.answer("mapping_missing")
    search.ping()
    (create,) = cluster.sent("PUT", "/archive")
    body = create.json()
    analysis = body["settings"]["analysis"]
    every_run = ["letter", "digit", "punctuation", "symbol"]
    assert analysis["tokenizer"]["archive_bigrams"] == {
        "type": "ngram",
        "min_gram": 2,
        "max_gram": 2,
        "token_chars": every_run,
    }
    assert analysis["tokenizer"]["archive_chars"]["min_gram"] == 1
    assert analysis["tokenizer"]["archive_chars"]["token_chars"] == every_run
    assert analysis["analyzer"]["cjk_exact"]["tokenizer"] == "archive_bigrams"
    assert analysis["analyzer"]["cjk_chars"]["tokenizer"] == "archive_chars"
    assert body["settings"]["number_of_shards"] == 1
    assert body["settings"]["max_result_window"] >= 500 * 100

    mappings = body["mappings"]
    assert mappings["dynamic"] is False
    assert mappings["_source"] == {"excludes": ["text", "headline", "byline"]}
    props = mappings["properties"]
    for name in ("text", "headline"):
        assert props[name]["analyzer"] == "cjk_exact"
        assert props[name]["index_options"] == "positions"
        assert props[name]["fields"]["chars"]["analyzer"] == "cjk_chars"
    # No plugin on the nodes (recording): the built-in cjk analyzer scores words.
    assert props["text"]["fields"]["words"] == {"type": "text", "analyzer": "cjk"}
    assert "words" not in props["headline"]["fields"]
    assert props["date"] == {"type": "date", "format": "strict_date"}
    assert props["page"] == {"type": "integer"}
    for name in ("paper", "kind", "persons", "reporters", "year", "month", "django_id"):
        assert props[name] == {"type": "keyword"}
    assert props["title"] == {"type": "keyword", "index": False, "doc_values": False}
    # Then the health check counts documents.
    assert cluster.sent("POST", "/archive/_count")


def test_smartcn_scores_words_when_every_node_has_it(cluster):
    cluster.answer("mapping_missing", "nodes_plugins_smartcn")
    search.ping()
    body = cluster.sent("PUT", "/archive")[0].json()
    assert body["mappings"]["properties"]["text"]["fields"]["words"]["analyzer"] == "smartcn"


def test_an_existing_index_is_left_alone(cluster):
    search.ping()
    assert not cluster.sent("PUT", "/archive")


def test_haystack_build_schema_uses_our_mapping(cluster):
    backend = connections["default"].get_backend()
    content_field, mapping = backend.build_schema({})
    assert content_field == "text"
    assert mapping["text"]["analyzer"] == "cjk_exact"


# -- writing ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_sends_folded_text_and_keeps_display_text(cluster):
    article = make_article(
        kicker="鄭州市",
        title="疫情防控ＡＢＣ工作",
        paragraphs=["市長徐衣顯檢查。"],
        persons=[("徐衣顯", ["市長"])],
        reporters=["杨丽娜"],
    )
    search.index_articles([article.pk])
    (request,) = cluster.sent("POST", "/archive/_bulk")
    assert request.query.get("refresh") == "wait_for"
    action, source = request.ndjson()
    # The index is in the path (POST /archive/_bulk), not repeated per action.
    assert action == {"index": {"_id": f"archive.article.{article.pk}"}}
    assert "郑州市" in source["text"] and "鄭" not in source["text"]
    assert "市长徐衣显检查" in source["text"]
    assert "疫情防控abc工作" in source["text"]
    assert source["headline"] == "郑州市\n疫情防控abc工作"
    # Stored fields are shown to readers as printed.
    assert source["kicker"] == "鄭州市"
    assert source["title"] == "疫情防控ＡＢＣ工作"
    assert source["persons"] == ["徐衣顯"]
    assert source["reporters"] == ["杨丽娜"]
    assert source["django_id"] == str(article.pk)
    assert source["date"] == "2020-01-27" and source["month"] == "2020-01"
    assert "words" not in source and "person_column" not in source


@pytest.mark.django_db
def test_removing_and_unpublishing_send_deletes(cluster):
    draft = make_article(published=False)
    search.remove_articles([12345])
    search.index_articles([draft.pk])
    first, second = (r.ndjson() for r in cluster.sent("POST", "/archive/_bulk"))
    assert first == [{"delete": {"_id": "archive.article.12345"}}]
    assert second == [{"delete": {"_id": f"archive.article.{draft.pk}"}}]


@pytest.mark.django_db
def test_writes_are_queued_while_the_cluster_is_down(replay, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    article = make_article()
    use_cluster(settings, "http://127.0.0.1:9/")  # discard port: nothing listens
    search.remove_articles([777])  # never raises: queued
    assert (tmp_path / "search-archive.pending.jsonl").read_text().count("777") == 1
    use_cluster(settings, replay.url)
    search.index_articles([article.pk])
    lines = replay.sent("POST", "/archive/_bulk")[0].ndjson()
    actions = [line for line in lines if set(line) <= {"index", "delete"}]
    assert actions == [
        {"index": {"_id": f"archive.article.{article.pk}"}},
        {"delete": {"_id": "archive.article.777"}},
    ]
    assert (tmp_path / "search-archive.pending.jsonl").read_text() == ""


def test_rebuild_index_command_recreates_the_index(cluster, db):
    from django.core.management import call_command

    article = make_article(title="鄭州")
    call_command("rebuild_index", "--noinput", verbosity=0)
    assert cluster.sent("DELETE", "/archive")
    action, source = cluster.sent("POST", "/archive/_bulk")[-1].ndjson()
    assert action == {"index": {"_id": f"archive.article.{article.pk}"}}
    assert source["headline"] == "郑州"


# -- query translation ----------------------------------------------------------------------


def test_a_name_is_one_phrase_of_bigrams(cluster):
    body = search_body(cluster, "徐衣显")
    query = body["query"]["bool"]
    assert query["must"] == [{"match_phrase": {"text": {"query": "徐衣显"}}}]
    assert {"match_phrase": {"headline": {"query": "徐衣显", "boost": 4.0}}} in query["should"]
    assert {"match": {"text.words": {"query": "徐衣显"}}} in query["should"]
    assert "must_not" not in query and "filter" not in query
    assert body["from"] == 0 and body["size"] == 20 and body["track_total_hits"] is True
    assert "sort" not in body  # relevance
    assert "highlight" not in body  # snippets come from the database
    assert "text" not in body["_source"]


def test_traditional_query_is_folded_before_it_is_sent(cluster):
    assert search_body(cluster, "徐衣顯")["query"] == search_body(cluster, "徐衣显")["query"]


def test_words_quoted_phrases_and_exclusions(cluster):
    query = search_body(cluster, '疫情防控 "群防群控" -烟花')["query"]["bool"]
    assert query["must"] == [
        {"match_phrase": {"text": {"query": "疫情防控"}}},
        {"match_phrase": {"text": {"query": "群防群控"}}},
    ]
    assert query["must_not"] == [{"match_phrase": {"text": {"query": "烟花"}}}]
    assert all("烟花" not in str(clause) for clause in query["should"])


def test_or_accepts_either(cluster):
    query = search_body(cluster, "王小平 OR 徐衣显")["query"]["bool"]
    assert query["must"] == [
        {
            "bool": {
                "should": [
                    {"match_phrase": {"text": {"query": "王小平"}}},
                    {"match_phrase": {"text": {"query": "徐衣显"}}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]


def test_lone_characters_and_latin_words(cluster):
    query = search_body(cluster, "防 A股 COVID ·")["query"]["bool"]
    assert query["must"] == [
        {"term": {"text.chars": {"value": "防"}}},
        {"match_phrase": {"text": {"query": "a股"}}},
        {"match_phrase": {"text": {"query": "covid"}}},
        {"term": {"text.chars": {"value": "·"}}},
    ]


def test_only_exclusions_match_everything_else(cluster):
    query = search_body(cluster, "-烟花")["query"]["bool"]
    assert query["must"] == [{"match_all": {}}]
    assert query["must_not"] == [{"match_phrase": {"text": {"query": "烟花"}}}]


def test_nothing_searchable_sends_nothing(cluster):
    result = search.search("\x00\u200b", text_loader=lambda ids: {})
    assert result.total == 0 and result.notes
    assert not cluster.sent("POST", "/archive/_search")


def test_filters_sort_and_page(cluster):
    body = search_body(
        cluster,
        "防控",
        page=3,
        page_size=10,
        sort="newest",
        filters={
            "paper": "jzrb",
            "person": "徐衣显",
            "kind": "article",
            "page": 1,
            "date_from": "2020-01-01",
            "date_to": "2020-01-31",
        },
    )
    assert body["from"] == 20 and body["size"] == 10
    assert body["sort"] == [{"date": {"order": "desc"}}, {"_score": {"order": "desc"}}]
    assert body["query"]["bool"]["filter"] == [
        {"term": {"paper": "jzrb"}},
        {"term": {"persons": "徐衣显"}},
        {"term": {"kind": "article"}},
        {"term": {"page": 1}},
        {"range": {"date": {"gte": "2020-01-01", "lte": "2020-01-31"}}},
    ]
    assert search_body(cluster, "防控", sort="oldest")["sort"][0] == {"date": {"order": "asc"}}


def test_facets_are_aggregations(cluster):
    aggs = search_body(cluster, "防控")["aggs"]
    assert aggs["paper"]["terms"]["field"] == "paper"
    assert aggs["page"]["terms"]["field"] == "page"
    assert aggs["kind"]["terms"]["field"] == "kind"
    assert aggs["person"]["terms"]["field"] == "persons"
    assert aggs["person"]["terms"]["size"] == 30
    assert aggs["year"]["date_histogram"]["calendar_interval"] == "year"
    assert aggs["month"]["date_histogram"] == {
        "field": "date",
        "calendar_interval": "month",
        "format": "yyyy-MM",
        "min_doc_count": 1,
    }
    assert "aggs" not in search_body(cluster, "防控", facets=False)


# -- reading the recorded response ----------------------------------------------------------


def test_response_becomes_the_same_search_result(cluster):
    result = search.search("王付举", text_loader=lambda ids: {1: "副市长王付举一同检查督导。"})
    assert result.total == 6
    assert [h.id for h in result.hits] == [1, 4]
    first = result.hits[0]
    assert first.title.startswith("全民动员")
    assert first.paper == "jzrb" and first.paper_name == "焦作日报"
    assert first.date == "2020-01-27" and first.page == 1
    assert first.persons == ["徐衣显", "王付举"]
    assert first.snippet == "副市长<mark>王付举</mark>一同检查督导。"
    assert result.hits[1].reporters == ["杨丽娜"]
    assert result.highlight == ["王付举"]
    assert result.facets == {
        "year": [("2020", 6)],
        "month": [("2020-01", 6)],
        "paper": [("jzrb", 6)],
        "page": [(1, 6)],
        "kind": [("article", 5), ("brief", 1)],
        "person": [("王付举", 6), ("徐衣显", 2)],
    }


@pytest.mark.django_db
def test_views_and_api_work_unchanged(cluster, client):
    response = client.get("/api/search", {"q": "王付举"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 6
    assert data["facets"]["paper"] == [["jzrb", 6]]
    page = client.get("/search/", {"q": "王付举"})
    assert page.status_code == 200
    assert "全民动员" in page.content.decode()


def test_an_empty_result(cluster):
    cluster.answer("search_empty")
    result = search.search("没有的词", facets=False)
    assert result.total == 0 and result.hits == []


@pytest.mark.django_db
def test_healthz_asks_the_cluster(cluster, client):
    from tests.factories import make_article, make_page

    page = make_page()
    for _ in range(9):  # the recorded cluster holds 9 articles
        make_article(page)
    assert client.get("/healthz").status_code == 200
    make_article(page)
    assert client.get("/healthz").json()["index"].startswith("out of step: 9 indexed, 10")
    cluster.routes.pop(("POST", "/archive/_count"))
    response = client.get("/healthz")
    cluster.unmatched.clear()
    assert response.status_code == 503
    assert response.json()["index"].startswith("error")


# -- Elasticsearch 8 and OpenSearch ---------------------------------------------------------


def test_compatibility_headers_for_elasticsearch_8(cluster, monkeypatch):
    monkeypatch.setenv("ELASTIC_CLIENT_APIVERSIONING", "true")
    search_body(cluster, "防控")
    request = cluster.sent("POST", "/archive/_search")[-1]
    assert request.headers["accept"] == "application/vnd.elasticsearch+json;compatible-with=7"
    assert request.headers["content-type"] == (
        "application/vnd.elasticsearch+json;compatible-with=7"
    )


def test_opensearch_needs_its_own_scheme(replay, settings):
    replay.answer("info_opensearch")
    use_cluster(settings, replay.url, distribution="elasticsearch")
    with pytest.raises(UnsupportedProductError):
        search.search("防控")
    use_cluster(settings, replay.url, distribution="opensearch")
    assert search.search("防控", text_loader=lambda ids: {}).total == 6
    connections.thread_local.connections = {}


def test_check_index_reads_the_cluster(cluster):
    cluster.answer("search_scroll", "scroll_end", "clear_scroll")
    entries = search.indexed_entries()
    assert sorted(entries) == [1, 4]
    # The shape every engine gives, so consistency.compare works unchanged.
    assert entries[1]["persons"] == ["徐衣显", "王付举"]
    assert entries[4]["reporters"] == ["杨丽娜"]
    (request,) = cluster.sent("POST", "/archive/_search")
    assert request.query["scroll"] and request.json()["query"] == {
        "term": {"django_ct": "archive.article"}
    }


def test_search_within_the_title_or_the_byline_picks_the_field():
    from archive.search.elasticsearch_query import search_body as body_of
    from archive.search.query import parse_query

    clauses = parse_query("董柏生").clauses
    for field, name in ((None, "text"), ("title", "headline"), ("byline", "byline")):
        must = body_of(clauses, filters={"field": field})["query"]["bool"]["must"]
        assert must == [{"match_phrase": {name: {"query": "董柏生"}}}]
