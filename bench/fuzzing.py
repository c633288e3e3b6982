"""Requests for fuzzing every route of the site: hypothesis strategies built from the URL
configuration itself, so a new route is fuzzed without anyone listing it.

Each path parameter gets values of its converter's kind and of every other kind (an int
route gets 2**70 and -1, a slug route Chinese text and NUL, a date route 2020-02-30), and
each request gets query parameters named like the site's own (q, page, kind, the admin's
filters…) or at random, holding text, huge numbers, NUL, lone surrogates and broken UTF-8.
tests/test_fuzz_routes.py runs a bounded sample in the suite; bench/fuzz.py a larger one
against gunicorn. Needs Django set up (it reads archive.urls and the admin's registry).
"""

from urllib.parse import quote

from hypothesis import strategies as st

# The worst query the issue found: single characters, each a prefix over every bigram.
SINGLE_CHARACTERS = " ".join(chr(0x4E00 + 37 * n) for n in range(100))
# What attackers put in URLs: the shapes of the site's own values and the broken ones.
NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff防控",
    "%00",
    "0",
    "-1",
    "2147483648",
    "32768",
    str(2**63),
    str(2**70),
    "1e309",
    "NaN",
    "2020-02-30",
    "9999-12-31",
    "0000-00-00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "的" * 200,
    SINGLE_CHARACTERS,
    "防控" * 3000,
    "OR " * 100,
]
PARAMETER_NAMES = [
    "q",
    "page",
    "page_size",
    "paper",
    "date_from",
    "date_to",
    "person",
    "kind",
    "page_number",
    "sort",
    "byline_page",
    "field",
    "year",
    "month",
    "date",
    # The admin's change lists: search, ordering, paging and the filters of each model.
    "o",
    "p",
    "e",
    "all",
    "_facets",
    "kind__exact",
    "published__exact",
    "number",
    "number__exact",
    "is_reporter__exact",
    "newspaper__id__exact",
    "issue__newspaper__id__exact",
    "page__issue__newspaper__id__exact",
    "date__gte",
    "date__lt",
    "issue__date__gte",
    "page__issue__date__lt",
]

texts = st.text(max_size=60) | st.sampled_from(NASTY)
numbers = st.integers(min_value=-(2**70), max_value=2**70).map(str)
values = st.one_of(texts, numbers, st.dates().map(str), st.sampled_from(NASTY))


def encode(value):
    """Percent-encoding of a value's UTF-8, lone surrogates as the bytes they would be."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def path_values(converter):
    """Values for one path parameter: mostly its own kind, sometimes anything."""
    name = type(converter).__name__
    # The demo archive's own values too, so the fuzzing reaches pages that exist.
    own = {
        "IntConverter": st.integers(0, 30).map(str) | st.integers(0, 2**70).map(str),
        "SlugConverter": st.just("jzrb") | st.from_regex(r"[-a-zA-Z0-9_]{1,50}", fullmatch=True),
        "IsoDateConverter": st.just("2020-01-27")
        | st.dates().map(str)
        | st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
    }.get(name, st.sampled_from(["徐衣显", "杨丽娜"]) | st.text(min_size=1, max_size=40))
    return st.one_of(own, own, own, values).filter(lambda text: text and "/" not in text)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            if not route.startswith("admin/"):  # the admin's routes: see admin_routes()
                yield from _routes(pattern.url_patterns, prefix + route)
            continue
        converters = getattr(pattern.pattern, "converters", {})
        yield prefix + route, converters


def site_routes():
    """[(route, {name: converter})] of every route but the admin's, from archive.urls."""
    from archive import urls

    return [(f"/{route}", converters) for route, converters in _routes(urls.urlpatterns)]


def admin_routes():
    """Every change list of the archive's models and one change page each, as staff see them."""
    from django.contrib import admin
    from django.urls.converters import IntConverter

    routes = [("/admin/", {})]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        routes += [(base, {}), (base + "<object_id>/change/", {"object_id": IntConverter()})]
    return routes


def fill(route, converters, data):
    """The route with each <kind:name> replaced by a drawn, percent-encoded value."""
    path = route
    for name, converter in converters.items():
        value = data.draw(path_values(converter), label=name)
        kind = type(converter).__name__.removesuffix("Converter").lower()
        for marker in (f"<{kind}:{name}>", f"<isodate:{name}>", f"<{name}>", f"<str:{name}>"):
            path = path.replace(marker, encode(value))
    return path


def query(data):
    """A query string of up to four parameters, named like the site's or at random."""
    names = st.sampled_from(PARAMETER_NAMES) | st.text(min_size=1, max_size=12)
    pairs = data.draw(st.lists(st.tuples(names, values), max_size=4), label="query")
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


def draw_request(data, routes):
    """One URL for one of `routes`, drawn with hypothesis' `data`."""
    route, converters = data.draw(st.sampled_from(routes), label="route")
    path = fill(route, converters, data)
    params = query(data)
    return route, f"{path}?{params}" if params else path
