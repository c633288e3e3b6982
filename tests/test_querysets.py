"""The archive's questions as QuerySet methods: what readers may see, and about whom."""

import datetime

import pytest

from archive.models import Article, Issue, Person
from tests.factories import make_article, make_issue, make_page, make_paper, make_person

pytestmark = pytest.mark.django_db


def on(day, **fields):
    return make_article(make_page(1, make_issue(day)), **fields)


def test_an_issue_is_visible_once_one_of_its_articles_is_published():
    on("2020-01-26", published=False)
    on("2020-01-27")
    assert [str(i.date) for i in Issue.objects.visible()] == ["2020-01-27"]


def test_an_issues_neighbours_are_the_same_papers_visible_days():
    for day in ("2020-01-25", "2020-01-27", "2020-01-28"):
        on(day)
    on("2020-01-26", published=False)
    make_article(make_page(1, make_issue("2020-01-26", make_paper("人民日报", "rmrb"))))
    previous, following = Issue.objects.get(date="2020-01-27").neighbours()
    assert (str(previous.date), str(following.date)) == ("2020-01-25", "2020-01-28")
    assert previous.newspaper.slug == "jzrb"


def test_issues_between_two_days_come_oldest_first():
    for day in ("2020-01-31", "2020-02-01", "2020-01-01"):
        make_issue(day)
    january = Issue.objects.between(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31))
    assert [str(i.date) for i in january] == ["2020-01-01", "2020-01-31"]


def test_an_issue_in_reading_order_goes_page_by_page_and_skips_drafts():
    issue = make_issue()
    make_article(make_page(2, issue), title="二版")
    make_article(make_page(1, issue), title="一版第二篇", order=2)
    make_article(make_page(1, issue), title="一版第一篇", order=1)
    make_article(make_page(1, issue), title="草稿", published=False)
    assert [a.title for a in issue.reading_order()] == ["一版第一篇", "一版第二篇", "二版"]


def test_a_role_timeline_spans_the_published_days_of_each_role():
    on("2020-01-25", persons=[("徐衣显", ["市委副书记", "市长"])])
    on("2020-01-27", persons=[("徐衣显", ["市长"])])
    on("2020-01-28", persons=[("徐衣显", ["省长"])], published=False)
    timeline = make_person("徐衣显").months.role_timeline()
    assert [(s["role"], str(s["first"]), str(s["last"])) for s in timeline] == [
        ("市委副书记", "2020-01-25", "2020-01-25"),
        ("市长", "2020-01-25", "2020-01-27"),
    ]


def test_people_in_print_exclude_those_only_in_drafts():
    on("2020-01-27", persons=[("王小平", [])], reporters=["杨丽娜"])
    on("2020-01-27", persons=[("胡小平", [])], published=False)
    people = Person.objects.in_print()
    assert [p.name for p in people.listed()] == ["王小平", "杨丽娜"]
    counts = dict(people.initial_counts())
    assert counts["W"] == counts["Y"] == 1 and sum(counts.values()) == 2


def test_people_are_counted_by_their_published_articles_each_once():
    on("2020-01-25", persons=[("杨丽娜", [])], reporters=["杨丽娜"])  # named and signing
    on("2020-01-26", persons=[("杨丽娜", []), ("王小平", [])])
    on("2020-01-27", persons=[("杨丽娜", [])], published=False)
    people = Person.objects.in_print().listed().with_article_counts()
    assert [(p.name, p.article_count) for p in people] == [("王小平", 1), ("杨丽娜", 2)]


def test_articles_mentioning_a_person_are_kept_apart_from_those_they_signed():
    mentioned = on("2020-01-26", persons=[("杨丽娜", [])])
    signed = on("2020-01-27", reporters=["杨丽娜"])
    person = make_person("杨丽娜")
    assert list(Article.objects.mentioning(person)) == [mentioned]
    assert list(Article.objects.signed_by(person)) == [signed]


def test_companions_are_counted_over_published_articles_only():
    on("2020-01-27", persons=[("王小平", []), ("徐衣显", [])])
    on("2020-01-27", persons=[("王小平", []), ("胡小平", [])], published=False)
    names = [p.name for p in Person.objects.mentioned_with(make_person("王小平"))]
    assert names == ["徐衣显"]


def test_related_articles_share_people_the_text_names_not_reporters():
    article = on("2020-01-27", persons=[("王小平", [])], reporters=["杨丽娜"])
    same_person = on("2020-01-26", persons=[("王小平", [])])
    on("2020-01-25", reporters=["杨丽娜"])
    on("2020-01-24", persons=[("王小平", [])], published=False)
    article = Article.objects.with_people().get(pk=article.pk)
    assert Article.objects.related_to(article) == [same_person]
    assert Article.objects.related_to(article, exclude=[same_person]) == []


def test_mentions_per_month_count_published_articles_naming_the_person():
    on("1998-01-05", persons=[("王小平", [])])
    on("1998-01-20", persons=[("王小平", [])])
    on("2020-01-27", persons=[("王小平", [])])
    on("2020-01-27", persons=[("王小平", [])], published=False)
    on("2020-02-01", reporters=["王小平"])
    assert make_person("王小平").months.per_month() == [("1998-01", 2), ("2020-01", 1)]


def test_a_name_search_folds_full_width_text():
    on("2020-01-27", persons=[("ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ", []), ("王小平", [])])
    people = Person.objects.in_print()
    assert [p.name for p in people.named_like("Steinberg").listed()] == [
        "ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ"
    ]
    assert [p.name for p in people.named_like("ｗａｎｇ　ｘｉａｏ").listed()] == ["王小平"]


def test_the_texts_of_a_page_of_hits_come_back_by_id_as_stored():
    dated = on(
        "2020-01-27", title="郑州：１２月 “防控”", paragraphs=["严把疫情输入关", "王付举 · 6月"]
    )
    untitled = on("2020-01-28", title="", paragraphs=[])
    texts = Article.objects.texts_of([untitled.pk, dated.pk, 999_999])
    assert texts == {
        dated.pk: ("郑州：１２月 “防控”", ["严把疫情输入关", "王付举 · 6月"]),
        untitled.pk: ("", []),
    }
    assert Article.objects.texts_of([]) == {}


def test_the_latest_issue_is_the_newest_visible_day_first_paper_by_name():
    on("2020-01-27")
    on("2020-01-29", published=False)  # a draft-only issue is not out yet
    make_article(make_page(1, make_issue("2020-01-28", make_paper("人民日报", "rmrb"))))
    make_article(make_page(1, make_issue("2020-01-28", make_paper("北京日报", "bjrb"))))
    latest = Issue.objects.latest()
    # 人 (U+4EBA) sorts before 北 (U+5317), as the home page always ordered them.
    assert (str(latest.date), latest.newspaper.slug) == ("2020-01-28", "rmrb")


def test_no_issue_out_means_no_latest():
    on("2020-01-27", published=False)
    assert Issue.objects.latest() is None
