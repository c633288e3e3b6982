"""/search/: the reader's full-text search, shaped as form → results → pages.

Searches go through archive.search (the configured engine's warm searcher), not haystack's
SearchQuerySet. Facet links keep every other parameter and reset the page.
"""

import calendar
import math
from urllib.parse import urlencode

from django.shortcuts import render

from archive import search
from archive.forms import SearchForm
from archive.models import Article, Newspaper

PAGE_SIZE = 20
KIND_LABELS = dict(Article.Kind.choices)


def search_page(request):
    """/search/?q=王付举&sort=newest&page=2"""
    form = SearchForm(request.GET or None)
    options = ("date_from", "date_to", "paper", "person", "kind", "sort")
    context = {
        "form": form,
        "result": None,
        "query": request.GET.get("q", "")[:200],
        "options_open": any(request.GET.get(key) for key in options),
    }
    if not form.is_bound:
        return render(request, "search/search.html", context)
    if not form.is_valid():
        context["error"] = form.error_text()
        return render(request, "search/search.html", context, status=400)
    data = form.cleaned_data
    result = search.search(
        data["q"], page=data["page"], page_size=PAGE_SIZE, filters=form.filters(), sort=data["sort"]
    )
    context.update(
        {
            "result": result,
            "query": data["q"],
            "pages": page_links(request.GET, result),
            "facets": facet_links(request.GET, result.facets, _paper_names(result)),
            "past_last_page": result.total and not result.hits,
            "first_rank": (result.page - 1) * result.page_size + 1,
        }
    )
    return render(request, "search/search.html", context)


def _url(params, **changes):
    merged = {key: value for key, value in params.items() if value not in ("", None)}
    merged.update(changes)
    merged = {key: value for key, value in merged.items() if value not in ("", None)}
    return "?" + urlencode(merged)


def page_links(params, result):
    """Previous/next and a window of page numbers around the current one."""
    last = max(1, math.ceil(result.total / result.page_size))
    current = result.page
    window = range(max(1, current - 4), min(last, current + 4) + 1)
    return {
        "last": last,
        "previous": _url(params, page=current - 1) if current > 1 else None,
        "next": _url(params, page=current + 1) if current < last else None,
        "numbers": [(n, _url(params, page=n), n == current) for n in window],
        "first_url": _url(params, page=1),
    }


def _date_range(value):
    """A year (1998) or month (1998-01) facet value → (date_from, date_to)."""
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    last_day = calendar.monthrange(int(value[:4]), int(value[5:7]))[1]
    return f"{value}-01", f"{value}-{last_day:02d}"


def _paper_names(result):
    if not result.facets.get("paper"):
        return {}
    return dict(Newspaper.objects.values_list("slug", "name"))


def facet_links(params, facets, paper_names=None):
    """Each facet value as (label, count, url) with the filter applied and page reset."""
    links = {}
    for name, pairs in facets.items():
        items = []
        for value, count in pairs:
            value = str(value)
            if name in {"year", "month"}:
                start, end = _date_range(value)
                url = _url(params, date_from=start, date_to=end, page=1)
                label = f"{value[:4]}年" if name == "year" else f"{value[:4]}年{int(value[5:7])}月"
            else:
                key = {"page": "page_number"}.get(name, name)
                url = _url(params, **{key: value, "page": 1})
                label = {
                    "page": f"第{value}版",
                    "kind": KIND_LABELS.get(value, value),
                    "paper": (paper_names or {}).get(value, value),
                }.get(name, value)
            items.append({"label": label, "count": count, "url": url})
        links[name] = items
    return links
