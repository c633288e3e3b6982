"""Recent search answers, kept a short while in the default cache (shared by every worker).

An attack repeats a few costly queries; a reader pages back and forth through the same one.
Each answer is kept under its normalised query (the parsed clauses, so 鄭州 and 郑州, extra
spaces or ``AND`` are one key), filters, page, order and page size, and the engine's version
of the index: any commit (an ingest, a publish, another worker's writer) changes the version,
so an answer is never older than the index that gave it. An engine that cannot tell its
version (base.SearchBackend.version() is None) gets no caching.

    answer = cached_search(("王付举", {}, 1, "relevance", 20), lambda: run_the_search())

SEARCH_CACHE_SECONDS (default 60; 0 turns it off). A failing cache (read-only data folder)
runs the search as if nothing were cached.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from archive import search
from archive.search.query import parse_query

log = logging.getLogger(__name__)


def answer_key(q, filters, page, sort, page_size, extra=()):
    """The cache key of one search, or None when answers are not cached."""
    if not settings.SEARCH_CACHE_SECONDS:
        return None
    version = search.version()
    if version is None:
        return None
    clauses = [(c.alternatives, c.exclude) for c in parse_query(q).clauses]
    what = (version, clauses, sorted((filters or {}).items()), page, sort, page_size, extra)
    return "search-answer:" + hashlib.sha256(repr(what).encode()).hexdigest()


def cached_search(key, run):
    """The answer kept under ``key``, or ``run()``'s, kept for SEARCH_CACHE_SECONDS. Answers
    stopped at the time budget are kept too: those are the ones worth not computing again."""
    if key is None:
        return run()
    try:
        answer = cache.get(key)
    except Exception:
        log.warning("search answers not cached: the cache cannot be read", exc_info=True)
        return run()
    if answer is not None:
        return answer
    answer = run()
    try:
        cache.set(key, answer, timeout=settings.SEARCH_CACHE_SECONDS)
    except Exception:
        log.warning("search answer not cached: the cache cannot be written", exc_info=True)
    return answer
