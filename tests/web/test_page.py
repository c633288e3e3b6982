"""A page: its articles in reading order with their leads, and the pages either side."""

import pytest

from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db

QUERY_BOUND = 5


def test_the_page_shows_articles_in_reading_order_with_their_lead(client):
    page = make_page(1, make_issue("2020-01-27"), name="要闻")
    make_article(page, order=2, title="第二篇", paragraphs=["第二篇导语。", "第二段不显示。"])
    make_article(page, order=1, title="第一篇", paragraphs=["第一篇导语。"])
    html = client.get("/jzrb/2020-01-27/1/").content.decode()
    assert (
        html.index("第一篇")
        < html.index("第一篇导语")
        < html.index("第二篇")
        < html.index("第二篇导语")
    )
    assert "第二段不显示" not in html
    assert "第1版 · 要闻" in html


def test_the_page_links_the_previous_and_next_page(client):
    issue = make_issue("2020-01-27")
    for number, name in ((1, "要闻"), (2, "综合"), (3, "副刊")):
        make_article(make_page(number, issue, name=name))
    html = client.get("/jzrb/2020-01-27/2/").content.decode()
    assert 'rel="prev" href="/jzrb/2020-01-27/1/"' in html
    assert 'rel="next" href="/jzrb/2020-01-27/3/"' in html
    assert 'aria-current="page">第2版' in html


def test_unpublished_articles_are_left_off_the_page(client):
    page = make_page(1, make_issue("2020-01-27"))
    make_article(page, title="见报")
    make_article(page, title="待审稿件", published=False)
    html = client.get("/jzrb/2020-01-27/1/").content.decode()
    assert "见报" in html and "待审稿件" not in html


def test_a_page_the_issue_does_not_have_is_not_found(client):
    make_article(make_page(1, make_issue("2020-01-27")))
    assert client.get("/jzrb/2020-01-27/9/").status_code == 404


def test_small_and_large_pages_take_the_same_queries(
    client, small_issue, big_issue, django_assert_max_num_queries
):
    for issue, _ in (small_issue, big_issue):
        with django_assert_max_num_queries(QUERY_BOUND):
            response = client.get(f"{issue.get_absolute_url()}1/")
        assert response.status_code == 200
    assert response.content.decode().count('class="page-article"') == 20
