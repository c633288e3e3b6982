"""Data migrations bring an archive of an earlier version up to date."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def models_at(migration):
    """The database taken back to ``archive``'s ``migration``, and the models of that time."""
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", migration)])
    return executor.loader.project_state([("archive", migration)]).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_english_review_notes_become_flag_codes():
    old = models_at("0001_initial")
    paper = old.get_model("archive", "Newspaper").objects.create(name="焦作日报", slug="jzrb")
    issue = old.get_model("archive", "Issue").objects.create(newspaper=paper, date="2020-01-27")
    page = old.get_model("archive", "Page").objects.create(issue=issue, number=1)
    Article = old.get_model("archive", "Article")
    Article.objects.create(
        page=page, order=1, review=["no headline found", "byline printed as 记者 王政"]
    )
    migrate_to_latest()
    from archive.models import Article as Current

    assert Current.objects.get().review == ["no_headline", "byline_printed_as:记者 王政"]


@pytest.mark.django_db(transaction=True)
def test_full_width_sort_keys_are_folded():
    old = models_at("0002_review_flags_as_codes")
    Person = old.get_model("archive", "Person")
    Person.objects.create(
        name="ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ", slug="bruce", sort_key="ｂｒｕｃｅｓｔｅｉｎｂｅｒｇ"
    )
    Person.objects.create(name="王小平", slug="王小平", sort_key="wang xiao ping")
    migrate_to_latest()
    from archive.models import Person as Current
    from archive.models import pinyin_sort_key

    keys = dict(Current.objects.values_list("name", "sort_key"))
    assert keys == {"ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ": "brucesteinberg", "王小平": "wang xiao ping"}
    assert keys["ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ"] == pinyin_sort_key("ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ")


@pytest.mark.django_db(transaction=True)
def test_json_stored_with_escapes_is_rewritten_as_readable_text():
    old = models_at("0007_p_person_distinction")
    paper = old.get_model("archive", "Newspaper").objects.create(name="焦作日报", slug="jzrb")
    issue = old.get_model("archive", "Issue").objects.create(newspaper=paper, date="2020-01-27")
    page = old.get_model("archive", "Page").objects.create(issue=issue, number=1, review=["无"])
    paragraphs = ["严把疫情输入关", 'A "quoted" \\u4e00 back\\slash', "１２月"]
    old.get_model("archive", "Article").objects.create(
        page=page, order=1, number=1, paragraphs=paragraphs
    )
    migrate_to_latest()
    from archive.models import Article

    assert Article.objects.get().paragraphs == paragraphs
    with connection.cursor() as cursor:
        cursor.execute("SELECT paragraphs FROM archive_article")
        (stored,) = cursor.fetchone()
    if connection.vendor == "sqlite":
        assert stored.startswith('["严把疫情输入关", ') and stored.endswith('"１２月"]')


@pytest.mark.django_db(transaction=True)
def test_mentions_get_their_dates_and_people_their_months():
    old = models_at("0008_readable_json")
    paper = old.get_model("archive", "Newspaper").objects.create(name="焦作日报", slug="jzrb")
    Article, Mention = old.get_model("archive", "Article"), old.get_model("archive", "Mention")
    person = old.get_model("archive", "Person").objects.create(name="徐衣显", slug="徐衣显")
    for day, published in (("2020-01-27", True), ("2020-01-28", True), ("2020-02-03", False)):
        issue = old.get_model("archive", "Issue").objects.create(newspaper=paper, date=day)
        page = old.get_model("archive", "Page").objects.create(issue=issue, number=1)
        article = Article.objects.create(page=page, order=1, number=1, published=published)
        Mention.objects.create(article=article, person=person, roles=["市长"])
    migrate_to_latest()
    from archive.models import Mention as Current
    from archive.models import Person

    assert sorted(str(m.date) for m in Current.objects.all()) == [
        "2020-01-27",
        "2020-01-28",
        "2020-02-03",
    ]
    months = Person.objects.get().months
    assert months.per_month() == [("2020-01", 2)]
    assert [(s["role"], str(s["first"]), str(s["last"])) for s in months.role_timeline()] == [
        ("市长", "2020-01-27", "2020-01-28")
    ]
