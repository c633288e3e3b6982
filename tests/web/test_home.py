"""The home page: the newest front page, the papers, a search box and 往期回顾."""

import pytest

from tests.factories import make_article, make_issue, make_page, make_paper
from tests.web.conftest import build_issue

pytestmark = pytest.mark.django_db

QUERY_BOUND = 8


def test_home_lists_the_newest_front_page_headlines(client):
    make_article(make_page(1, make_issue("2020-01-26")), title="旧的一期")
    front = make_page(1, make_issue("2020-01-27"), name="要闻")
    make_article(
        front, kicker="徐衣显在检查时强调", title="坚决打赢疫情防控阻击战", subtitle="副题在此"
    )
    html = client.get("/").content.decode()
    assert "坚决打赢疫情防控阻击战" in html
    assert "徐衣显在检查时强调" in html and "副题在此" in html
    assert "旧的一期" not in html
    assert "第1版 · 要闻" in html


def test_home_calendar_links_the_days_that_have_an_issue(client):
    for day in ("2020-01-25", "2020-01-27"):
        make_article(make_page(1, make_issue(day)))
    html = client.get("/").content.decode()
    assert "往期回顾" in html and "2020年1月" in html
    assert 'href="/jzrb/2020-01-25/"' in html and 'href="/jzrb/2020-01-27/"' in html
    assert 'href="/jzrb/2020-01-26/"' not in html
    assert 'href="/jzrb/2020/01/"' in html and 'href="/jzrb/2020/"' in html


def test_home_names_every_paper_and_has_a_labelled_search_box(client):
    make_paper()
    make_paper(name="人民日报", slug="rmrb", place="北京")
    html = client.get("/").content.decode()
    assert 'href="/jzrb/"' in html and 'href="/rmrb/"' in html
    assert '<label for="home-q">' in html and 'id="home-q"' in html
    assert 'action="/search/"' in html and 'name="q"' in html


def test_home_skips_an_issue_with_only_drafts(client):
    make_article(make_page(1, make_issue("2020-01-26")), title="已发布的一期")
    make_article(make_page(1, make_issue("2020-01-27")), title="草稿", published=False)
    html = client.get("/").content.decode()
    assert "已发布的一期" in html and "草稿" not in html
    assert 'href="/jzrb/2020-01-27/"' not in html


def test_an_empty_archive_still_has_a_home(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "还没有已发布的报纸" in response.content.decode()


@pytest.mark.parametrize("size", [(1, 2), (3, 20)])
def test_home_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    build_issue("2020-01-27", pages=size[0], per_page=size[1])
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get("/").status_code == 200
