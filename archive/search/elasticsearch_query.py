"""The reader's clauses (archive.search.query) as an Elasticsearch/OpenSearch request body.

A piece of two or more characters is a ``match_phrase`` of its bigrams in ``text`` (the
``cjk_exact`` analyzer of archive.search.elasticsearch_backend): exactly the documents
containing that substring, as with Whoosh. One character is a ``term`` of ``text.chars``.
A quoted phrase with spaces needs each of its pieces. The headline and ``text.words`` only
rank.

    >>> from archive.search.query import parse_query
    >>> search_body(parse_query("王付举").clauses, facets=False, use_words=False)["query"]
    {'bool': {'must': [{'match_phrase': {'text': {'query': '王付举'}}}], 'should': [{'match_phrase': {'headline': {'query': '王付举', 'boost': 4.0}}}]}}
"""

from archive.search.document import HEADLINE_BOOST, MIRRORED_FIELDS
from archive.search.results import DATE_FACETS, FACETS, PERSON_FACET_SIZE, facet_pairs

# What a hit and check_index read back from _source.
SOURCE_FIELDS = ["django_id", *MIRRORED_FIELDS, "fingerprint"]


def piece_query(value, field, boost=None):
    """Exact-substring query for one folded piece of the reader's query in ``field``.

    >>> piece_query("王付举", "text")
    {'match_phrase': {'text': {'query': '王付举'}}}
    >>> piece_query("防", "text")
    {'term': {'text.chars': {'value': '防'}}}
    >>> piece_query("控 工作", "text")
    {'bool': {'must': [{'term': {'text.chars': {'value': '控'}}}, {'match_phrase': {'text': {'query': '工作'}}}]}}
    """
    parts = [_part_query(part, field, boost) for part in value.split()]
    return parts[0] if len(parts) == 1 else {"bool": {"must": parts}}


def _part_query(part, field, boost):
    options = {"value" if len(part) == 1 else "query": part}
    if boost is not None:
        options["boost"] = boost
    if len(part) == 1:
        return {"term": {f"{field}.chars": options}}
    return {"match_phrase": {field: options}}


def either(queries):
    if len(queries) == 1:
        return queries[0]
    return {"bool": {"should": queries, "minimum_should_match": 1}}


# The reader's "search within" choice (filters["field"]) → the field searched, as in Whoosh.
WITHIN = {None: "text", "all": "text", "title": "headline", "byline": "byline"}


def text_query(clauses, use_words=True, field="text"):
    """Clauses from query.parse_clauses → the ES ``bool`` that selects and ranks.

    ``must``: each clause (its alternatives ORed) in ``text`` — this decides what matches.
    ``must_not``: excluded words. ``should``: the same pieces in the headline (boosted) and,
    for ranking only, in ``text.words``.
    """
    must, must_not, should = [], [], []
    for clause in clauses:
        queries = [piece_query(v, field) for v in clause.alternatives]
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


def _histogram(interval, date_format):
    return {
        "date_histogram": {
            "field": "date",
            "calendar_interval": interval,
            "format": date_format,
            "min_doc_count": 1,
        }
    }


AGGREGATIONS = {
    "year": _histogram("year", "yyyy"),
    "month": _histogram("month", "yyyy-MM"),
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
    query = text_query(clauses, use_words, WITHIN.get((filters or {}).get("field"), "text"))
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
    """ES aggregations → the site's facet shape: {name: [(value, count), …]}."""
    facets = {}
    for name in FACETS:
        key = "key_as_string" if name in DATE_FACETS else "key"
        buckets = aggregations.get(name, {}).get("buckets", [])
        counts = {b.get(key, b["key"]): b["doc_count"] for b in buckets if b["doc_count"]}
        facets[name] = facet_pairs(name, counts)
    return facets
