"""The Atom feed of new issues, sitemap.xml and robots.txt."""

import html
import re

import pytest

from archive.models import Article
from archive.sitemaps import ArticleSitemap
from tests.factories import make_article, make_issue, make_page, make_paper
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


def sitemap_parts(client):
    """Every part the sitemap index lists, fetched and joined."""
    index = client.get("/sitemap.xml").content.decode()
    parts = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml(?:\?p=\d+)?)</loc>", index)
    return parts, "".join(client.get(part).content.decode() for part in parts)


def test_the_sitemap_lists_issues_published_articles_and_people(client):
    article = make_article(persons=[("王小平", [])])
    draft = make_article(title="草稿", published=False)
    parts, body = sitemap_parts(client)
    assert "/sitemap-articles.xml" in parts
    assert "/jzrb/2020-01-27/</loc>" in body
    assert f"{article.get_absolute_url()}</loc>" in body
    assert f"{draft.get_absolute_url()}</loc>" not in body
    assert "/people/%E7%8E%8B%E5%B0%8F%E5%B9%B3/</loc>" in body


def test_the_sitemap_is_an_index_of_parts_of_bounded_size(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    build_issue("2020-01-27", pages=1, per_page=7)
    parts, body = sitemap_parts(client)
    article_parts = [p for p in parts if "articles" in p]
    # Seven articles in a row of ids fill three blocks of three ids (or four, when the
    # first id is not the first of a block: PostgreSQL's sequences outlive a rollback).
    assert len(article_parts) in (3, 4)
    for part in article_parts:
        assert client.get(part).content.decode().count("/jzrb/2020-01-27/1/") <= 3
    assert body.count("/jzrb/2020-01-27/1/") == 7


def test_an_address_keeps_its_part_when_others_are_unpublished(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    _, first = build_issue("2020-01-27", pages=1, per_page=7)

    def part_of_each_article():
        parts, _ = sitemap_parts(client)
        return {
            loc: part
            for part in parts
            if "articles" in part
            for loc in re.findall(
                r"<loc>http://testserver([^<]*)</loc>", client.get(part).content.decode()
            )
        }

    before = part_of_each_article()
    Article.objects.filter(pk=first.pk).update(published=False)
    after = part_of_each_article()
    assert first.get_absolute_url() in before and first.get_absolute_url() not in after
    assert len(after) == 6 and all(before[loc] == part for loc, part in after.items())


def test_every_address_is_the_one_its_page_has(client):
    """The parts format paths themselves (reverse() for each was most of their time)."""
    paper = make_paper("人民日报", "rmrb")
    articles = [
        make_article(make_page(n, make_issue(f"2020-01-{n:02d}", paper)), persons=[(name, [])])
        for n, name in enumerate(["王小平", "于尔根·吕特格尔斯", "O'Neil & Co", "李 明"], 1)
    ]
    _, body = sitemap_parts(client)
    locations = set(re.findall(r"<loc>http://testserver([^<]*)</loc>", body))
    expected = {a.get_absolute_url() for a in articles}
    expected |= {a.page.issue.get_absolute_url() for a in articles}
    expected |= {m.person.get_absolute_url() for a in articles for m in a.mentions.all()}
    assert {html.escape(path) for path in expected} <= locations


@pytest.mark.parametrize("part", ["0", "-1", "x", "99", "１", "9" * 30, ""])
def test_a_part_that_is_not_there_is_a_404(client, part):
    make_article()
    assert client.get("/sitemap-articles.xml", {"p": part}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_an_empty_archive_has_an_empty_first_part(client):
    response = client.get("/sitemap-articles.xml")
    assert response.status_code == 200 and b"<url>" not in response.content


@pytest.mark.parametrize("size", [(1, 2), (3, 20)])
def test_the_sitemap_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    build_issue("2020-01-27", pages=size[0], per_page=size[1])
    # The index: in each of the three sections, one lookup for each part it has (one here)
    # and one that finds no more; then the newest article's date. The rows are never read.
    with django_assert_max_num_queries(3 * 2 + 1):
        assert client.get("/sitemap.xml").status_code == 200
    # A part: one range of ids.
    with django_assert_max_num_queries(1):
        assert client.get("/sitemap-articles.xml").status_code == 200


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def _indexed(*articles):
    from archive.search import index_articles

    index_articles([a.pk for a in articles])


def test_a_saved_search_feed_lists_the_newest_matches_first(client):
    _indexed(
        make_article(make_page(1, make_issue("2020-01-25")), title="较早的防控报道"),
        make_article(make_page(1, make_issue("2020-01-27")), title="较新的防控报道"),
        make_article(
            make_page(1, make_issue("2020-01-26")),
            title="",
            paragraphs=["本报讯 防控工作有序开展。"],
        ),
        make_article(title="草稿防控", published=False),
        make_article(title="无关的报道", paragraphs=["春节快乐。"]),
    )
    response = client.get("/feeds/search/", {"q": "防控"})
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 3
    assert (
        body.index("较新的防控报道")
        < body.index("本报讯 防控工作有序开展。")
        < body.index("较早的防控报道")
    )
    assert "草稿" not in body and "无关的报道" not in body
    assert "&lt;mark&gt;防控&lt;/mark&gt;" in body  # the snippet, as escaped HTML
    assert "<title>报纸档案 · 检索“防控”</title>" in body


def test_the_feed_keeps_the_filters_of_the_search(client):
    _indexed(
        make_article(title="焦作的防控报道"),
        make_article(
            make_page(1, make_issue(paper=make_paper("河南日报", "hnrb"))), title="河南的防控报道"
        ),
    )
    body = client.get("/feeds/search/", {"q": "防控", "paper": "hnrb"}).content.decode()
    assert "河南的防控报道" in body and "焦作的防控报道" not in body


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "防控", "date_from": "nonsense"}])
def test_a_feed_without_a_query_is_not_found(client, params):
    assert client.get("/feeds/search/", params).status_code == 404


def test_the_search_feed_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _indexed(*(make_article(title=f"防控报道{i}") for i in range(30)))
    with django_assert_max_num_queries(1):
        assert client.get("/feeds/search/", {"q": "防控"}).status_code == 200
