"""/search/: the reader's full-text search, shaped as form → results → pages.

Searches go through archive.search (the configured engine's warm searcher), not haystack's
SearchQuerySet. Without a query the page shows how to search and the newest issues; the links
around the results (pages, orders, facets, the chart) are built in search_links.
"""

from urllib.parse import quote

from django.shortcuts import render

from archive.forms import SearchForm
from archive.models import Issue, Newspaper
from archive.views import search_links as links
from archive.views.hits import search_hits

PAGE_SIZE = 20
NEWEST_ISSUES = 8
# The "更多条件" panel starts open when one of these is set.
OPTIONS = ("field", "date", "date_from", "date_to", "paper", "person", "kind", "page_number")


def search_page(request):
    """/search/?q=王付举&sort=newest&page=2"""
    papers = dict(Newspaper.objects.order_by("name").values_list("slug", "name"))
    form = SearchForm(request.GET or None, papers=papers)
    context = {"form": form, "result": None, "query": "", "options_open": _options_open(request)}
    if form.is_bound and not form.is_valid():
        context["error"] = form.error_text()
        return render(request, "search/search.html", context, status=400)
    if not form.is_bound or not form.cleaned_data["q"]:
        context["newest_issues"] = Issue.objects.visible().order_by("-date")[:NEWEST_ISSUES]
        context["asked_without_query"] = form.is_bound
        return render(request, "search/search.html", context)
    result = search_hits(form, page_size=PAGE_SIZE)
    context.update(_results_context(request.GET, form.cleaned_data, result, papers))
    return render(request, "search/search.html", context)


def _options_open(request):
    return any(request.GET.get(key) for key in OPTIONS)


def _results_context(params, data, result, papers):
    return {
        "result": result,
        "query": data["q"],
        "pages": links.page_links(params, result),
        "sorts": links.sort_links(params, data["sort"]),
        "facets": links.facet_sections(links.facet_links(params, result.facets, papers)),
        # ?hl= on every hit's link, so the article page marks what was searched.
        "highlight_suffix": "?hl=" + quote(" ".join(result.highlight)) if result.highlight else "",
        "chosen": links.chosen_filters(data, papers, params),
        "chart": links.timeline_chart(params, result.facets),
        "feed_url": links.feed_url(params),
        "past_last_page": result.total and not result.hits,
        "first_rank": (result.page - 1) * result.page_size + 1,
    }
