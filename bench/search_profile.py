"""Where one /search/ request spends its time: a breakdown by section, in this process.

    .venv/bin/python bench/search_profile.py [--scale 1] [--requests 200] [--kinds hanzi,names]
        [--data-dir DIR] [--rate-limits] [--cprofile 30 [--cprofile-sort cumulative]]
        [--engine whoosh|tantivy] [--wall]

Uses the archive search_http.py prepares (/tmp/archive-bench-<scale>x, built if missing) and
sends REQUESTS searches through Django's whole handler (django.test.Client: every middleware,
the view, the template), after ten to warm up. Each section below is timed with
time.perf_counter by wrapping the function that does it; a section's time is *exclusive*
(what it spent minus the sections it called), so the rows add up to the request's time.
Times are this process's CPU time (time.process_time: less disturbed by other programs on
a shared machine than the wall clock; --wall for that). Database queries are counted and
timed apart (connection.execute_wrapper), inside whichever
section ran them. Rate limits are off, as in search_http.py, unless --rate-limits; the answer
cache is off (every request searches).
With --cprofile N it also prints cProfile's top functions over N more requests.
"""

import argparse
import cProfile
import datetime
import functools
import io
import os
import pstats
import sys
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import machine, median, percentile, require_corpus  # noqa: E402
from query_kinds import KINDS  # noqa: E402
from search_http import (  # noqa: E402
    NO_ANSWER_CACHE,
    NO_RATE_LIMITS,
    corpus_documents,
    draw_queries,
    prepare,
)


class Sections:
    """Exclusive time per named section: a section's children are taken off its own time."""

    def __init__(self, clock=time.process_time):
        self.clock = clock
        self.times = defaultdict(float)
        self.calls = defaultdict(int)
        self.stack = []  # [name, child seconds]

    def wrap(self, owner, attribute, name=None):
        """Time ``owner.attribute`` as ``name`` (a string, or a function of the arguments
        giving one; by default the class of a ``__call__``, else the function's name)."""
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if callable(name):
                label = name(*args)
            else:
                label = name or (
                    type(args[0]).__name__ if attribute == "__call__" else original.__name__
                )
            frame = [label, 0.0]
            self.stack.append(frame)
            started = self.clock()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = self.clock() - started
                self.stack.pop()
                self.times[label] += elapsed - frame[1]
                self.calls[label] += 1
                if self.stack:
                    self.stack[-1][1] += elapsed

        setattr(owner, attribute, timed)

    def reset(self):
        self.times.clear()
        self.calls.clear()


def instrument(sections, queries_seen):
    """Wrap the functions on the request path (see the module docstring)."""
    from django.contrib.auth import middleware as auth_mw
    from django.contrib.messages import middleware as messages_mw
    from django.contrib.sessions import middleware as session_mw
    from django.core.handlers import base as handler_base
    from django.middleware import clickjacking, common, csrf, security
    from django.template import base as template_base
    from django.template import context as template_context
    from django.template.backends import django as django_templates
    from whitenoise import middleware as whitenoise_mw

    import archive.search.base as base
    import archive.search.whoosh_backend as wb
    from archive import middleware, throttle
    from archive.forms import SearchForm
    from archive.views import hits, search_links

    wrap = sections.wrap
    # Middleware (each class's own work: its part before and after the view).
    for cls in (
        middleware.ApiErrorsAsJsonMiddleware,
        middleware.InvalidCharactersMiddleware,
        middleware.RateLimitMiddleware,
        middleware.ContentSecurityPolicyMiddleware,
        security.SecurityMiddleware,
        whitenoise_mw.WhiteNoiseMiddleware,
        session_mw.SessionMiddleware,
        common.CommonMiddleware,
        csrf.CsrfViewMiddleware,
        auth_mw.AuthenticationMiddleware,
        messages_mw.MessageMiddleware,
        clickjacking.XFrameOptionsMiddleware,
    ):
        wrap(cls, "__call__")
    try:
        from axes import middleware as axes_mw

        wrap(axes_mw.AxesMiddleware, "__call__")
    except ImportError:
        pass
    wrap(throttle, "check", "throttle (cache)")
    wrap(throttle, "finish_search", "throttle (cache)")
    # The view and what it calls.
    wrap(handler_base.BaseHandler, "_get_response", "URL resolve + view's own code")
    wrap(SearchForm, "full_clean", "form: SearchForm")
    wrap(base, "parse_query", "query parse")
    wrap(wb.WhooshBackend, "searcher", "engine: searcher()")
    wrap(wb, "matching_docnums", "engine: matching docnums")
    wrap(wb, "filter_query", "engine: filters")
    wrap(wb, "facets_of", "engine: facet counts")
    wrap(wb, "_page_of", "engine: rank the page")
    wrap(wb, "hit_from", "engine: stored fields → hits")
    wrap(wb.WhooshBackend, "find", "engine: find (rest)")
    import archive.search.tantivy_backend as tb

    wrap(tb.TantivyBackend, "searcher", "engine: searcher()")
    wrap(tb, "ranked_query", "engine: query translation")
    wrap(tb, "matching_query", "engine: query translation")
    wrap(tb, "facet_aggregations", "engine: query translation")
    wrap(tb, "facets_from", "engine: facet counts")
    wrap(tb, "hit_from", "engine: stored fields → hits")
    wrap(tb.TantivyBackend, "find", "engine: find (rest: tantivy's search and aggregate)")
    wrap(hits.HitTexts, "__call__", "hit rows from DB (texts, titles)")
    wrap(base, "add_snippets", "snippets")
    wrap(search_links, "facet_links", "facet links and labels")
    wrap(search_links, "timeline_chart", "SVG chart")
    wrap(search_links, "page_links", "pager, sort, feed, chosen links")
    wrap(search_links, "sort_links", "pager, sort, feed, chosen links")
    wrap(search_links, "feed_url", "pager, sort, feed, chosen links")
    wrap(search_links, "chosen_filters", "pager, sort, feed, chosen links")
    wrap(django_templates.Template, "render", "template: render() call")
    wrap(template_base.Template, "_render", template_label)
    wrap(template_context, "make_context", "context processors")

    from django.db import connection

    def count_query(execute, sql, params, many, context):
        started = sections.clock()
        try:
            return execute(sql, params, many, context)
        finally:
            queries_seen.append((sections.stack[-1][0] if sections.stack else "?", sql))
            sections.times["  (of which SQL)"] += sections.clock() - started

    return connection.execute_wrapper(count_query)


