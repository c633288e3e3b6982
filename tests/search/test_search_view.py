import pytest
from django.urls import reverse

from tests.factories import make_article, make_issue, make_page

pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh", "tantivy")]
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


def test_without_a_query_the_page_shows_the_help_and_the_newest_issues(client):
    make_article(make_page(1, make_issue("2020-01-26")), title="前一天")
    make_article(make_page(1, make_issue("2020-01-27")), title="当天")
    html = client.get(URL).content.decode()
    assert 'id="search-help" open' in html and "排除含这个词的文章" in html
    assert html.index('href="/jzrb/2020-01-27/"') < html.index('href="/jzrb/2020-01-26/"')
    assert "共找到" not in html


@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_query_asks_for_words_instead_of_finding_nothing(client, q):
    make_article()
    response = client.get(URL, {"q": q, "paper": "jzrb"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入要查找的字词" in html and 'id="search-help" open' in html
    assert "共找到" not in html and "没有找到" not in html


def test_the_help_panel_says_the_query_language_in_chinese(client):
    html = client.get(URL).content.decode()
    for form in ("空格", "AND", '"…"', "-词", "NOT 词", "OR", "or", "|"):
        assert form in html, form
    assert 'href="/search/?q=%E9%98%B2%E6%8E%A7%20-%E6%98%A5%E8%8A%82"' in html  # 防控 -春节


def test_an_untitled_brief_is_shown_by_its_lead_sentence(client):
    from archive.search import index_articles

    lead = "本报讯 市防控指挥部通报：全市新增确诊病例为零，各社区继续做好排查。"
    brief = make_article(title="", paragraphs=[lead])
    index_articles([brief.pk])
    html = client.get(URL, {"q": "新增确诊"}).content.decode()
    assert f">{lead[:24]}……</a>" in html
    assert "（无标题）" not in html and "hit__title--lead" in html


def test_results_offer_each_order_and_a_feed_of_the_search(client, seed_articles):
    html = client.get(URL, {"q": "防控", "sort": "newest", "page": "1"}).content.decode()
    assert '<span aria-current="true">最新</span>' in html
    assert 'href="?q=%E9%98%B2%E6%8E%A7&amp;sort=oldest"' in html
    assert 'href="/feeds/search/?q=%E9%98%B2%E6%8E%A7"' in html
    assert 'rel="alternate" type="application/atom+xml" title="订阅这一检索"' in html


def test_the_fields_to_search_within_reach_the_engine(client, monkeypatch):
    from archive import search
    from archive.search.results import SearchResult

    asked = {}

    def fake_search(query_text, **options):
        asked.update(options["filters"], q=query_text)
        return SearchResult()

    monkeypatch.setattr(search, "search", fake_search)
    params = {"q": "董柏生", "field": "byline", "paper": "jzrb", "date": "2020-01-27"}
    client.get(URL, {**params, "page_number": "2"})
    assert asked == {
        "q": "董柏生",
        "field": "byline",
        "paper": "jzrb",
        "date": "2020-01-27",
        "page": 2,
    }
    asked.clear()
    client.get(URL, {"q": "防控", "field": "all", "date_from": "2020-01-01"})
    assert asked == {"q": "防控", "date_from": "2020-01-01"}
    assert client.get(URL, {"q": "防控", "field": "body"}).status_code == 400


def test_the_chosen_filters_are_listed_each_with_a_way_to_drop_it(client):
    make_article(paragraphs=["联防联控"])
    html = client.get(URL, {"q": "联防联控", "paper": "jzrb", "field": "title"}).content.decode()
    assert 'aria-label="去掉条件：焦作日报"' in html and 'href="?q=%E8%81%94' in html
    assert "仅标题 <span" in html


def test_hits_over_several_years_get_a_chart_whose_bars_narrow_the_search(client):
    from archive.search import index_articles

    ids = [
        make_article(make_page(1, make_issue(day)), paragraphs=["联防联控"]).pk
        for day in ("1998-01-05", "1998-02-05", "2000-03-01")
    ]
    index_articles(ids)
    html = client.get(URL, {"q": "联防联控"}).content.decode()
    assert "各年的检索结果" in html
    assert 'aria-label="1998年：2篇，只看这一段"' in html
    assert (
        'href="?q=%E8%81%94%E9%98%B2%E8%81%94%E6%8E%A7&amp;date_from=1998-01-01&amp;date_to=1998-12-31"'
        in html
    )
    assert "<title>1999年：0篇</title>" in html
    one_year = client.get(URL, {"q": "联防联控", "date_to": "1999-12-31"}).content.decode()
    assert (
        "1998年各月的检索结果" in one_year and 'aria-label="1998年2月：1篇，只看这一段"' in one_year
    )


def test_hits_of_one_month_draw_no_chart(client):
    from archive.search import index_articles

    index_articles([make_article(paragraphs=["联防联控"]).pk])
    assert 'class="chart"' not in client.get(URL, {"q": "联防联控"}).content.decode()


def test_a_long_query_is_cut_with_a_note_and_the_box_limits_what_is_sent(client):
    make_article(paragraphs=["防控"])
    response = client.get(URL, {"q": "疫情防控" * 70})
    html = response.content.decode()
    assert response.status_code == 200
    assert "检索词过长，只用了前" in html
    assert 'maxlength="300"' in html
