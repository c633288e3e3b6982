"""Each person's articles by month stay equal to their mentions, whatever staff or the loader
do; a person's page counts, charts and pages through them by those months."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import person_months, restoring, versions
from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, ParsedPage, PersonMention
from archive.loading import delete_articles, load_issue, set_published
from archive.models import Article, Issue, Mention, Person, PersonMonth
from archive.people import merge_people, split_person
from tests.factories import make_article, make_issue, make_page, make_person

pytestmark = pytest.mark.django_db


def issue_of(day, *articles):
    """An issue document: each article a (title, [names in its text])."""
    parsed = [
        ParsedArticle(
            title=title,
            paragraphs=[f"{title}：{'、'.join(names)}出席会议。"],
            persons=[
                PersonMention(name, ["市长" if n == 0 else "副市长"])
                for n, name in enumerate(names)
            ],
        )
        for title, names in articles
    ]
    page = ParsedPage(1, "要闻", parsed)
    return build_issue_document("焦作日报", "jzrb", day, None, [page])


def months(name):
    return Person.objects.get(name=name).months.per_month()


def assert_in_step():
    assert person_months.differences() == []


def test_an_ingest_counts_its_people_by_month_and_a_reingest_counts_again():
    load_issue(issue_of("2020-01-27", ("甲", ["徐衣显", "王小平"]), ("乙", ["徐衣显"])))
    load_issue(issue_of("2020-02-03", ("丙", ["徐衣显"])))
    assert months("徐衣显") == [("2020-01", 2), ("2020-02", 1)]
    load_issue(issue_of("2020-01-27", ("甲", ["王小平"])))  # the page again, 徐衣显 gone
    assert months("徐衣显") == [("2020-02", 1)]
    assert months("王小平") == [("2020-01", 1)]
    assert_in_step()


def test_drafts_and_reporters_are_not_counted_and_publishing_counts_them():
    load_issue(issue_of("2020-01-27", ("甲", ["徐衣显"])), publish=False)
    assert months("徐衣显") == []
    set_published(Article.objects.all(), True)
    assert months("徐衣显") == [("2020-01", 1)]
    set_published(Article.objects.all(), False)
    assert months("徐衣显") == []
    make_article(make_page(2, Issue.objects.get()), reporters=["徐衣显"])
    assert months("徐衣显") == []
    signed = Person.objects.get(name="徐衣显").months.values_list("signed", "in_print")
    assert list(signed) == [(1, 1)]
    assert_in_step()


def test_deleting_merging_and_splitting_keep_the_months_in_step():
    load_issue(issue_of("2020-01-27", ("甲", ["徐衣显"]), ("乙", ["徐义显"])))
    load_issue(issue_of("2020-03-02", ("丙", ["徐义显"])))
    keep, other = Person.objects.get(name="徐衣显"), Person.objects.get(name="徐义显")
    merge_people(keep, [other])
    assert months("徐衣显") == [("2020-01", 2), ("2020-03", 1)]
    moving = keep.mentions.filter(date__month=3)
    new, _ = split_person(keep, moving, distinction="另一位")
    assert keep.months.per_month() == [("2020-01", 2)]
    assert new.months.per_month() == [("2020-03", 1)]
    delete_articles(Article.objects.filter(title="甲"))
    assert keep.months.per_month() == [("2020-01", 1)]
    assert_in_step()


def test_a_restored_version_and_an_admin_edit_are_counted_again():
    load_issue(issue_of("2020-01-27", ("甲", ["徐衣显"])))
    load_issue(issue_of("2020-01-27", ("甲", ["王小平"])))
    restoring.restore(versions.history(Issue.objects.get().pages.get())[1])
    assert months("徐衣显") == [("2020-01", 1)]
    assert months("王小平") == []
    mention = Mention.objects.get()
    mention.person = make_person("王小平")
    mention.save()  # as the admin's mention form saves it
    assert (months("徐衣显"), months("王小平")) == ([], [("2020-01", 1)])
    issue = Issue.objects.get()
    issue.date = datetime.date(2020, 2, 1)  # staff correct the issue's date
    issue.save()
    assert months("王小平") == [("2020-02", 1)]
    assert_in_step()


def test_a_timeline_takes_each_roles_first_and_last_day_across_months():
    on = [
        ("2020-01-25", ["市委副书记", "市长"]),
        ("2020-03-27", ["市长"]),
        ("2020-04-01", ["省长"]),
    ]
    for day, roles in on:
        make_article(make_page(1, make_issue(day)), persons=[("徐衣显", roles)])
    timeline = make_person("徐衣显").months.role_timeline()
    assert [(s["role"], str(s["first"]), str(s["last"])) for s in timeline] == [
        ("市委副书记", "2020-01-25", "2020-01-25"),
        ("市长", "2020-01-25", "2020-03-27"),
        ("省长", "2020-04-01", "2020-04-01"),
    ]


def test_check_people_finds_a_count_gone_wrong_and_repairs_it(capsys):
    make_article(persons=[("徐衣显", ["市长"])])
    PersonMonth.objects.update(articles=7)
    with pytest.raises(CommandError):
        call_command("check_people")
    assert "存 7 篇，实有 1 篇" in capsys.readouterr().out
    call_command("check_people", "--repair")
    call_command("check_people")
    assert months("徐衣显") == [("2020-01", 1)]


def test_a_persons_articles_page_through_months_as_the_plain_query_orders_them():
    for day in ("2020-01-05", "2020-01-06", "2020-02-10", "2020-04-01", "2020-04-30"):
        for page in (1, 2):
            make_article(make_page(page, make_issue(day)), persons=[("徐衣显", ["市长"])])
    make_article(make_page(3, make_issue("2020-02-10")), published=False, persons=[("徐衣显", [])])
    person = make_person("徐衣显")
    listed = Article.objects.published().mentioning(person)
    plain = list(
        Article.objects.published()
        .filter(mentions__person=person, mentions__is_reporter=False)
        .order_by("-page__issue__date", "page__number", "order")
    )
    assert listed.count() == len(plain) == 10
    for start in range(11):
        for stop in range(start, 12):
            assert listed[start:stop] == plain[start:stop]


def test_a_deep_page_of_a_busy_person_reads_only_its_months():
    for month in range(1, 13):
        make_article(
            make_page(1, make_issue(f"2019-{month:02d}-15")), persons=[("徐衣显", ["市长"])]
        )
    listed = Article.objects.published().mentioning(make_person("徐衣显"))
    listed.count()
    with CaptureQueriesContext(connection) as queries:
        (article,) = listed[10:11]
    assert str(article.page.issue.date) == "2019-02-15"
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "2019-02-01" in sql and "2019-02-28" in sql
