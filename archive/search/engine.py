"""The site's search path: one warm Whoosh searcher per process (per thread), no haystack.

haystack's SearchQuerySet refreshes the index, runs a "narrow" query over every document and
opens a new searcher on each call (~400 ms here). A kept searcher answers in ~20 ms; it is
reopened only when a writer has committed (``up_to_date()`` compares the TOC generation).

    >>> result = search("王付举", page=1, page_size=20)
    >>> result.total, [h.title for h in result.hits][:1]
    (6, ['全民动员 人人参与 群防群控 众志成城 坚决打赢疫情防控阻击战'])

Readers never take the index lock: a Whoosh searcher reads a snapshot of committed
segments, so an ingest writing at the same time cannot block or fail a search.
"""

import os
import threading
from collections import Counter
from dataclasses import dataclass, field

from whoosh import collectors, matching
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.util import make_binary_tree

from archive.search.backends import cluster, using_elasticsearch
from archive.search.query import parse_query
from archive.search.schema import SCHEMA
from archive.search.snippets import make_snippet

SORTS = {"relevance": None, "newest": ("date", True), "oldest": ("date", False)}
FACETS = {"year": "year", "month": "month", "paper": "paper", "page": "page", "kind": "kind"}
PERSON_FACET_SIZE = 30

_local = threading.local()
_epoch = 0  # bumped by reset(); cached searchers from an older epoch are dropped


@dataclass
class Hit:
    id: int
    url: str
    kicker: str
    title: str
    subtitle: str
    paper: str
    paper_name: str
    date: str
    page: int
    kind: str
    persons: list
    reporters: list
    score: float = 0.0
    snippet: str = ""


@dataclass
class SearchResult:
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    page: int = 1
    page_size: int = 20
    highlight: list = field(default_factory=list)


def default_index_path():
    from django.conf import settings

    return settings.HAYSTACK_CONNECTIONS["default"]["PATH"]


def reset():
    """Forget every cached searcher (tests give each test its own index)."""
    global _epoch
    _epoch += 1
    _local.searchers = {}


def get_searcher(path=None):
    """This thread's searcher for ``path``, refreshed if the index changed; None if no index."""
    path = str(path or default_index_path())
    cache = getattr(_local, "searchers", None)
    if cache is None or getattr(_local, "epoch", None) != _epoch:
        cache = _local.searchers = {}
        _local.epoch = _epoch
    searcher = cache.get(path)
    if searcher is not None:
        try:
            if not searcher.up_to_date():
                searcher = searcher.refresh()
        except (OSError, whoosh_index.IndexError):
            # The index was cleared or replaced under us; open it again below.
            searcher = None
    if searcher is None:
        if not os.path.isdir(path) or not whoosh_index.exists_in(path):
            return None
        searcher = open_for_reading(path).searcher()
    cache[path] = searcher
    return searcher


def open_for_reading(path):
    """The index at ``path``, read through plain file reads instead of mmap.

    With mmap, Whoosh's CompoundStorage wraps each part of a segment in a BytesIO, which
    copies it: every searcher held the whole term dictionary and posting file in private
    memory (+120 MB per gunicorn worker for the 1998-01 corpus, growing with the archive).
    File reads leave the index in the kernel's page cache, shared by all workers.
    """
    return FileStorage(path, supports_mmap=False, readonly=True).open_index(schema=SCHEMA)


