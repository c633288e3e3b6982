"""A paper's front door: years → months → days."""

import pytest

from tests.factories import make_article, make_issue, make_page, make_paper
from tests.web.conftest import build_issue

pytestmark = pytest.mark.django_db


def published_on(*days):
    for day in days:
        make_article(make_page(1, make_issue(day)))


def test_the_paper_page_lists_years_and_months_with_issue_counts(client):
    published_on("2019-12-31", "2020-01-26", "2020-01-27")
    html = client.get("/jzrb/").content.decode()
    assert "<h1" in html and "焦作日报" in html
    assert 'href="/jzrb/2020/"' in html and 'href="/jzrb/2019/"' in html
    assert 'href="/jzrb/2020/01/"' in html and "2期" in html


def test_a_year_shows_a_calendar_for_each_month_with_issues(client):
    published_on("2020-01-27", "2020-03-01")
    html = client.get("/jzrb/2020/").content.decode()
    assert "2020年1月" in html and "2020年3月" in html and "2020年2月" not in html
    assert 'href="/jzrb/2020-01-27/"' in html and 'href="/jzrb/2020-03-01/"' in html


def test_a_month_lists_its_issues(client):
    published_on("2020-01-25", "2020-01-27")
    html = client.get("/jzrb/2020/01/").content.decode()
    assert html.count('href="/jzrb/2020-01-25/"') == 2  # calendar day and list entry
    assert "星期一" in html  # 2020-01-27 was a Monday


@pytest.mark.parametrize("url", ["/jzrb/2021/", "/jzrb/2020/02/", "/jzrb/2020/13/", "/rmrb/"])
def test_empty_or_impossible_periods_are_not_found(client, url):
    published_on("2020-01-27")
    assert client.get(url).status_code == 404


def test_draft_only_days_are_not_links(client):
    published_on("2020-01-25")
    make_article(make_page(1, make_issue("2020-01-26")), published=False)
    html = client.get("/jzrb/2020/01/").content.decode()
    assert 'href="/jzrb/2020-01-26/"' not in html


@pytest.mark.parametrize("url", ["/jzrb/", "/jzrb/2020/", "/jzrb/2020/01/"])
def test_paper_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    paper = make_paper()
    for day in range(1, 29):
        build_issue(f"2020-01-{day:02d}", pages=1, per_page=1, paper=paper)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
