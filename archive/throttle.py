"""Per-client rate limits on the costly public URLs: search, the JSON API and the feeds.

Each limit is a rate, "5/20s" (five per 20 seconds), kept per client address in the default
cache as one number, the time the client's allowance is used up to (the generic cell rate
algorithm): a request moves it on by period/N, and is refused while it lies more than one
period ahead of now. So N may come at once, then one every period/N; a client that waited
gets its N back; only active clients hold a cache entry, whatever the traffic.

Search also has a budget of server time ("2/20s": two seconds of work at once, six a
minute), charged after each search with what it took, and runs one search at a time per
client. A request count alone cannot protect readers: one query built from 179 single
characters cost as much as a thousand ordinary ones before searches had a cost bound.

Error answers are counted too ("20/m" of 400 and 404 per client, RATE_LIMIT_ERRORS): a
client that keeps asking for pages that cannot exist is scanning, not reading, and once over
its allowance every public URL answers it 429 until the allowance is back. Only error answers
touch the cache for this; the refusal itself is remembered in the worker that counted it.

A failing cache (a read-only or full data folder, a Redis that went away) lets requests
through: the limits protect the site, and must never be what breaks it.
"""

import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed

from archive.clients import client_key

log = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    """N events per period (seconds); Rate.parse("30/m") is Rate(30, 60)."""

    count: float
    period: int

    @classmethod
    def parse(cls, text):
        """ "30/m", "1000/h", "5/10m"; "" or "0" is None (no limit).

        >>> Rate.parse("30/m"), Rate.parse("5/10m"), Rate.parse("0")
        (Rate(count=30.0, period=60), Rate(count=5.0, period=600), None)
        """
        if not text or text.strip() in {"0", "off", "none"}:
            return None
        match = _RATE.match(text)
        if match is None:
            raise ValueError(f"rate {text!r}: expected N/m, N/h, N/10m …")
        count, multiple, unit = match.groups()
        rate = cls(float(count), int(multiple or 1) * PERIODS[unit])
        return rate if rate.count > 0 else None

    @property
    def interval(self):
        """Seconds one event takes out of the allowance."""
        return self.period / self.count


def _cache_key(name, client):
    return f"rl:{name}:{client}"


def _tat(key, now):
    try:
        return max(float(cache.get(key) or 0.0), now)
    except Exception:
        _cache_failed()
        return None


def _store(key, tat, period):
    _set(key, tat, int(period) + 60)


_last_warning = 0.0


def _cache_failed():
    """Log a broken cache once a minute, not once a request."""
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        log.warning("rate limits suspended: the cache cannot be read or written", exc_info=True)


def wait_time(name, client, rate, *, cost=1.0, now=None):
    """Seconds the client must wait before `cost` more events fit; 0 means go ahead (and the
    events are counted). With Rate.parse("2/m") a fresh client gets 0, 0, then 30.0.
    """
    now = time.time() if now is None else now
    key = _cache_key(name, client)
    tat = _tat(key, now)
    if tat is None:
        return 0
    after = tat + cost * rate.interval
    if after - now > rate.period:
        return round(after - now - rate.period, 1)
    _store(key, after, rate.period)
    return 0


def charge(name, client, rate, cost, *, now=None):
    """Count `cost` events that already happened (seconds a search took), admitted or not."""
    now = time.time() if now is None else now
    key = _cache_key(name, client)
    tat = _tat(key, now)
    if tat is not None:
        _store(key, tat + cost * rate.interval, rate.period)


def over_budget(name, client, rate, *, reserve=0.0, now=None):
    """Seconds until a client that used up its budget may spend again (0: it may); with
    `reserve`, until that many more events fit."""
    now = time.time() if now is None else now
    tat = _tat(_cache_key(name, client), now)
    if tat is None:
        return 0
    ahead = tat + reserve * rate.interval - now
    return round(ahead - rate.period, 1) if ahead > rate.period else 0


RUNNING = "上一个检索尚未完成"

# The throttled URLs, by path prefix (the first that matches names the limit).
GROUPS = (
    ("/search/", "search"),
    ("/api/search", "search"),
    ("/feeds/search/", "search"),  # a saved search as a feed runs the same query
    ("/api/", "api"),
    ("/feeds/", "feeds"),
)


def group_of(path):
    """ "/api/search" → "search", "/api/articles/17" → "api", "/jzrb/" → None.

    >>> group_of("/feeds/search/"), group_of("/feeds/issues/"), group_of("/jzrb/")
    ('search', 'feeds', None)
    """
    for prefix, name in GROUPS:
        if path.startswith(prefix):
            return name
    return None


def rates():
    """{group: Rate or None} from settings, parsed once per settings object."""
    return {
        "search": Rate.parse(settings.RATE_LIMIT_SEARCH),
        "api": Rate.parse(settings.RATE_LIMIT_API),
        "feeds": Rate.parse(settings.RATE_LIMIT_FEEDS),
    }


def search_time_rate():
    return Rate.parse(settings.RATE_LIMIT_SEARCH_TIME)


def errors_rate():
    return Rate.parse(settings.RATE_LIMIT_ERRORS)


