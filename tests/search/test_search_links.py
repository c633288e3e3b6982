"""The links around a page of results keep the search and go back to its first page."""

from types import SimpleNamespace
from urllib.parse import parse_qs

from archive.views.search_links import (
    chosen_filters,
    facet_links,
    facet_sections,
    feed_url,
    page_links,
    sort_links,
    timeline_chart,
)

PARAMS = {"q": "防控", "paper": "jzrb", "page": "3", "sort": "newest"}


def test_facet_links_narrow_the_search_and_reset_the_page():
    facets = {
        "year": [("2020", 4)],
        "month": [("2020-01", 4)],
        "page": [(2, 1)],
        "kind": [("brief", 1)],
    }
    links = facet_links(PARAMS, facets, {"jzrb": "焦作日报"})
    assert links["year"] == [
        {
            "label": "2020年",
            "count": 4,
            "url": "?q=%E9%98%B2%E6%8E%A7&paper=jzrb&sort=newest&date_from=2020-01-01&date_to=2020-12-31",
        }
    ]
    assert links["month"][0]["label"] == "2020年1月"
    assert links["page"][0]["url"].endswith("&page_number=2")
    assert links["kind"][0]["label"] == "简讯"


def test_facet_sections_keep_the_page_order_and_fold_after_eight():
    links = {"person": [{"label": str(n)} for n in range(11)], "year": [{"label": "1998年"}]}
    links["kind"] = []
    sections = facet_sections(links)
    assert [(s["name"], s["title"]) for s in sections] == [("year", "年份"), ("person", "人物")]
    assert len(sections[1]["shown"]) == 8 and [i["label"] for i in sections[1]["more"]] == [
        "8",
        "9",
        "10",
    ]
    assert sections[0]["more"] == []


def test_page_links_show_a_window_and_the_ends():
    result = SimpleNamespace(total=500, page=10, page_size=20)
    links = page_links(PARAMS, result)
    assert [n for n, _, _ in links["numbers"]] == [7, 8, 9, 10, 11, 12, 13]
    assert _page(links["first_url"]) == "1" and _page(links["last_url"]) == "25"
    assert _page(links["previous"]) == "9" and _page(links["next"]) == "11"
    first = page_links(PARAMS, SimpleNamespace(total=30, page=1, page_size=20))
    assert first["previous"] is None and first["first_url"] is None and first["last"] == 2


def test_sort_links_mark_the_order_in_use_and_start_again_at_page_one():
    links = sort_links(PARAMS, "newest")
    assert [(label, chosen) for label, _, chosen in links] == [
        ("相关度", False),
        ("最新", True),
        ("最早", False),
    ]
    assert all("page=" not in url for _, url, _ in links)


def test_each_chosen_filter_links_to_the_search_without_it():
    import datetime

    data = {"paper": "jzrb", "date": datetime.date(2020, 1, 27), "field": "all", "page_number": 2}
    chosen = chosen_filters(data, {"jzrb": "焦作日报"}, {**PARAMS, "date": "2020-01-27"})
    assert [c["label"] for c in chosen] == ["焦作日报", "2020年1月27日这一期", "第2版"]
    assert "paper=" not in chosen[0]["url"] and "date=2020" in chosen[0]["url"]


def test_the_feed_keeps_what_is_searched_but_not_the_page_or_order():
    assert feed_url(PARAMS) == "/feeds/search/?q=%E9%98%B2%E6%8E%A7&paper=jzrb"


def test_the_chart_counts_years_then_months_within_one_year():
    years = timeline_chart(PARAMS, {"year": [("1998", 3), ("2001", 1)]})
    assert [b.label for b in years.bars] == ["1998", "1999", "2000", "2001"]
    assert years.bars[1].url == "" and "date_to=1998-12-31" in years.bars[0].url
    months = timeline_chart(
        PARAMS, {"year": [("1998", 3)], "month": [("1998-01", 2), ("1998-03", 1)]}
    )
    assert months.caption == "1998年各月的检索结果" and len(months.bars) == 12
    assert months.bars[0].title == "1998年1月：2篇" and "date_to=1998-01-31" in months.bars[0].url
    assert timeline_chart(PARAMS, {"year": [("1998", 3)], "month": [("1998-01", 3)]}) is None


def _page(url):
    return parse_qs(url[1:])["page"][0]
