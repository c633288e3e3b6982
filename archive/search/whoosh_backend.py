"""The embedded engine: a Whoosh index in a folder (SEARCH_URL unset, or ``whoosh:///path``).

``WhooshBackend`` is the site's engine (archive.search.base's interface). It keeps one warm
searcher per thread: haystack's SearchQuerySet refreshes the index, runs a "narrow" query
over every document and opens a new searcher on each call (~400 ms here); a kept searcher
answers in ~20 ms and is reopened only when a writer has committed (``up_to_date()`` compares
the TOC generation). Readers never take the index lock: a searcher reads a snapshot of
committed segments, so an ingest writing at the same time cannot block or fail a search.

    search("王付举").total       # 6 on the seed page (archive.search.search, this engine)

``ChineseWhooshEngine`` is haystack's engine for manage.py rebuild_index, update_index and
clear_index: the Chinese schema, one writer per batch, and removals through the durable queue.
"""

import heapq
import os
import threading
from contextlib import contextmanager

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.utils import get_identifier
from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.index import LockError

from archive.search import budget
from archive.search.base import SearchBackend
from archive.search.database import haystack_documents
from archive.search.pending import PendingOperations
from archive.search.results import hit_from
from archive.search.schema import SCHEMA, whoosh_document
from archive.search.whoosh_facets import (
    column_values,
    facets_of,
    first_in_date_order,
    live_docnums,
)
from archive.search.whoosh_match import docnums_for
from archive.search.whoosh_query import (
    WITHIN,
    filter_query,
    headline_query,
    matching_docnums,
    ranking_terms,
)
from archive.search.whoosh_rank import best
from archive.search.whoosh_writing import (
    add_documents,
    new_writer,
    open_for_reading,
    open_index,
    write_batch,
)

# Matches scored for relevance at most; a query matching more is ordered without scores.
RANK_LIMIT = 600
# A jieba word in more than this share of the articles (月, 1, 的) adds almost nothing to a
# BM25 score but costs a read of its whole posting list: it is left out of the ranking.
COMMON_WORD_SHARE = 0.05


class WhooshBackend(SearchBackend):
    unavailable = (LockError,)

    def __init__(self, options):
        super().__init__(options)
        self.path = str(options["PATH"])
        self._local = threading.local()

    # -- reading ---------------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher, refreshed if the index changed; None if there is no index."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            try:
                if not searcher.up_to_date():
                    searcher = searcher.refresh()
            except (OSError, whoosh_index.IndexError):
                # The index was cleared or replaced under us; open it again below.
                searcher = None
        if searcher is None:
            if not os.path.isdir(self.path) or not whoosh_index.exists_in(self.path):
                return None
            searcher = open_for_reading(self.path).searcher()
        self._local.searcher = searcher
        return searcher

    def find(self, result, parsed, *, filters, sort, facets, use_words):
        searcher = self.searcher()
        if searcher is None:
            return
        # One unscored pass finds every match (the total and the facets); then only the page
        # shown is ranked (see _page_of).
        within = WITHIN.get((filters or {}).get("field"), "text")
        docnums = matching_docnums(searcher, parsed, lambda: live_docnums(searcher), within)
        fq = filter_query(filters)
        if fq is not None and docnums:
            docnums.intersection_update(searcher.docs_for_query(fq))
        result.total = len(docnums)
        if facets:
            result.facets = facets_of(searcher, docnums)
        if not docnums:
            return
        page, size = result.page, result.page_size
        keep_word = _rare_enough(searcher) if use_words else False
        for docnum, score in _ranked(searcher, parsed, keep_word, docnums, sort, page * size)[
            (page - 1) * size :
        ]:
            result.hits.append(hit_from(searcher.stored_fields(docnum), score))

    def matching_ids(self, parsed):
        searcher = self.searcher()
        if searcher is None:
            return set()
        docnums = matching_docnums(searcher, parsed, lambda: live_docnums(searcher))
        return {int(searcher.stored_fields(n)["django_id"]) for n in docnums}

    def version(self):
        # The warm searcher is refreshed when a writer committed, so its generation is the
        # index's latest; the path tells indexes apart (each test has its own).
        searcher = self.searcher()
        return None if searcher is None else f"{self.path}:{searcher.reader().generation()}"

    def ping(self):
        # The kept searcher, not a new one: opening every segment afresh cost 386 ms at 10×
        # the corpus (ten segments) on each probe. Its up_to_date() reads the TOC, so a
        # folder that went away or cannot be read still fails here.
        searcher = self.searcher()
        if searcher is None:
            open_index(self.path)  # creates the empty index of a new archive, as ingest would
            searcher = self.searcher()
        searcher.doc_count()

    def doc_count(self):
        searcher = self.searcher()
        return 0 if searcher is None else searcher.doc_count()

    def stored_entries(self):
        with open_index(self.path).searcher() as searcher:
            for fields in searcher.all_stored_fields():
                if fields.get("django_ct") == "archive.article":
                    yield int(fields["django_id"]), fields

    # -- writing ---------------------------------------------------------------------------

    def pending(self):
        return PendingOperations(self.path)

    @contextmanager
    def writing(self, size):
        with self._writer(size) as writer:
            yield lambda docs, remove_ids: write_batch(
                writer, [whoosh_document(d) for d in docs], remove_ids
            )

    @contextmanager
    def _writer(self, size=0, **commit):
        writer = new_writer(open_index(self.path), docs=size)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(**commit)

    def add(self, docs):
        with self._writer(len(docs)) as writer:
            add_documents(writer, [whoosh_document(d) for d in docs])

    def clear(self):
        """Remove every document, keeping the index directory open for readers."""
        with self._writer(mergetype=writing.CLEAR):
            pass

    def optimize(self):
        """Each ingest adds a segment and Whoosh merges only the small ones, so after a large
        bulk load searches walk many segments: one merge makes them several times faster."""
        before = len(open_index(self.path)._segments())
        with self._writer(optimize=True):
            pass
        return before, len(open_index(self.path)._segments())


