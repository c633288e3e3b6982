"""loading: an interchange article stored and exported again comes back field for field."""

import pytest

from archive.exports import stored_article_document, stored_issue_document
from archive.ingest.interchange import build_issue_document, validate_issue
from archive.ingest.model import ARTICLE_FIELDS, Jump, ParsedArticle, ParsedPage, PersonMention
from archive.loading import ROW_FIELDS, load_issue
from archive.models import Article, Issue

pytestmark = pytest.mark.django_db

# Every interchange field away from its default, so a field the loader drops shows.
EVERY_FIELD = ParsedArticle(
    kind="notice", kicker="引题", title="主题", subtitle="副题", source="新华社",
    dateline="北京1月25日电", reporters=["杨丽娜", "姚广强"], paragraphs=["第一段。", "第二段。"],
    continued_to=Jump(2, "③"), continued_from=Jump(3, ""), editor_code="①3",
    persons=[PersonMention("徐衣显", ["市委副书记", "市长"]), PersonMention("王付举", [])],
    review=["no_headline"], published=False, number=4,
)  # fmt: skip


def stored(article):
    page = ParsedPage(1, "要闻", [article])
    load_issue(build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [page]), index=False)
    return Article.objects.with_place().with_people().get()


def test_an_article_comes_back_from_the_database_as_it_went_in():
    document = stored_article_document(stored(EVERY_FIELD))
    assert list(document) == ["id", "url", *ARTICLE_FIELDS, "published", "number"]
    assert {k: v for k, v in document.items() if k not in ("id", "url")} == EVERY_FIELD.to_dict()


def test_an_empty_article_comes_back_empty():
    document = stored_article_document(stored(ParsedArticle()))
    assert ParsedArticle.from_dict(document) == ParsedArticle(published=True, number=1)


def test_every_field_but_the_people_is_held_by_the_article_row():
    assert set(ARTICLE_FIELDS) - set(ROW_FIELDS) == {"reporters", "persons"}
    article = Article()
    for name in ROW_FIELDS:
        setattr(article, name, getattr(EVERY_FIELD, name))
        assert getattr(article, name) == getattr(EVERY_FIELD, name), name


def test_a_stored_issue_is_a_valid_interchange_document():
    stored(EVERY_FIELD)
    document = stored_issue_document(Issue.objects.get())
    validate_issue(document)
    assert document["paper"] == {"name": "焦作日报", "slug": "jzrb"}
    assert document["issue"] == {"date": "2020-01-27", "number": None}


def test_a_free_slug_costs_one_query_however_many_namesakes(django_assert_num_queries):
    from archive.models import Person
    from archive.models import free_person_slug as free_slug

    Person.objects.bulk_create(
        [
            Person(name=f"·{'·' * n}", slug="person" if n == 0 else f"person-{n + 1}")
            for n in range(20)
        ]
    )
    with django_assert_num_queries(1):
        assert free_slug("……") == "person-21"
    assert free_slug("……", taken={"person-21"}) == "person-22"


def test_new_persons_slugs_are_looked_up_together(django_assert_max_num_queries):
    from archive.models import Person, PersonAlias, free_person_slugs

    kept = Person.objects.create(name="李贵鲜", slug="李贵鲜")
    PersonAlias.objects.create(slug="王刚", name="王刚", person=kept)
    names = [f"新人{n}" for n in range(200)] + ["李贵鲜", "王刚", "……", "·", "李-2", "李"]
    with django_assert_max_num_queries(2 + 4):  # the batch, then one per shared slug
        slugs = free_person_slugs(names)
    assert slugs["新人7"] == "新人7"
    assert slugs["李贵鲜"] == "李贵鲜-2" and slugs["王刚"] == "王刚-2"
    assert {slugs["……"], slugs["·"]} == {"person", "person-2"}
    assert slugs["李-2"] == "李-2" and slugs["李"] == "李"
    assert len(set(slugs.values())) == len(names)