def login_failure_rate():
    return Rate.parse(settings.LOGIN_FAILURES_PER_ADDRESS)


@dataclass(frozen=True)
class Verdict:
    """What the middleware does with a request: serve it (wait 0) or answer 429."""

    wait: float = 0
    group: str | None = None
    reason: str = "请求过于频繁"


# Refusals this process already decided: {(group, client): (until, reason)}. A refused
# client's allowance never moves back (every charge moves it further ahead), so a refusal
# holds until its wait is over: the client's next requests in that time are refused without
# reading the cache (an attacker's flood is mostly these). Not the "one search at a time"
# refusal, which ends whenever the other search does.
_refused = {}
_REFUSED_KEPT = 10_000


def check(request):
    """The verdict on this request; an admitted search is marked running until finished."""
    group = group_of(request.path_info)
    if group is None and not _refused:
        return Verdict()
    client = client_key(request)
    now = time.time()
    scanning = _refused.get((ERRORS, client))
    if scanning is not None and scanning[0] > now and not _is_staff_path(request.path_info):
        return Verdict(scanning[0] - now, ERRORS, scanning[1])
    if group is None:
        return Verdict()
    known = _refused.get((group, client))
    if known is not None and known[0] > now:
        return Verdict(known[0] - now, group, known[1])
    verdict = _check(group, client)
    if verdict.wait and verdict.reason != RUNNING:
        if len(_refused) >= _REFUSED_KEPT:
            _refused.clear()
        # Less the rounding of the wait to a tenth: never refused past the real wait.
        _refused[(group, client)] = (now + verdict.wait - 0.1, verdict.reason)
    return verdict


ERRORS = "errors"
COUNTED_ERRORS = frozenset({400, 404})
SCANNING = "出错的请求过多"


def _is_staff_path(path):
    # Staff work in the admin is theirs to get wrong; the login has its own limits.
    return path.startswith("/admin/")


# Asked for by browsers and crawlers on their own, or missing through the site's fault (a
# static file): never a sign of scanning.
UNCOUNTED = ("/static/", "/media/", "/favicon.ico", "/apple-touch-icon")


def _counts_as_error(request, status):
    path = request.path_info
    return status in COUNTED_ERRORS and not _is_staff_path(path) and not path.startswith(UNCOUNTED)


def count_error(request, status):
    """After an answer: a 400 or 404 on a public URL counts against the client; the one
    that puts it over its allowance makes this worker refuse it until the allowance is back."""
    rate = errors_rate()
    if rate is None or not _counts_as_error(request, status):
        return
    client = client_key(request)
    charge(ERRORS, client, rate, 1)
    wait = over_budget(ERRORS, client, rate)
    if wait:
        if len(_refused) >= _REFUSED_KEPT:
            _refused.clear()
        _refused[(ERRORS, client)] = (time.time() + wait - 0.1, SCANNING)


def forget_refusals(**kwargs):
    """Drop the refusals kept in this process (a test changed the limits or the cache)."""
    _refused.clear()


setting_changed.connect(forget_refusals)


def _check(group, client):
    if group == "search":
        verdict = _search_verdict(client)
        if verdict.wait:
            return verdict
    rate = rates()[group]
    wait = wait_time(group, client, rate) if rate else 0
    if group == "search" and not wait and search_time_rate():
        _set(_running_key(client), time.time(), settings.REQUEST_TIMEOUT * 4)
    return Verdict(wait, group)


def finish_search(request, seconds):
    """After a search: charge the time it took and clear its running mark."""
    budget = search_time_rate()
    if budget:
        client = client_key(request)
        charge("search-time", client, budget, seconds)
        _delete(_running_key(client))


# A search that never finished (its worker was killed at the timeout) left its mark; the
# next request of the client pays the timeout for it.
def _search_verdict(client):
    budget = search_time_rate()
    if budget is None:
        return Verdict()
    started = _get(_running_key(client))
    now = time.time()
    if started is not None and now - started > settings.REQUEST_TIMEOUT:
        charge("search-time", client, budget, settings.REQUEST_TIMEOUT)
        _delete(_running_key(client))
        started = None
    wait = over_budget("search-time", client, budget)
    if wait:
        return Verdict(wait, "search")
    if started is not None:
        # One search at a time per client: a client can never hold more than one worker.
        return Verdict(1, "search", RUNNING)
    return Verdict()


def _running_key(client):
    return _cache_key("search-running", client)


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        _cache_failed()
        return None


def _set(key, value, timeout):
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        _cache_failed()


def _delete(key):
    try:
        cache.delete(key)
    except Exception:
        _cache_failed()


def login_wait(request):
    """Seconds before this address may try a password again (spraying across usernames);
    axes locks a (username, address) pair on its own."""
    rate = login_failure_rate()
    return over_budget("login-failures", client_key(request), rate, reserve=1) if rate else 0


def record_login_failure(sender, credentials=None, request=None, **kwargs):
    """user_login_failed receiver: one failure more against the address."""
    rate = login_failure_rate()
    if rate and request is not None:
        charge("login-failures", client_key(request), rate, 1)
