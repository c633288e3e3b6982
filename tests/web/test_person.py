"""A person: roles over time, the articles that mention them, their company, their bylines."""

import pytest

from tests.factories import make_article, make_issue, make_page, make_person
from tests.seedlike import build_seed_like_issue

pytestmark = pytest.mark.django_db

# The person and namesakes, the timeline, chart, two lists by month (each its months and a
# page), and the company: the latest articles, their mentions, the people above and at the
# cutoff.
QUERY_BOUND = 11


def on(day, **fields):
    return make_article(make_page(1, make_issue(day)), **fields)


def test_each_role_shows_the_first_and_last_day_it_appears(client):
    on("2020-01-25", persons=[("徐衣显", ["市委副书记", "市长"])])
    on("2020-01-26", persons=[("徐衣显", ["市长"])])
    on("2020-01-27", persons=[("徐衣显", ["市长"])])
    on("2020-01-28", persons=[("徐衣显", ["市长"])], published=False)
    html = client.get("/people/徐衣显/").content.decode()
    text = " ".join(html.split())
    assert '市长</span> <span class="timeline__dates">' in text
    assert '<time datetime="2020-01-25">2020-01-25</time> — <time datetime="2020-01-27">' in text
    assert (
        '市委副书记</span> <span class="timeline__dates"><time datetime="2020-01-25">2020-01-25</time> — <time datetime="2020-01-25">'
        in text
    )
    assert "2020-01-28" not in text


def test_articles_that_mention_the_person_come_newest_first(client):
    on("2020-01-25", title="较早的报道", persons=[("王小平", ["市委书记"])])
    on("2020-01-27", title="较新的报道", persons=[("王小平", ["市委书记"])])
    on("2020-01-26", title="未发布", persons=[("王小平", [])], published=False)
    html = client.get("/people/王小平/").content.decode()
    assert html.index("较新的报道") < html.index("较早的报道")
    assert "未发布" not in html and "2篇" in html


def test_the_article_list_is_paginated(client):
    page = make_page(1, make_issue("2020-01-27"))
    for i in range(25):
        make_article(page, title=f"报道{i:02d}", persons=[("王小平", [])])
    first = client.get("/people/王小平/").content.decode()
    second = client.get("/people/王小平/?page=2").content.decode()
    assert "报道00" in first and "报道24" not in first and "报道24" in second
    assert "第 1 / 2 页" in first and 'href="?page=2#mentions"' in first
    assert client.get("/people/王小平/?page=3").status_code == 404
    assert client.get("/people/王小平/?page=abc").status_code == 404


def test_people_most_often_mentioned_together_are_listed(client):
    for _ in range(2):
        on("2020-01-27", persons=[("王小平", []), ("徐衣显", [])])
    on("2020-01-27", persons=[("王小平", []), ("胡小平", [])])
    html = client.get("/people/王小平/").content.decode()
    together = html[html.index("常一同见报的人物") :]
    assert together.index("徐衣显") < together.index("胡小平")
    assert '>徐衣显</a> <span class="muted">2篇' in together


def test_a_reporter_page_lists_their_bylines(client):
    build_seed_like_issue()
    html = client.get("/people/杨丽娜/").content.decode()
    assert "杨丽娜署名的报道" in html and "3篇" in html
    assert "全民动员 人人参与" in html


def test_an_unknown_person_is_not_found(client):
    assert client.get("/people/没有此人/").status_code == 404


def test_a_person_with_many_articles_takes_the_same_queries(client, django_assert_max_num_queries):
    make_person("王小平")
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get("/people/王小平/").status_code == 200
    page = make_page(1, make_issue())
    for i in range(40):
        make_article(
            page, persons=[("王小平", ["市委书记"]), (f"人物{i}", [])], reporters=["王小平"]
        )
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get("/people/王小平/").status_code == 200


def test_mentions_per_year_are_drawn_each_bar_searching_that_year(client):
    on("1998-01-05", persons=[("王小平", ["市委书记"])])
    on("1998-03-05", persons=[("王小平", ["市委书记"])])
    on("2000-06-01", persons=[("王小平", ["市委书记"])])
    on("2000-06-02", persons=[("王小平", [])], published=False)
    on("2001-01-01", reporters=["王小平"])  # a byline is not a mention in the text
    html = client.get("/people/王小平/").content.decode()
    assert "王小平各年见报篇数" in html
    assert 'aria-label="1998年：2篇，只看这一段"' in html and 'aria-label="2000年：1篇' in html
    assert "2001年" not in html.split("mentions-chart-caption")[1].split("</svg>")[0]
    assert (
        'href="/search/?q=%E7%8E%8B%E5%B0%8F%E5%B9%B3&amp;person=%E7%8E%8B%E5%B0%8F%E5%B9%B3'
        "&amp;date_from=1998-01-01&amp;date_to=1998-12-31" in html
    )


def test_mentions_in_one_year_are_drawn_by_month(client):
    on("1998-01-05", persons=[("王小平", [])])
    on("1998-03-05", persons=[("王小平", [])])
    html = client.get("/people/王小平/").content.decode()
    assert "王小平1998年各月见报篇数" in html and 'aria-label="1998年3月：1篇' in html
