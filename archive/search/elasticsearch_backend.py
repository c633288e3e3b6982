"""The archive on Elasticsearch 7.17 / 8.x or OpenSearch 2.x: same query language, same exactness.

Selected by ``SEARCH_URL=elasticsearch://host:9200/index`` (or ``opensearch://…``; the ``s``
forms, ``elasticsearchs://``, use HTTPS). archive.search.backends routes the site's calls —
``engine.search``, ``indexing.index_articles`` and friends — here when it is set, so views,
ingest and the management commands work unchanged.

How Chinese is treated, and why it matches the Whoosh backend:

* Text is folded in Python (``analysis.fold``: NFKC, traditional → simplified, lower case)
  before it is sent, and every query is folded the same way, so 鄭州 finds 郑州 with no
  engine plugin.
* ``text`` and ``headline`` use ``cjk_exact``: the standard tokenizer (one token per ideograph,
  whole Latin/digit words), ``cjk_width``, ``lowercase`` and the built-in ``cjk_bigram`` filter
  with ``output_unigrams: false`` — a run of two or more ideographs becomes its overlapping
  bigrams, an isolated ideograph stays a unigram. A CJK query run is a ``match_phrase`` of its
  bigrams there: exactly the documents containing that substring, as in Whoosh.
* ``text.chars`` / ``headline.chars`` keep one token per ideograph. A piece of the query that
  begins or ends with a lone ideograph (防, A股, "控 工作") cannot be matched by bigrams — in
  the text that character usually sits inside a longer run, where it never appears alone —
  so such pieces are phrases over characters instead. Still exact; slower on big archives,
  which is why it is only the fallback.
* ``text.words`` only adds score: the ``smartcn`` analyzer when every node has the smartcn
  plugin, else the built-in ``cjk`` analyzer (ES has no jieba). Neither decides what matches.

Not from the engine: highlighting (snippets are cut from the database's text by
archive.search.snippets, as with Whoosh) and ids (haystack's ``archive.article.<pk>``).

haystack 3.4's own Elasticsearch 7 backend is subclassed so ``rebuild_index``,
``update_index`` and ``clear_index`` work; its field mapping ignores ``analyzer=``, so
``build_schema`` and the index settings are ours. The site's searches do not go through
haystack's SearchQuerySet (see ``search`` below).
"""

import logging
import os
import threading
import time
from pathlib import Path

import elasticsearch
from elasticsearch.exceptions import NotFoundError, TransportError
from elasticsearch.helpers import bulk, scan
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)
from haystack.utils import get_identifier

from archive.search.analysis import fold, segments
from archive.search.schema import (
    HEADLINE_BOOST,
    MIRRORED_FIELDS,
    identifier,
)

log = logging.getLogger(__name__)

ENGINE_PATH = "archive.search.elasticsearch_backend.ChineseElasticsearchEngine"
BATCH_SIZE = 500
PERSON_FACET_SIZE = 30
# Form limits: page ≤ 500, page_size ≤ 100 → the deepest hit a reader can ask for.
MAX_RESULT_WINDOW = 50_000
# Fields that are kept in _source for display and for check_index, never searched.
STORED_ONLY = ("url", "kicker", "title", "subtitle", "paper_name", "fingerprint")
SOURCE_FIELDS = ["django_id", *MIRRORED_FIELDS, "fingerprint"]
# The same analysis on every field that must be exact; the words analyzer is chosen at setup.
ANALYSIS = {
    "filter": {
        "archive_bigrams": {"type": "cjk_bigram", "output_unigrams": False},
    },
    "analyzer": {
        "cjk_exact": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "archive_bigrams"],
        },
        "cjk_chars": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase"],
        },
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
        "_source": {"excludes": ["text", "headline"]},
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
        self.shards = options.get("SHARDS") or os.environ.get("SEARCH_SHARDS") or 1
        self.replicas = options.get("REPLICAS") or os.environ.get("SEARCH_REPLICAS") or 1
        self.words_analyzer = (
            options.get("WORD_ANALYZER") or os.environ.get("SEARCH_WORD_ANALYZER") or "auto"
        )
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
        from archive.search import indexing

        docs = indexing.haystack_documents(index, iterable, self.log)
        if docs:
            self.write(docs, refresh=commit)

    def remove(self, obj_or_string, commit=True):
        pk = int(get_identifier(obj_or_string).rsplit(".", 1)[-1])
        if not self.setup_complete:
            self.setup()
        self.write([], remove_ids=[pk], refresh=commit)

    def write(self, docs, remove_ids=(), refresh=False):
        """Index (replace) ``docs`` — whoosh_document() dicts — and delete ``remove_ids``."""
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