def template_label(template, *args):
    name = template.origin.template_name or "?"
    if name.startswith("django/forms/"):
        return "template: form widgets"
    return f"template: {name}"


def search_paths(docs, kinds, count, seed):
    if kinds:
        from query_kinds import interchange_queries

        drawn = interchange_queries(docs, kinds, max(1, count // len(kinds)), seed)
        queries = [q for kind in kinds for q in drawn.get(kind, [])]
    else:
        queries = draw_queries(docs, count, seed)
    return [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in queries]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--kinds", default="", help=f"all, or some of: {','.join(KINDS)}")
    parser.add_argument("--data-dir", help="the archive's folder (default /tmp/archive-bench-Nx)")
    parser.add_argument("--rate-limits", action="store_true", help="keep the default limits")
    parser.add_argument("--cprofile", type=int, default=0, help="requests under cProfile")
    parser.add_argument(
        "--cprofile-sort", default="tottime", help="cProfile's order: tottime or cumulative"
    )
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    parser.add_argument(
        "--engine", choices=("whoosh", "tantivy"), default="whoosh", help="SEARCH_URL's engine"
    )
    parser.add_argument("--url", action="append", default=[], help="profile these paths instead")
    args = parser.parse_args()
    kinds = list(KINDS) if args.kinds == "all" else [k for k in args.kinds.split(",") if k]
    require_corpus()
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now().isoformat(timespec='seconds')}")
    docs = corpus_documents()
    data_dir, record = prepare(args.scale, False, docs, 1800, args.data_dir)

    os.environ.update(DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="archive.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SEARCH_URL", None)
    if args.engine == "tantivy":
        os.environ["SEARCH_URL"] = "tantivy:"
    if not args.rate_limits:
        os.environ.update(NO_RATE_LIMITS)
    # Every request is the search's own cost, not a cached answer (as in search_http.py).
    os.environ.update(NO_ANSWER_CACHE)
    import django

    django.setup()
    from django.test import Client

    paths = args.url or search_paths(docs, kinds, args.requests, args.seed)
    paths = [paths[n % len(paths)] for n in range(args.requests)]
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:10]:
        client.get(path)

    clock = time.perf_counter if args.wall else time.process_time
    sections, queries_seen = Sections(clock), []
    totals = []
    with instrument(sections, queries_seen):
        # A new handler, so that its middleware chain is built through the wrappers.
        client = Client(HTTP_HOST="127.0.0.1")
        for path in paths[:10]:  # once more, now through the wrappers
            client.get(path)
        sections.reset()
        queries_seen.clear()
        for path in paths:
            started = clock()
            response = client.get(path)
            totals.append((clock() - started) * 1000)
            if response.status_code != 200:
                print(f"  {response.status_code} for {path}")
    n = len(paths)
    accounted = sum(v for k, v in sections.times.items() if not k.startswith(" "))
    print(
        f"\n/search/ in process, {record['articles']:,} articles ({args.scale}×), {n} requests"
        f"{' of kinds ' + ','.join(kinds) if kinds else ''}; load "
        + " ".join(f"{v:.2f}" for v in os.getloadavg())
    )
    print(f"{'wall-clock' if args.wall else 'CPU'} time of this process")
    print(f"request p50 {median(totals):.2f} ms, p95 {percentile(totals, 0.95):.2f} ms")
    print(f"{'section (exclusive time)':<40}{'ms/request':>11}{'share':>8}")
    for name, seconds in sorted(sections.times.items(), key=lambda kv: -kv[1]):
        share = "" if name.startswith(" ") else f"{seconds / accounted:>7.0%}"
        print(f"{name:<40}{seconds * 1000 / n:>11.2f}{share:>8}")
    outside = sum(totals) / 1000 - accounted
    print(f"{'outside: test client, handler':<40}{outside * 1000 / n:>11.2f}")
    per_section = defaultdict(int)
    for section, _ in queries_seen:
        per_section[section] += 1
    print(f"SQL queries per request: {len(queries_seen) / n:.1f}  ", end="")
    print(", ".join(f"{k}: {v / n:.1f}" for k, v in sorted(per_section.items())))
    for section, sql in queries_seen[: len(queries_seen) // n]:
        print(f"  [{section}] {sql[:150]}")

    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths[: args.cprofile]:
            client.get(path)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.cprofile_sort).print_stats(30)
        print(out.getvalue())


if __name__ == "__main__":
    main()
