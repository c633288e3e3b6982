"""The data model: natural keys are unique, ordering is the newspaper's, citations read well."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from archive.models import Article, Issue, Page, Person
from tests.factories import make_article, make_issue, make_page, make_paper, make_person

pytestmark = pytest.mark.django_db


def test_a_paper_cannot_have_two_issues_on_one_day():
    issue = make_issue("2020-01-27")
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(newspaper=issue.newspaper, date=datetime.date(2020, 1, 27))


def test_two_papers_may_publish_on_the_same_day():
    make_issue("2020-01-27")
    other = make_paper(name="人民日报", slug="rmrb")
    Issue.objects.create(newspaper=other, date=datetime.date(2020, 1, 27))
    assert Issue.objects.filter(date="2020-01-27").count() == 2


def test_an_issue_cannot_have_two_pages_with_one_number():
    page = make_page(1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(issue=page.issue, number=1, name="要闻")


def test_page_number_zero_is_rejected():
    issue = make_issue()
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(issue=issue, number=0)


def test_two_articles_cannot_share_a_place_on_a_page():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(page=article.page, order=article.order, title="重复")


def test_a_person_is_stored_once_per_name():
    make_person("王小平")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="王小平", slug="王小平-2")


def test_issues_are_newest_first_and_pages_in_print_order():
    paper = make_paper()
    make_issue("2020-01-25", paper)
    make_issue("2020-01-27", paper)
    make_issue("2020-01-26", paper)
    assert [str(i.date) for i in Issue.objects.all()] == ["2020-01-27", "2020-01-26", "2020-01-25"]
    issue = Issue.objects.first()
    for number in (3, 1, 2):
        make_page(number, issue)
    assert [p.number for p in issue.pages.all()] == [1, 2, 3]


def test_articles_keep_reading_order_on_a_page():
    page = make_page()
    make_article(page, order=2, title="第二篇")
    make_article(page, order=1, title="第一篇")
    assert [a.title for a in page.articles.all()] == ["第一篇", "第二篇"]


def test_people_sort_by_pinyin():
    for name in ["王小平", "徐衣显", "安娜", "胡小平"]:
        make_person(name)
    assert [p.name for p in Person.objects.all()] == ["安娜", "胡小平", "王小平", "徐衣显"]
    assert Person.objects.get(name="王小平").sort_key == "wang xiao ping"


def test_str_is_a_human_citation():
    page = make_page(1, make_issue("2020-01-27"))
    assert str(page.issue) == "焦作日报 2020-01-27"
    assert str(page) == "焦作日报 2020-01-27 第1版"
    article = make_article(page, title="坚决打赢疫情防控阻击战")
    assert str(article) == "坚决打赢疫情防控阻击战 (焦作日报 2020-01-27 第1版)"


def test_permalinks_are_stable_and_readable():
    page = make_page(1, make_issue("2020-01-27"))
    article = make_article(page)
    person = make_person("王小平")
    assert page.issue.newspaper.get_absolute_url() == "/jzrb/"
    assert page.issue.get_absolute_url() == "/jzrb/2020-01-27/"
    assert page.get_absolute_url() == "/jzrb/2020-01-27/1/"
    assert article.get_absolute_url() == "/jzrb/2020-01-27/1/1/"
    assert person.get_absolute_url() == "/people/%E7%8E%8B%E5%B0%8F%E5%B9%B3/"


def test_an_article_without_a_headline_borrows_its_first_words():
    article = make_article(
        title="",
        paragraphs=["1月24日上午，我市召开新型冠状病毒感染的肺炎疫情防控电视电话会议，深入贯彻"],
    )
    assert article.display_title == "1月24日上午，我市召开新型冠状病毒感染的肺炎疫……"


def test_the_models_kinds_are_the_pipelines():
    """One list of kinds: every kind the parser or an interchange file may carry is stored."""
    from archive.ingest.model import KINDS, ParsedArticle

    assert Article.Kind.choices == list(KINDS.items())
    assert Article.Kind.ARTICLE == ParsedArticle().kind == Article._meta.get_field("kind").default
    assert max(map(len, KINDS)) <= Article._meta.get_field("kind").max_length
    assert Article.Kind.NOTICE.label == "启事"


def test_a_jump_reads_and_writes_as_the_interchange_names_it():
    from archive.ingest.model import Jump

    article = make_article(continued_to=Jump(2, "③"))
    article.refresh_from_db()
    assert (article.jump_to_page, article.jump_to_marker) == (2, "③")
    assert article.continued_to == Jump(2, "③") and article.continued_from is None
    article.continued_to = None
    assert (article.jump_to_page, article.jump_to_marker, article.jump_to_label) == (None, "", "")
