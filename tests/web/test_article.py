"""An article: headline, byline, place, body, jumps, people, related, neighbours, citation."""

import pytest

from archive.querysets import RELATED_PEOPLE
from tests.factories import make_article, make_issue, make_page
from tests.seedlike import LEAD_TITLE, build_seed_like_issue

pytestmark = pytest.mark.django_db

# Five for the article, its place, jumps, people and the issue's order; then "more like
# this" asks once for each of the first RELATED_PEOPLE people it names, however many more.
QUERY_BOUND = 5 + RELATED_PEOPLE


@pytest.fixture
def lead(db):
    return build_seed_like_issue()


def get(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_headline_reads_kicker_title_subtitle(client):
    article = make_article(kicker="王小平在调研时强调", title="加强监测", subtitle="全力以赴")
    html = get(client, article)
    assert '<p class="story__kicker">王小平在调研时强调</p>' in html
    assert '<h1 class="story__title">加强监测</h1>' in html
    assert '<p class="story__subtitle">全力以赴</p>' in html
    assert html.count("<h1") == 1


def test_the_byline_links_each_reporter_and_the_place_links_date_and_page(client, lead):
    html = get(client, lead)
    assert "本报讯" in html
    assert 'href="/people/%E6%9D%A8%E4%B8%BD%E5%A8%9C/">杨丽娜</a>、' in html
    assert ">姚广强</a>" in html
    assert 'href="/jzrb/2020-01-27/"' in html and 'href="/jzrb/2020-01-27/1/">第1版 要闻' in html


def test_paragraphs_are_printed_in_order(client, lead):
    html = get(client, lead)
    assert html.index("1月26日农历正月初二") < html.index("在解放区世纪新区")


def test_the_jump_marker_links_to_the_continuation_and_back(client, lead):
    rest = lead.continuation
    html = get(client, lead)
    assert f'<a href="{rest.get_absolute_url()}"' in html and "（下转第二版③）" in html
    back = get(client, rest)
    assert f'<a href="{lead.get_absolute_url()}"' in back and "（上接第一版③）" in back


def test_a_jump_to_an_unpublished_part_is_printed_without_a_link(client, lead):
    rest = lead.continuation
    rest.published = False
    rest.save()
    html = get(client, lead)
    assert "（下转第二版③）" in html
    assert rest.get_absolute_url() not in html


def test_people_mentioned_are_listed_with_their_roles(client, lead):
    html = get(client, lead)
    assert '>徐衣显</a><span class="muted">（市委副书记、市长）</span>' in html
    assert '>王付举</a><span class="muted">（副市长）</span>' in html


def test_related_articles_share_people_but_not_the_other_half(client, lead):
    html = get(client, lead)
    related = html[html.index("相关报道") :]
    assert "迅速落实一级应急响应措施" in related
    assert lead.continuation.get_absolute_url() not in related


def test_previous_and_next_article_in_the_issue(client, lead):
    html = get(client, lead)
    assert 'rel="next"' in html and "加强监测监督监管" in html
    last = lead.continuation
    back = get(client, last)
    assert 'rel="prev" href="/jzrb/2020-01-27/1/' in back


def test_the_citation_follows_gb_t_7714(client, lead):
    expected = f"杨丽娜, 姚广强. {LEAD_TITLE}[N]. 焦作日报, 2020-01-27(1)."
    html = get(client, lead)
    assert f'id="citation-text">{expected}</p>' in html
    assert 'data-copy="citation-text"' in html and "/static/js/copy.js" in html


def test_a_citation_names_three_authors_then_et_al():
    article = make_article(title="标题", reporters=["甲", "乙", "丙", "丁"])
    assert article.citation().startswith("甲, 乙, 丙, 等. 标题[N]. ")


def test_an_unsigned_citation_starts_with_the_title():
    assert make_article(title="敬告读者").citation() == "敬告读者[N]. 焦作日报, 2020-01-27(1)."


@pytest.mark.parametrize(
    "n,expected", [(1, "一"), (2, "二"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_page_numbers_in_jump_markers_are_chinese(n, expected):
    article = make_article(jump_to_page=n, jump_to_marker="③", jump_from_page=n)
    assert article.jump_to_label == f"（下转第{expected}版③）"
    assert article.jump_from_label == f"（上接第{expected}版）"


def test_an_article_that_does_not_jump_prints_no_jump_marker(client):
    article = make_article()
    assert article.jump_to_label == article.jump_from_label == ""
    assert 'class="jump' not in get(client, article)


def test_an_unpublished_article_is_not_found(client):
    article = make_article(published=False)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_article_at_the_wrong_address_is_not_found(client):
    article = make_article()
    assert client.get(f"/jzrb/2020-01-27/2/{article.pk}/").status_code == 404
    assert client.get(f"/jzrb/2020-01-26/1/{article.pk}/").status_code == 404


def test_the_page_prints_without_navigation():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/print.css").read_text()
    assert ".site-header" in css and ".copy-button" in css


def test_small_and_large_issues_take_the_same_queries(
    client, small_issue, big_issue, django_assert_max_num_queries
):
    for _, first in (small_issue, big_issue):
        with django_assert_max_num_queries(QUERY_BOUND):
            response = client.get(first.get_absolute_url())
        assert response.status_code == 200


def test_an_article_with_many_people_takes_the_same_queries(client, django_assert_max_num_queries):
    page = make_page(1, make_issue())
    people = [(f"人物{i}", ["职务"]) for i in range(30)]
    article = make_article(page, persons=people, reporters=["甲", "乙"])
    for _ in range(10):
        make_article(page, persons=people[:5])
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_an_old_row_id_url_redirects_permanently_to_the_numbered_one(client):
    page = make_page()
    for _ in range(30):  # row ids above the page's article numbers
        make_article(make_page(2))
    article = make_article(page)
    assert article.number == 1 and article.pk > 30
    response = client.get(f"/jzrb/2020-01-27/1/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/jzrb/2020-01-27/1/1/"
    assert client.get(f"/jzrb/2020-01-27/1/{article.pk + 1}/").status_code == 404


def test_a_number_wins_over_a_row_id_of_the_same_value(client):
    page = make_page()
    first = make_article(page, title="第一篇")
    second = make_article(page, title="第二篇")
    assert (first.number, second.number) == (1, 2)
    assert "第二篇" in client.get("/jzrb/2020-01-27/1/2/").content.decode()
