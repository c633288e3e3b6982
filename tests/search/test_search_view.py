import pytest
from django.urls import reverse

from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db
URL = reverse("archive:search")


def test_the_empty_search_page_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_wang_fuju_lists_his_articles_with_marked_snippets(client, seed_articles):
    response = client.get(URL, {"q": "王付举"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 6 篇文章" in html
    assert "<mark>王付举</mark>" in html
    assert 'value="王付举"' in html
    assert "焦作日报" in html and "第1版" in html


def test_a_title_hit_ranks_above_a_single_body_mention(client):
    body = make_article(title="春节期间的工作", paragraphs=["市里检查了疫情防控措施的落实。"])
    title = make_article(title="疫情防控措施", paragraphs=["市里开会部署。"])
    from archive.search import index_articles

    index_articles([body.pk, title.pk])
    response = client.get(URL, {"q": "疫情防控"})
    html = response.content.decode()
    assert html.index("疫情防控措施</a>") < html.index("春节期间的工作</a>")


def test_stored_markup_is_escaped_in_results(client):
    from archive.search import index_articles

    article = make_article(
        title="<script>alert(1)</script>", paragraphs=["防控x<img src=x onerror=alert(1)>"]
    )
    index_articles([article.pk])
    html = client.get(URL, {"q": "防控"}).content.decode()
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "x&lt;img src=x onerror=alert(1)&gt;" in html


def test_facets_and_filters(client):
    from archive.search import index_articles

    older = make_article(make_page(issue=make_issue("2020-01-26")), paragraphs=["联防联控"])
    newer = make_article(paragraphs=["联防联控"], persons=[("王付举", ["副市长"])])
    index_articles([older.pk, newer.pk])
    html = client.get(URL, {"q": "联防联控", "sort": "oldest"}).content.decode()
    assert "2020年1月" in html and "王付举" in html
    assert html.index("2020-01-26") < html.index("2020-01-27")
    only = client.get(URL, {"q": "联防联控", "person": "王付举"}).content.decode()
    assert "共找到 1 篇文章" in only
    dated = client.get(URL, {"q": "联防联控", "date_to": "2020-01-26"}).content.decode()
    assert "共找到 1 篇文章" in dated


@pytest.mark.parametrize(
    "params",
    [
        {"q": "防控", "page": "-1"},
        {"q": "防控", "page": "99999999999999999999"},
        {"q": "防控", "page": "abc"},
        {"q": "防控", "date_from": "2020-02-30"},
        {"q": "防控", "date_from": "2020-02-01", "date_to": "2020-01-01"},
        {"q": "😀🎉"},
        {"q": "\u202e防控\u200f"},
        {"q": "𠀀𠀁𪚥"},
        {"q": "防控" * 5000},
        {"q": '"unbalanced OR -" title:x'},
        {"q": "防控", "kind": "nonsense", "sort": "nonsense"},
        {"q": "防控", "page": "400"},
    ],
)
def test_bad_input_gives_a_helpful_page_never_a_server_error(client, params):
    make_article(paragraphs=["防控"])
    response = client.get(URL, params)
    assert response.status_code in (200, 400)
    assert "全文检索" in response.content.decode()


def test_no_results_says_what_to_try(client):
    response = client.get(URL, {"q": "不存在的词语"})
    assert "没有找到" in response.content.decode()


def test_search_page_query_count(client, seed_articles, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(URL, {"q": "防控"})