def filter_query(filters):
    """Whoosh filter for paper, person, kind, page, year, month and a date range (ISO strings)."""
    filters = filters or {}
    parts = []
    for key, fieldname in (("paper", "paper"), ("person", "persons"), ("kind", "kind")):
        if filters.get(key):
            parts.append(wq.Term(fieldname, filters[key]))
    for key in ("year", "month"):
        if filters.get(key):
            parts.append(wq.Term(key, str(filters[key])))
    if filters.get("page"):
        parts.append(wq.NumericRange("page", int(filters["page"]), int(filters["page"])))
    if filters.get("date_from") or filters.get("date_to"):
        start = str(filters.get("date_from") or "") or None
        end = str(filters.get("date_to") or "") or None
        parts.append(wq.TermRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _hit(fields, score):
    return Hit(
        id=int(fields["django_id"]),
        url=fields.get("url", ""),
        kicker=fields.get("kicker", ""),
        title=fields.get("title", ""),
        subtitle=fields.get("subtitle", ""),
        paper=fields.get("paper", ""),
        paper_name=fields.get("paper_name", ""),
        date=fields.get("date", ""),
        page=fields.get("page", 0),
        kind=fields.get("kind", ""),
        persons=[n for n in fields.get("persons", "").split(",") if n],
        reporters=[n for n in fields.get("reporters", "").split(",") if n],
        score=score or 0.0,
    )


def _column_values(searcher, fieldname):
    """Every document's value of a facet column, read once per searcher.

    A list indexed by docnum, its values shared (one object per distinct value), so it costs
    one pointer per document and field: ~0.8 MB per field at 94k articles. Counting a facet is
    then a list lookup per matching document instead of a file read through Whoosh's column
    reader (and no second scoring pass, as Whoosh's ``groupedby`` needs).
    """
    cache = searcher.__dict__.setdefault("_archive_columns", {})
    values = cache.get(fieldname)
    if values is None:
        shared = {}
        column = searcher.reader().column_reader(fieldname)
        values = cache[fieldname] = [shared.setdefault(v, v) for v in column]
    return values


def _facets(searcher, docnums):
    facets = {}
    for name, fieldname in FACETS.items():
        values = _column_values(searcher, fieldname)
        counts = Counter(values[d] for d in docnums)
        if name in {"year", "month"}:
            pairs = sorted(counts.items(), key=lambda kv: str(kv[0]))
        else:
            pairs = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        facets[name] = [(value, count) for value, count in pairs if value not in (None, "")]
    facets["person"] = _person_facet(searcher, docnums)
    return facets


def _person_values(searcher):
    """Each document's distinct person names (a tuple, or None), read once per searcher;
    names shared between documents are one object (a few MB at 94k articles)."""
    cache = searcher.__dict__.setdefault("_archive_columns", {})
    values = cache.get("person_column")
    if values is None:
        names, values = {}, []
        for raw in searcher.reader().column_reader("person_column"):
            if raw:
                split = dict.fromkeys(raw.decode("utf-8").split("\n"))
                values.append(tuple(names.setdefault(n, n) for n in split))
            else:
                values.append(None)
        cache["person_column"] = values
    return values


def _person_facet(searcher, docnums):
    """The most mentioned persons among the matching documents, from the person column."""
    values = _person_values(searcher)
    counts = Counter()
    for docnum in docnums:
        names = values[docnum]
        if names:
            counts.update(names)
    pairs = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pairs[:PERSON_FACET_SIZE]


class _PhraseScore(wq.Phrase):
    """A phrase's score without its position check: the intersection of its terms.

    Whoosh scores a Phrase as the sum of its terms' scores (the span matcher wraps an
    intersection of the term matchers built exactly like this one and only filters it), so
    for a document known to contain the phrase this gives the same score, skips decoding
    positions, and allows block-quality skipping (the span matcher does not).
    """

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname]
        reader = searcher.reader()
        ms = []
        for word in self.words:
            term = (self.fieldname, field.to_bytes(word))
            if term not in reader:
                return matching.NullMatcher()
            ms.append(wq.Term(*term).matcher(searcher, context))
        m = make_binary_tree(matching.IntersectionMatcher, ms)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def ranking_query(q):
    """``q`` for ranking documents already known to match it: each phrase that every match
    must contain (not under Or, nor on the excluded side of AndNot) becomes a _PhraseScore."""
    if type(q) is wq.Phrase:
        return _PhraseScore(q.fieldname, q.words, slop=q.slop, boost=q.boost)
    if type(q) is wq.And:
        return wq.And([ranking_query(sub) for sub in q.subqueries], boost=q.boost)
    if type(q) is wq.AndNot:
        return wq.AndNot(ranking_query(q.a), q.b)
    if type(q) is wq.AndMaybe:
        return wq.AndMaybe(ranking_query(q.a), q.b)
    return q