# -- documents ----------------------------------------------------------------------------


def es_document(doc):
    """The indexed document for one whoosh_document(): folded text, names as keyword lists.

    Keys Whoosh needs for its own analysis (``words``, ``person_column``) are dropped; any key
    the schema adds later (a fingerprint, say) is kept in _source.
    """
    source = {k: v for k, v in doc.items() if k not in {"words", "person_column", "_id"}}
    source["text"] = fold(doc["text"])
    source["headline"] = fold(doc.get("headline", ""))
    for name in ("persons", "reporters"):
        value = doc.get(name, "")
        source[name] = [n for n in value.split(",") if n] if isinstance(value, str) else value
    source["django_id"] = str(doc["django_id"])
    return source


# -- query translation --------------------------------------------------------------------


def piece_query(value, field, boost=None):
    """Exact-substring query for one folded piece of the reader's query in ``field``.

    >>> piece_query("王付举", "text")
    {'match_phrase': {'text': {'query': '王付举'}}}
    >>> piece_query("防", "text")
    {'match_phrase': {'text.chars': {'query': '防'}}}
    >>> piece_query("covid", "text")
    {'match': {'text': {'query': 'covid', 'operator': 'and'}}}
    """
    parts = segments(value)
    options = {"query": value.strip()}
    if boost is not None:
        options["boost"] = boost
    if len(parts) == 1 and parts[0][0] == "word":
        return {"match": {field: {**options, "operator": "and"}}}
    edges = (parts[0], parts[-1])
    if any(kind == "cjk" and len(run) == 1 for kind, run in edges):
        return {"match_phrase": {f"{field}.chars": options}}
    return {"match_phrase": {field: options}}


def either(queries):
    if len(queries) == 1:
        return queries[0]
    return {"bool": {"should": queries, "minimum_should_match": 1}}


def text_query(clauses, use_words=True):
    """Clauses from query.parse_clauses → the ES ``bool`` that selects and ranks.

    ``must``: each clause (its alternatives ORed) in ``text`` — this decides what matches.
    ``must_not``: excluded words. ``should``: the same pieces in the headline (boosted) and,
    for ranking only, in ``text.words``.
    """
    must, must_not, should = [], [], []
    for clause in clauses:
        queries = [piece_query(v, "text") for v in clause.alternatives]
        if clause.exclude:
            must_not.extend(queries)
            continue
        must.append(either(queries))
        for value in clause.alternatives:
            should.append(piece_query(value, "headline", boost=HEADLINE_BOOST))
            if use_words:
                should.append({"match": {"text.words": {"query": value.strip()}}})
    if not must:
        must = [{"match_all": {}}]
    query = {"must": must}
    if must_not:
        query["must_not"] = must_not
    if should:
        query["should"] = should
    return query


def filter_clauses(filters):
    """paper, person, kind, page, year, month and a date range → ES filter clauses."""
    filters = filters or {}
    parts = []
    for key, field in (("paper", "paper"), ("person", "persons"), ("kind", "kind")):
        if filters.get(key):
            parts.append({"term": {field: filters[key]}})
    for key in ("year", "month"):
        if filters.get(key):
            parts.append({"term": {key: str(filters[key])}})
    if filters.get("page"):
        parts.append({"term": {"page": int(filters["page"])}})
    if filters.get("date_from") or filters.get("date_to"):
        bounds = {}
        if filters.get("date_from"):
            bounds["gte"] = str(filters["date_from"])[:10]
        if filters.get("date_to"):
            bounds["lte"] = str(filters["date_to"])[:10]
        parts.append({"range": {"date": bounds}})
    return parts


