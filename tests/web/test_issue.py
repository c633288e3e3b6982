"""An issue: 版面导航 with every page and its articles, and the days either side."""

import pytest

from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db

QUERY_BOUND = 6


def test_the_issue_lists_every_page_with_its_articles(client):
    issue = make_issue("2020-01-27")
    make_article(
        make_page(1, issue, name="要闻"), kicker="引题甲", title="主题甲", subtitle="副题甲"
    )
    make_article(make_page(2, issue, name="综合"), title="主题乙")
    html = client.get("/jzrb/2020-01-27/").content.decode()
    assert "版面导航" in html
    assert "第1版 · 要闻" in html and "第2版 · 综合" in html
    assert html.index("引题甲") < html.index("主题甲") < html.index("副题甲") < html.index("主题乙")
    assert 'href="/jzrb/2020-01-27/2/"' in html


def test_the_issue_links_the_previous_and_next_issue(client):
    for day in ("2020-01-25", "2020-01-27", "2020-01-28"):
        make_article(make_page(1, make_issue(day)))
    make_article(make_page(1, make_issue("2020-01-26")), published=False)
    html = client.get("/jzrb/2020-01-27/").content.decode()
    assert 'rel="prev" href="/jzrb/2020-01-25/"' in html  # skips the draft-only 26th
    assert 'rel="next" href="/jzrb/2020-01-28/"' in html


def test_unpublished_articles_are_not_listed(client):
    page = make_page(1, make_issue("2020-01-27"))
    make_article(page, title="见报")
    make_article(page, title="待审稿件", published=False)
    html = client.get("/jzrb/2020-01-27/").content.decode()
    assert "见报" in html and "待审稿件" not in html


@pytest.mark.parametrize("url", ["/jzrb/2020-01-28/", "/jzrb/2020-02-30/", "/rmrb/2020-01-27/"])
def test_missing_issues_are_not_found(client, url):
    make_article(make_page(1, make_issue("2020-01-27")))
    assert client.get(url).status_code == 404


def test_an_issue_of_drafts_is_not_found(client):
    make_article(make_page(1, make_issue("2020-01-27")), published=False)
    assert client.get("/jzrb/2020-01-27/").status_code == 404


def test_small_and_large_issues_take_the_same_queries(
    client, small_issue, big_issue, django_assert_max_num_queries
):
    for issue, _ in (small_issue, big_issue):
        with django_assert_max_num_queries(QUERY_BOUND):
            response = client.get(issue.get_absolute_url())
        assert response.status_code == 200
    assert response.content.decode().count('class="headline"') == 60