def matching_docnums(searcher, parsed, filters=None):
    """The set of docnums matching the required part of the query and the filters: unscored.

    The ranking clauses (headline, jieba words) never change which documents match, so the
    set comes from ``parsed.must`` alone.
    """
    docnums = set(searcher.docs_for_query(parsed.must or parsed.query))
    fq = filter_query(filters)
    if fq is not None and docnums:
        docnums.intersection_update(searcher.docs_for_query(fq))
    return docnums


def _ranked(searcher, query, limit, docnums, sortedby=None, reverse=False):
    """The best ``limit`` of ``docnums`` for ``query`` (or in ``sortedby`` order).

    Whoosh's top-N collector periodically "replaces" the matcher given the lowest score in
    the heap, and an AndMaybe replaced so drops its optional clauses for later documents:
    of 30 identical copies of an article only the first kept its headline/words score.
    ``replace = 0`` and no block-quality skipping keep the ranking exactly that of scoring
    every match (as the collector that gathered every match for the facets did before).
    """
    if sortedby:
        collector = collectors.SortingCollector(sortedby, limit=limit, reverse=reverse)
    else:
        collector = collectors.TopCollector(limit, usequality=False)
    collector.replace = 0
    collector = collectors.FilterCollector(collector, docnums, None)
    searcher.search_with_collector(query, collector)
    return collector.results()


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
    """Run the reader's query; return one page of hits with snippets, the total and facets.

    ``text_loader(ids) -> {id: text}`` supplies the text snippets are cut from (default: the
    articles' paragraphs from the database, one query per page of hits).
    """
    if using_elasticsearch():
        return cluster().search(
            query_text,
            page=page,
            page_size=page_size,
            filters=filters,
            sort=sort,
            facets=facets,
            text_loader=text_loader,
            use_words=use_words,
        )
    parsed = parse_query(query_text, use_words=use_words)
    result = SearchResult(notes=list(parsed.notes), page=page, page_size=page_size)
    result.highlight = parsed.highlight
    searcher = get_searcher(path)
    if parsed.query is None or searcher is None:
        return result
    sortedby, reverse = None, False
    if SORTS.get(sort):
        sortedby, reverse = SORTS[sort]
    # One unscored pass finds every match (the total and the facets); the ranked pass below
    # then only has to find the best page * page_size, and may skip posting blocks that
    # cannot reach them (Whoosh's block quality). Its filter is the set itself, so whatever
    # the ranked pass skips or matches, only true matches are shown.
    docnums = matching_docnums(searcher, parsed, filters)
    result.total = len(docnums)
    if facets:
        result.facets = _facets(searcher, docnums)
    if not docnums:
        return result
    results = _ranked(
        searcher, ranking_query(parsed.query), page * page_size, docnums, sortedby, reverse
    )
    start = (page - 1) * page_size
    for i in range(start, min(len(results.top_n), page * page_size)):
        result.hits.append(_hit(results[i].fields(), results[i].score))
    if result.hits and parsed.highlight is not None:
        _add_snippets(result, text_loader or load_texts)
    return result


def _add_snippets(result, text_loader):
    texts = text_loader([hit.id for hit in result.hits])
    for hit in result.hits:
        hit.snippet = make_snippet(texts.get(hit.id, ""), result.highlight)


def load_texts(ids):
    """Article body text by id, from the database: what snippets are cut from."""
    from archive.models import Article

    rows = Article.objects.filter(pk__in=ids).values_list("pk", "paragraphs")
    return {pk: "\n".join(paragraphs) for pk, paragraphs in rows}


def doc_ids(query_text, *, path=None):
    """Every matching article id, unranked: for truth checks and the benchmark."""
    if using_elasticsearch():
        return cluster().doc_ids(query_text)
    parsed = parse_query(query_text, use_words=False)
    searcher = get_searcher(path)
    if parsed.query is None or searcher is None:
        return set()
    return {
        int(searcher.stored_fields(n)["django_id"]) for n in searcher.docs_for_query(parsed.query)
    }