AGGREGATIONS = {
    "year": {
        "date_histogram": {
            "field": "date",
            "calendar_interval": "year",
            "format": "yyyy",
            "min_doc_count": 1,
        }
    },
    "month": {
        "date_histogram": {
            "field": "date",
            "calendar_interval": "month",
            "format": "yyyy-MM",
            "min_doc_count": 1,
        }
    },
    "paper": {"terms": {"field": "paper", "size": 200}},
    "page": {"terms": {"field": "page", "size": 200}},
    "kind": {"terms": {"field": "kind", "size": 20}},
    # Top persons: on several shards counts are per-shard estimates; a larger shard_size
    # makes the top 30 exact in practice.
    "person": {"terms": {"field": "persons", "size": PERSON_FACET_SIZE, "shard_size": 200}},
}
SORTS = {
    "relevance": None,
    "newest": [{"date": {"order": "desc"}}, {"_score": {"order": "desc"}}],
    "oldest": [{"date": {"order": "asc"}}, {"_score": {"order": "desc"}}],
}


def search_body(
    clauses, *, page=1, page_size=20, filters=None, sort="relevance", facets=True, use_words=True
):
    """The whole _search request body for one page of the reader's query."""
    query = text_query(clauses, use_words)
    extra = filter_clauses(filters)
    if extra:
        query["filter"] = extra
    body = {
        "query": {"bool": query},
        "from": (page - 1) * page_size,
        "size": page_size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if SORTS.get(sort):
        body["sort"] = SORTS[sort]
    if facets:
        body["aggs"] = AGGREGATIONS
    return body


def facets_from(aggregations):
    """ES aggregations → the Whoosh engine's facet shape: {name: [(value, count), …]}."""
    facets = {}
    for name in ("year", "month", "paper", "page", "kind", "person"):
        buckets = aggregations.get(name, {}).get("buckets", [])
        pairs = [
            (
                b.get("key_as_string", b["key"]) if name in {"year", "month"} else b["key"],
                b["doc_count"],
            )
            for b in buckets
            if b["doc_count"]
        ]
        if name not in {"year", "month"}:
            pairs.sort(key=lambda kv: (-kv[1], str(kv[0])))
        facets[name] = [(v, c) for v, c in pairs if v not in (None, "")]
    return facets


def hit_from(source, score):
    from archive.search.engine import Hit

    return Hit(
        id=int(source["django_id"]),
        url=source.get("url", ""),
        kicker=source.get("kicker", ""),
        title=source.get("title", ""),
        subtitle=source.get("subtitle", ""),
        paper=source.get("paper", ""),
        paper_name=source.get("paper_name", ""),
        date=str(source.get("date", ""))[:10],
        page=int(source.get("page") or 0),
        kind=source.get("kind", ""),
        persons=list(source.get("persons") or []),
        reporters=list(source.get("reporters") or []),
        score=score or 0.0,
    )


# -- the functions archive.search.backends routes here --------------------------------------


def get_backend():
    from haystack import connections

    return connections["default"].get_backend()


def search(
    query_text,
    *,
    page=1,
    page_size=20,
    filters=None,
    sort="relevance",
    path=None,
    facets=True,
    text_loader=None,
    use_words=True,
):
    """engine.search on the cluster: same arguments, same SearchResult. ``path`` is unused."""
    from archive.search.engine import SearchResult, _add_snippets, load_texts
    from archive.search.query import parse_query

    # use_words=False: the Whoosh word clauses (and jieba) are not needed for the clauses.
    parsed = parse_query(query_text, use_words=False)
    result = SearchResult(notes=list(parsed.notes), page=page, page_size=page_size)
    result.highlight = parsed.highlight
    if parsed.query is None:
        return result
    body = search_body(
        parsed.clauses,
        page=page,
        page_size=page_size,
        filters=filters,
        sort=sort,
        facets=facets,
        use_words=use_words,
    )
    raw = get_backend().raw_search(body)
    hits = raw.get("hits", {})
    total = hits.get("total", 0)
    result.total = total.get("value", 0) if isinstance(total, dict) else int(total)
    result.hits = [hit_from(h.get("_source", {}), h.get("_score")) for h in hits.get("hits", [])]
    if facets:
        result.facets = facets_from(raw.get("aggregations", {}))
    if result.hits:
        _add_snippets(result, text_loader or load_texts)
    return result


def doc_ids(query_text, *, path=None):
    """Every matching article id, unranked (engine.doc_ids on the cluster)."""
    from archive.search.query import parse_query

    parsed = parse_query(query_text, use_words=False)
    if parsed.query is None:
        return set()
    backend = get_backend()
    body = {"query": {"bool": text_query(parsed.clauses, use_words=False)}, "_source": False}
    try:
        return {
            int(h["_id"].rsplit(".", 1)[-1])
            for h in scan(backend.conn, body, index=backend.index_name)
        }
    except NotFoundError:
        return set()


_queue_lock = threading.Lock()


def queue_path():
    """Operations the cluster could not take are kept here until the next write."""
    from django.conf import settings

    return Path(settings.DATA_DIR) / f"search-{get_backend().index_name}"


def run(ops, *, refresh=True):
    """Apply ``[{"op": "sync"|"remove", "ids": [...]}]`` (after any queued ones) in one bulk.

    If the cluster does not answer, the operations are queued beside the data (the same
    queue file format as the Whoosh backend) and the next write applies them first.
    Returns True when written, False when queued.
    """
    from archive.search import indexing

    path = queue_path()
    with _queue_lock:
        queued, nbytes = indexing._read_queue(path)
        allops = queued + list(ops)
        syncs = sorted({pk for op in allops if op["op"] == "sync" for pk in op["ids"]})
        removes = {pk for op in allops if op["op"] == "remove" for pk in op["ids"]}
        docs, gone = indexing.documents_for(syncs) if syncs else ([], [])
        docs = [d for d in docs if int(d["django_id"]) not in removes]
        backend = get_backend()
        try:
            if not backend.setup_complete:
                backend.setup()
            backend.write(docs, sorted(set(gone) | removes), refresh=refresh)
        except (TransportError, elasticsearch.exceptions.ConnectionError) as exc:
            for op in ops:
                indexing.queue_operation(path, op["op"], op["ids"])
            log.warning("search cluster unavailable (%s); queued %s for the next write", exc, ops)
            return False
        indexing._drop_queue_head(path, nbytes)
        return True


def index_articles(ids, *, path=None):
    ids = [int(pk) for pk in ids]
    if ids:
        run([{"op": "sync", "ids": ids}])


def remove_articles(ids, *, path=None):
    ids = [int(pk) for pk in ids]
    if ids:
        run([{"op": "remove", "ids": ids}])


def apply_pending(*, path=None):
    return run([])


def clear(*, path=None):
    """Delete and recreate the index (empty, with the current settings and mapping)."""
    backend = get_backend()
    backend.delete_index()
    backend.setup()


def rebuild(*, path=None, batch_size=BATCH_SIZE, stdout=None):
    """Index every published article from scratch; one bulk request per batch."""
    from archive.models import Article
    from archive.search import indexing

    clear()
    backend = get_backend()
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    started, done = time.monotonic(), 0
    for i in range(0, len(ids), batch_size):
        docs, _ = indexing.documents_for(ids[i : i + batch_size])
        backend.write(docs)
        done += len(docs)
        if stdout is not None:
            rate = done / max(time.monotonic() - started, 1e-9)
            stdout.write(f"indexed {done}/{len(ids)} articles ({rate:.0f}/s)\n")
    backend.conn.indices.refresh(index=backend.index_name)
    return done


def ping():
    """Raise if the cluster or the index does not answer (for /healthz)."""
    backend = get_backend()
    if not backend.setup_complete:
        backend.setup()
    backend.conn.count(index=backend.index_name)


def indexed_entries(path=None):
    """{article id: stored fields} for check_index, in the shape whoosh_document() gives."""
    backend = get_backend()
    entries = {}
    query = {"query": {"term": {"django_ct": "archive.article"}}}
    try:
        for hit in scan(backend.conn, query, index=backend.index_name):
            fields = dict(hit["_source"])
            for name in ("persons", "reporters"):
                fields[name] = ",".join(fields.get(name) or [])
            entries[int(fields["django_id"])] = fields
    except NotFoundError:
        pass
    return entries
