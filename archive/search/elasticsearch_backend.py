"""The archive on Elasticsearch 7.17 / 8.x or OpenSearch 2.x: same query language, same exactness.

Selected by ``SEARCH_URL=elasticsearch://host:9200/index`` (or ``opensearch://…``; the ``s``
forms, ``elasticsearchs://``, use HTTPS): settings.py then names ``ElasticsearchBackend``
as the site's engine, so archive.search's functions — and the views, ingest and management
commands that call them — work unchanged.

How Chinese is treated, and why it matches the Whoosh backend:

* Text is folded in Python (``analysis.fold``: NFKC, traditional → simplified, lower case)
  before it is sent, and every query is folded the same way, so 鄭州 finds 郑州 with no
  engine plugin.
* ``text`` and ``headline`` use ``cjk_exact``: an ``ngram`` tokenizer of two characters over
  every run of non-space characters (hanzi, digits, letters, punctuation alike), the
  bigrams archive.search.analysis gives Whoosh, one position apart. A query piece of two or
  more characters is a ``match_phrase`` of its bigrams there: exactly the documents
  containing that substring, as in Whoosh.
* ``text.chars`` / ``headline.chars`` (``cjk_chars``) hold every non-space character alone;
  a one-character piece is a ``term`` there, as Whoosh's ``chars`` field answers it.
  (The translation is archive.search.elasticsearch_query.)
* ``text.words`` only adds score: the ``smartcn`` analyzer when every node has the smartcn
  plugin, else the built-in ``cjk`` analyzer (ES has no jieba). Neither decides what matches.

Not from the engine: highlighting (snippets are cut from the database's text by
archive.search.snippets, as with Whoosh) and ids (haystack's ``archive.article.<pk>``).

haystack 3.4's own Elasticsearch 7 backend is subclassed so ``rebuild_index``,
``update_index`` and ``clear_index`` work; its field mapping ignores ``analyzer=``, so
``build_schema`` and the index settings are ours. The site's searches do not go through
haystack's SearchQuerySet (see ``ElasticsearchBackend.find``).
"""

import threading
from contextlib import contextmanager
from pathlib import Path

import elasticsearch
from django.conf import settings
from elasticsearch.exceptions import NotFoundError, TransportError
from elasticsearch.helpers import bulk, scan
from haystack import connections
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)
from haystack.utils import get_identifier

from archive.search.analysis import fold
from archive.search.base import SearchBackend
from archive.search.database import haystack_documents
from archive.search.document import identifier
from archive.search.elasticsearch_query import facets_from, search_body, text_query
from archive.search.pending import PendingOperations
from archive.search.results import hit_from

# Form limits: page ≤ 500, page_size ≤ 100 → the deepest hit a reader can ask for.
MAX_RESULT_WINDOW = 50_000
# Fields that are kept in _source for display and for check_index, never searched.
STORED_ONLY = ("url", "kicker", "title", "subtitle", "paper_name", "fingerprint")
# The same analysis on every field that must be exact; the words analyzer is chosen at setup.
# Every character class but whitespace, as analysis.RUN_RE's runs.
RUN_CHARS = ["letter", "digit", "punctuation", "symbol"]
ANALYSIS = {
    "tokenizer": {
        "archive_bigrams": {
            "type": "ngram",
            "min_gram": 2,
            "max_gram": 2,
            "token_chars": RUN_CHARS,
        },
        "archive_chars": {"type": "ngram", "min_gram": 1, "max_gram": 1, "token_chars": RUN_CHARS},
    },
    "analyzer": {
        "cjk_exact": {"type": "custom", "tokenizer": "archive_bigrams", "filter": ["lowercase"]},
        "cjk_chars": {"type": "custom", "tokenizer": "archive_chars", "filter": ["lowercase"]},
    },
}
SMARTCN_PLUGINS = {"analysis-smartcn", "opensearch-analysis-smartcn"}


def exact_text_mapping(words_analyzer=None):
    """A bigram text field with a per-character subfield (and optionally a words subfield)."""
    mapping = {
        "type": "text",
        "analyzer": "cjk_exact",
        "index_options": "positions",
        "norms": True,
        "fields": {
            "chars": {"type": "text", "analyzer": "cjk_chars", "index_options": "positions"}
        },
    }
    if words_analyzer:
        mapping["fields"]["words"] = {"type": "text", "analyzer": words_analyzer}
    return mapping