def _rare_enough(searcher):
    """keep_word for whoosh_query: words in at most COMMON_WORD_SHARE of the documents."""
    limit = COMMON_WORD_SHARE * searcher.doc_count_all()
    return lambda word: searcher.doc_frequency("words", word) <= limit


def _ranked(searcher, parsed, keep_word, docnums, sort, limit):
    """_page_of, within the search's time budget: past it (or once matching used it up) the
    matches found are shown newest first, unscored, which costs a walk of the date order."""
    if not budget.expired():
        try:
            return _page_of(searcher, parsed, keep_word, docnums, sort, limit)
        except budget.OutOfTime:
            pass
    return [(d, 0.0) for d in first_in_date_order(searcher, docnums, limit, sort != "oldest")]


def _page_of(searcher, parsed, keep_word, docnums, sort, limit):
    """The best ``limit`` of ``docnums`` as (docnum, score): by ``sort``, or by relevance.

    Up to RANK_LIMIT matches are scored (BM25 of the query's bigrams in the text and the
    headline, and of jieba's words: archive.search.whoosh_rank). Past it — 的, 1, 1998年 — scoring every match costs seconds in Whoosh, while
    the reader sees twenty: those in the headline come first, then the rest, newest first
    within each, walked in the archive's date order (see whoosh_facets.first_in_date_order).
    """
    if sort in ("newest", "oldest"):
        return [(d, 0.0) for d in _by_date(searcher, docnums, limit, sort == "newest")]
    if len(docnums) <= RANK_LIMIT:
        return best(searcher, docnums, ranking_terms(parsed, keep_word), limit)
    headline = headline_query(parsed)
    in_headline = docnums_for(searcher, headline) & docnums if headline else set()
    first = first_in_date_order(searcher, in_headline, limit)
    rest = first_in_date_order(searcher, docnums, limit - len(first), skip=in_headline)
    return [(d, 0.0) for d in first + rest]


def _by_date(searcher, docnums, limit, newest):
    """The first ``limit`` of ``docnums`` in date order: walk the archive's date order when
    the matches are dense enough to meet ``limit`` soon, else sort the matches."""
    if len(docnums) ** 2 > limit * searcher.doc_count_all():
        return first_in_date_order(searcher, docnums, limit, newest)
    dates = column_values(searcher, "date")
    if newest:
        return heapq.nsmallest(limit, docnums, key=lambda d: (_negated(dates[d]), d))
    return heapq.nsmallest(limit, docnums, key=lambda d: (dates[d] or "", d))


def _negated(date):
    """A key that sorts ISO dates newest first: ``_negated("2020-01-27") < _negated("2019")``."""
    return tuple(-ord(c) for c in date or "")


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    """haystack's Whoosh backend: ``build_schema`` gives our schema; ``update`` writes a whole
    batch with one writer (haystack's own opens a reader per document, ~100 ms each at 20k
    documents); ``remove`` and ``clear`` wait for the lock instead of failing, and a removal
    that cannot get it is queued, not lost."""

    def build_schema(self, fields):
        return "text", SCHEMA

    def site_backend(self):
        if not self.setup_complete:
            self.setup()
        return WhooshBackend({"PATH": self.path})

    def update(self, index, iterable, commit=True):
        backend = self.site_backend()
        docs = haystack_documents(index, iterable, self.log)
        if docs:
            with backend.writing(len(docs)) as write:
                write(docs, ())

    def remove(self, obj_or_string, commit=True):
        pk = get_identifier(obj_or_string).rsplit(".", 1)[-1]
        self.site_backend().apply(removes=[int(pk)])

    def clear(self, models=None, commit=True):
        # Only articles live in this index, so clearing some models means clearing all.
        self.site_backend().clear()


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
