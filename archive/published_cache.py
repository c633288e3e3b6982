"""Whole answers that change only when what is published changes: the new-issues feed and the
sitemap. Rendering the feed costs about 55 ms (30 issues with their front pages), a sitemap
part more at scale, and feed readers and crawlers ask for the same bytes again and again.

An answer is kept under its host, path, query string and the search index's version. Every
publish, unpublish or correction of a published article commits the index, so the version
moves and the next request renders afresh: nothing kept outlives the content it shows. An
engine that cannot tell its version gets no caching, as for search answers (search_cache.py).

    urlpatterns = [path("feeds/issues/", kept_until_published(NewIssuesFeed()))]

Kept SEARCH_CACHE_SECONDS at most (0 turns it off). A failing cache (read-only or full data
folder) renders every time.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from archive import search

log = logging.getLogger(__name__)

# Only these headers describe the answer itself; per-request ones (cookies, CSRF) are not kept.
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def answer_key(request):
    """The cache key of this GET, or None when it is not to be cached."""
    if request.method not in ("GET", "HEAD") or not settings.SEARCH_CACHE_SECONDS:
        return None
    version = search.version()
    if version is None:
        return None
    # Feeds and sitemaps write absolute addresses: the host and scheme are part of the answer.
    where = (request.scheme, request.get_host())
    what = (version, where, request.path, request.META.get("QUERY_STRING", ""))
    return "published-answer:" + hashlib.sha256(repr(what).encode()).hexdigest()


def kept_until_published(view):
    """``view`` with its 200 answers kept until the index changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = answer_key(request)
        kept = _get(key) if key else None
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if key and response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):  # a TemplateResponse is rendered before it is kept
                response.render()
            headers = [(n, response[n]) for n in KEPT_HEADERS if response.has_header(n)]
            _set(key, (response.content, headers))
        return response

    return wrapper


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        log.warning("kept answers unavailable: the cache cannot be read", exc_info=True)
        return None


def _set(key, value):
    try:
        cache.set(key, value, timeout=settings.SEARCH_CACHE_SECONDS)
    except Exception:
        log.warning("answer not kept: the cache cannot be written", exc_info=True)