def index_mapping(words_analyzer="cjk"):
    """The mapping our backend creates (``dynamic: false``: unknown fields stay in _source)."""
    keyword = {"type": "keyword"}
    properties = {
        "id": keyword,
        "django_ct": keyword,
        "django_id": keyword,
        "text": exact_text_mapping(words_analyzer),
        "headline": exact_text_mapping(),
        "byline": exact_text_mapping(),
        "paper": keyword,
        "date": {"type": "date", "format": "strict_date"},
        "year": keyword,
        "month": keyword,
        "page": {"type": "integer"},
        "kind": keyword,
        "persons": keyword,
        "reporters": keyword,
    }
    for name in STORED_ONLY:
        properties[name] = {"type": "keyword", "index": False, "doc_values": False}
    return {
        "dynamic": False,
        # The folded text is large and never read back (snippets come from the database).
        "_source": {"excludes": ["text", "headline", "byline"]},
        "properties": properties,
    }


def index_settings(shards=1, replicas=1):
    return {
        "number_of_shards": int(shards),
        "number_of_replicas": int(replicas),
        "max_result_window": MAX_RESULT_WINDOW,
        "analysis": ANALYSIS,
    }


class ChineseElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    """haystack's ES 7 backend with our analysis, mapping, documents and bulk writes."""

    DEFAULT_SETTINGS = {"settings": index_settings()}
    DEFAULT_FIELD_MAPPING = exact_text_mapping()

    def __init__(self, connection_alias, **options):
        super().__init__(connection_alias, **options)
        self.distribution = options.get("DISTRIBUTION", "elasticsearch")
        self.shards = options.get("SHARDS") or settings.SEARCH_SHARDS
        self.replicas = options.get("REPLICAS") or settings.SEARCH_REPLICAS
        self.words_analyzer = options.get("WORD_ANALYZER") or settings.SEARCH_WORD_ANALYZER
        if self.distribution == "opensearch":
            # elasticsearch-py ≥ 7.14 refuses any server that does not say it is Elasticsearch
            # (UnsupportedProductError). The APIs we call — index create/delete/mapping, bulk,
            # search, count, refresh, _nodes — are the same in OpenSearch 1.x/2.x, so the
            # product check is skipped for a URL the operator declared as OpenSearch.
            self.conn.transport._verified_elasticsearch = True

    # -- schema ------------------------------------------------------------------------

    def choose_words_analyzer(self):
        """``smartcn`` when every node has the plugin, else the built-in ``cjk``."""
        if self.words_analyzer != "auto":
            return self.words_analyzer
        try:
            nodes = self.conn.nodes.info(metric="plugins")["nodes"]
        except TransportError:
            return "cjk"  # managed services may refuse _nodes; cjk always exists
        names = [{p.get("name") for p in node.get("plugins", [])} for node in nodes.values()]
        if names and all(n & SMARTCN_PLUGINS for n in names):
            return "smartcn"
        return "cjk"

    def build_schema(self, fields):
        return "text", index_mapping(self.choose_words_analyzer())["properties"]

    def index_body(self):
        return {
            "settings": index_settings(self.shards, self.replicas),
            "mappings": index_mapping(self.choose_words_analyzer()),
        }

    def setup(self):
        """Create the index with our settings and mapping if it does not exist yet.

        An existing index is left as it is: analysis settings cannot change on a live index,
        so a changed mapping needs ``rebuild_index`` (which deletes and recreates it).
        """
        try:
            self.existing_mapping = self.conn.indices.get_mapping(index=self.index_name)
        except NotFoundError:
            # 400 resource_already_exists: another process created it meanwhile; fine.
            self.conn.indices.create(index=self.index_name, **self.index_body(), ignore=400)
            self.existing_mapping = {}
        self.content_field_name = "text"
        self.setup_complete = True

    # -- writing (haystack's update_index / rebuild_index / clear_index come here) -------

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        docs = haystack_documents(index, iterable, self.log)
        if docs:
            self.write(docs, refresh=commit)

    def remove(self, obj_or_string, commit=True):
        pk = int(get_identifier(obj_or_string).rsplit(".", 1)[-1])
        if not self.setup_complete:
            self.setup()
        self.write([], remove_ids=[pk], refresh=commit)

    def write(self, docs, remove_ids=(), refresh=False):
        """Index (replace) ``docs`` (document.index_document) and delete ``remove_ids``."""
        actions = [
            {"_op_type": "index", "_id": doc["id"], "_source": es_document(doc)} for doc in docs
        ]
        actions += [{"_op_type": "delete", "_id": identifier(pk)} for pk in remove_ids]
        if not actions:
            return
        params = {"refresh": "wait_for"} if refresh else {}
        # 404 on delete: the document was never indexed, which is what we wanted.
        bulk(self.conn, actions, index=self.index_name, ignore_status=(404,), **params)

    def delete_index(self):
        self.conn.indices.delete(index=self.index_name, ignore=404)
        self.setup_complete = False
        self.existing_mapping = {}

    def clear(self, models=None, commit=True):
        # Only articles live in this index, so clearing some models means clearing all.
        self.delete_index()

    # -- reading -------------------------------------------------------------------------

    def raw_search(self, body):
        """POST /index/_search; an index that does not exist yet holds nothing."""
        try:
            # 7.17 deprecates body=; the same keys as parameters ("from" is spelled from_).
            params = {("from_" if key == "from" else key): value for key, value in body.items()}
            return self.conn.search(index=self.index_name, **params)
        except NotFoundError:
            return {"hits": {"total": {"value": 0}, "hits": []}}


class ChineseElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = ChineseElasticsearchSearchBackend


def es_document(doc):
    """The _source of one document (document.index_document): text and headline folded, the
    rest as given (names as keyword lists, display fields as printed)."""
    folded = {name: fold(doc[name]) for name in ("text", "headline", "byline")}
    return {**doc, **folded}


# One writer at a time in this process: the queue is read, applied and dropped as one step.
_write_lock = threading.Lock()


class ElasticsearchBackend(SearchBackend):
    """The site's engine on a cluster, through haystack's connection (its client and index)."""

    unavailable = (TransportError, elasticsearch.exceptions.ConnectionError)

    def cluster(self):
        """This thread's ChineseElasticsearchSearchBackend (haystack keeps one per thread)."""
        return connections["default"].get_backend()

    def ready(self):
        cluster = self.cluster()
        if not cluster.setup_complete:
            cluster.setup()
        return cluster

    # -- reading ---------------------------------------------------------------------------

    def find(self, result, parsed, *, filters, sort, facets, use_words):
        body = search_body(
            parsed.clauses,
            page=result.page,
            page_size=result.page_size,
            filters=filters,
            sort=sort,
            facets=facets,
            use_words=use_words,
        )
        raw = self.cluster().raw_search(body)
        hits = raw.get("hits", {})
        total = hits.get("total", 0)
        result.total = total.get("value", 0) if isinstance(total, dict) else int(total)
        result.hits = [
            hit_from(h.get("_source", {}), h.get("_score")) for h in hits.get("hits", [])
        ]
        if facets:
            result.facets = facets_from(raw.get("aggregations", {}))

    def matching_ids(self, parsed):
        body = {"query": {"bool": text_query(parsed.clauses, use_words=False)}, "_source": False}
        return {int(hit["_id"].rsplit(".", 1)[-1]) for hit in self._scan(body)}

    def _scan(self, body):
        """Every hit of ``body`` (scroll); none when the index does not exist yet."""
        cluster = self.cluster()
        try:
            yield from scan(cluster.conn, body, index=cluster.index_name)
        except NotFoundError:
            return

    def ping(self):
        """Raise if the cluster or the index does not answer."""
        cluster = self.ready()
        cluster.conn.count(index=cluster.index_name)

    def doc_count(self):
        cluster = self.ready()
        body = {"query": {"term": {"django_ct": "archive.article"}}}
        return cluster.conn.count(index=cluster.index_name, body=body)["count"]

    def stored_entries(self):
        for hit in self._scan({"query": {"term": {"django_ct": "archive.article"}}}):
            yield int(hit["_source"]["django_id"]), hit["_source"]

    # -- writing ---------------------------------------------------------------------------

    def pending(self):
        """Operations the cluster could not take are kept beside the data until the next write."""
        return PendingOperations(Path(settings.DATA_DIR) / f"search-{self.cluster().index_name}")

    @contextmanager
    def writing(self, size):
        with _write_lock:
            cluster = self.ready()
            yield lambda docs, remove_ids: cluster.write(docs, remove_ids, refresh=True)

    def clear(self):
        """Delete and recreate the index (empty, with the current settings and mapping)."""
        cluster = self.cluster()
        cluster.delete_index()
        cluster.setup()

    def add(self, docs):
        self.cluster().write(docs)

    def rebuilt(self):
        cluster = self.cluster()
        cluster.conn.indices.refresh(index=cluster.index_name)
