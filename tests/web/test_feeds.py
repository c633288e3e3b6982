"""The Atom feed of new issues, sitemap.xml and robots.txt."""

import pytest

from tests.factories import make_article, make_issue, make_page
from tests.web.conftest import build_issue

pytestmark = pytest.mark.django_db


def test_the_feed_has_one_entry_per_issue_with_its_front_page_headlines(client):
    make_article(make_page(1, make_issue("2020-01-26")), title="昨天的头条")
    make_article(make_page(1, make_issue("2020-01-27")), title="今天的头条")
    make_article(make_page(1, make_issue("2020-01-28")), title="草稿", published=False)
    response = client.get("/feeds/issues/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 2
    assert "焦作日报 2020年1月27日" in body and "今天的头条" in body
    assert body.index("今天的头条") < body.index("昨天的头条")
    assert "草稿" not in body
    assert "/jzrb/2020-01-27/" in body


def test_the_feed_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for day in range(1, 11):
        build_issue(f"2020-01-{day:02d}", pages=2, per_page=5)
    with django_assert_max_num_queries(4):
        assert client.get("/feeds/issues/").status_code == 200


def test_the_sitemap_lists_issues_published_articles_and_people(client):
    article = make_article(persons=[("王小平", [])])
    draft = make_article(title="草稿", published=False)
    body = client.get("/sitemap.xml").content.decode()
    assert "/jzrb/2020-01-27/</loc>" in body
    assert f"{article.get_absolute_url()}</loc>" in body
    assert f"{draft.get_absolute_url()}</loc>" not in body
    assert "/people/%E7%8E%8B%E5%B0%8F%E5%B9%B3/</loc>" in body


@pytest.mark.parametrize("size", [(1, 2), (3, 20)])
def test_the_sitemap_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    build_issue("2020-01-27", pages=size[0], per_page=size[1])
    # A count and a slice for each of the four sections, however many rows.
    with django_assert_max_num_queries(8):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
