"""The links around a page of search results: pages, sort orders, facets, the chosen filters,
the timeline chart and the saved-search feed. Each keeps every other parameter of the search
and goes back to its first page.
"""

import calendar

from django.urls import reverse

from archive.charts import Slot, bar_chart, month_slots, worth_drawing, year_slots
from archive.views.hits import KIND_LABELS
from archive.views.paging import last_page, numbered_pages, query_url

SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
FIELD_LABELS = {"title": "仅标题", "byline": "署名"}
# Parameters that say what is searched (the feed keeps them; page and sort are the reader's).
SEARCH_KEYS = ("q", "field", "paper", "date", "date_from", "date_to", "person", "kind")
FILTER_KEYS = ("field", "paper", "date", "date_from", "date_to", "person", "kind", "page_number")


def page_links(params, result):
    """The pager of a result: numbered pages (paging.numbered_pages), back to page 1."""
    links = numbered_pages(params, result.page, last_page(result.total, result.page_size))
    links["restart_url"] = query_url(params, page=1)
    return links


def sort_links(params, current):
    """(label, url, chosen) for each order."""
    return [
        (label, query_url(params, sort=key, page=None), key == current)
        for key, label in SORT_LABELS.items()
    ]


def date_range(value):
    """A year (1998) or month (1998-01) → its first and last day, ISO.

    >>> date_range("1998"), date_range("2020-02")
    (('1998-01-01', '1998-12-31'), ('2020-02-01', '2020-02-29'))
    """
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    last_day = calendar.monthrange(int(value[:4]), int(value[5:7]))[1]
    return f"{value}-01", f"{value}-{last_day:02d}"


def period_label(value):
    """``1998`` → 1998年, ``1998-01`` → 1998年1月."""
    return f"{value[:4]}年" if len(value) == 4 else f"{value[:4]}年{int(value[5:7])}月"


def _narrowed(params, name, value):
    if name in {"year", "month"}:
        start, end = date_range(value)
        return query_url(params, date_from=start, date_to=end, page=None)
    key = {"page": "page_number"}.get(name, name)
    return query_url(params, **{key: value, "page": None})


def facet_links(params, facets, paper_names=None):
    """Each facet value as {label, count, url}, the url narrowing the search to it."""
    labels = {
        "page": lambda v: f"第{v}版",
        "kind": lambda v: KIND_LABELS.get(v, v),
        "paper": lambda v: (paper_names or {}).get(v, v),
        "year": period_label,
        "month": period_label,
    }
    return {
        name: [
            {
                "label": labels.get(name, str)(str(value)),
                "count": count,
                "url": _narrowed(params, name, str(value)),
            }
            for value, count in pairs
        ]
        for name, pairs in facets.items()
    }


# The facet boxes in the page's order, with their titles; the first FACET_SHOWN values of
# each are shown, the rest folded.
FACET_TITLES = {
    "year": "年份",
    "month": "月份",
    "paper": "报纸",
    "page": "版次",
    "person": "人物",
    "kind": "类型",
}
FACET_SHOWN = 8


def facet_sections(links):
    """facet_links' values as the page's boxes, in FACET_TITLES' order: {name, title,
    shown, more} for each facet with values, sliced here rather than by template filters."""
    return [
        {
            "name": name,
            "title": title,
            "shown": links[name][:FACET_SHOWN],
            "more": links[name][FACET_SHOWN:],
        }
        for name, title in FACET_TITLES.items()
        if links.get(name)
    ]


def chosen_filters(data, paper_names, params):
    """The filters in force as {label, url}, the url dropping that one filter."""
    labels = {
        "field": lambda v: FIELD_LABELS.get(v),
        "paper": lambda v: paper_names.get(v, v),
        "date": lambda v: f"{v.year}年{v.month}月{v.day}日这一期",
        "date_from": lambda v: f"自{v:%Y-%m-%d}",
        "date_to": lambda v: f"至{v:%Y-%m-%d}",
        "person": lambda v: f"人物：{v}",
        "kind": lambda v: KIND_LABELS.get(v, v),
        "page_number": lambda v: f"第{v}版",
    }
    chosen = []
    for key in FILTER_KEYS:
        value = data.get(key)
        label = labels[key](value) if value else None
        if label:
            chosen.append({"label": label, "url": query_url(params, **{key: None, "page": None})})
    return chosen


def timeline_chart(
    params, facets, captions=("各年的检索结果", "{year}年各月的检索结果"), prefix=""
):
    """Hits per year, or per month when they all fall in one year; None when there is
    nothing to compare (fewer than two bars with hits). Bars link to their period."""
    years = dict(facets.get("year") or [])
    if len(years) == 1:
        (year,) = years
        slots = month_slots(year, dict(facets.get("month") or []))
        caption = captions[1].format(year=year)
    else:
        slots = year_slots(years)
        caption = captions[0]
    if not worth_drawing(slots):
        return None
    return bar_chart([_slot(params, value, count, prefix) for value, count in slots], caption)


def _slot(params, value, count, prefix):
    start, end = date_range(value)
    label = value if len(value) == 4 else f"{int(value[5:7])}月"
    url = prefix + query_url(params, date_from=start, date_to=end, page=None)
    return Slot(label, count, f"{period_label(value)}：{count}篇", url)


def person_chart(person, per_month):
    """A person's mentions per year (per month when all in one year), from
    ``[("1998-01", count), …]``; each bar searches their articles of that period."""
    years = {}
    for month, count in per_month:
        years[month[:4]] = years.get(month[:4], 0) + count
    captions = (f"{person.name}各年见报篇数", f"{person.name}{{year}}年各月见报篇数")
    return timeline_chart(
        {"q": person.name, "person": person.label},
        {"year": list(years.items()), "month": per_month},
        captions,
        prefix=reverse("archive:search"),
    )


def feed_url(params):
    """/feeds/search/?q=… : the same search as an Atom feed, newest first."""
    kept = {key: params.get(key) for key in SEARCH_KEYS}
    return reverse("archive:feed-search") + query_url(kept)
