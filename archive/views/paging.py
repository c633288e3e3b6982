"""Moving through lists on the reader pages: numbered pages of results, previous and next."""

import math
from functools import lru_cache
from urllib.parse import quote_plus

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

# Page numbers shown either side of the current one (then … and the first or last page).
WINDOW = 3


def paginate(queryset, number, per_page=20):
    """One page of results; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("没有这一页") from exc


def query_url(params, **changes):
    """``?`` and the parameters with ``changes`` applied; empty values are dropped.

    >>> query_url({"q": "防控", "page": "3", "sort": ""}, page=None, paper="jzrb")
    '?q=%E9%98%B2%E6%8E%A7&paper=jzrb'
    """
    merged = {key: value for key, value in params.items() if value not in ("", None)}
    merged.update(changes)
    return "?" + "&".join(_pair(k, str(v)) for k, v in merged.items() if v not in ("", None))


@lru_cache(maxsize=4096)
def _pair(key, value):
    """``key=value`` as urlencode writes it; a search page builds about eighty links that
    share most of their pairs (the query above all), so each pair is quoted once."""
    return quote_plus(key) + "=" + quote_plus(value)


def last_page(total, per_page):
    """``last_page(41, 20) == 3``; an empty list still has its page 1."""
    return max(1, math.ceil(total / per_page))


def numbered_pages(params, current, last):
    """Previous/next, the first and last page, and a window of numbers around ``current``,
    each a url keeping every other parameter (templates/includes/pagination.html)."""
    window = range(max(1, current - WINDOW), min(last, current + WINDOW) + 1)
    return {
        "last": last,
        "previous": query_url(params, page=current - 1) if current > 1 else None,
        "next": query_url(params, page=current + 1) if current < last else None,
        "numbers": [(n, query_url(params, page=n), n == current) for n in window],
        "first_url": query_url(params, page=1) if window and window[0] > 1 else None,
        "last_url": query_url(params, page=last) if window and last > window[-1] else None,
    }


def neighbours(items, current):
    """The items before and after `current` in a list, or None at either end."""
    index = items.index(current)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following
