"""interchange: building issue documents and naming the path of what is wrong."""

import copy

import pytest

from archive.ingest import parse_page
from archive.ingest.interchange import InterchangeError, build_issue_document, validate_issue
from archive.ingest.model import ARTICLE_FIELDS, Jump, ParsedArticle, ParsedPage, PersonMention


@pytest.fixture
def doc():
    article = ParsedArticle(
        title="坚决打赢疫情防控阻击战", source="本报", reporters=["杨丽娜"],
        paragraphs=["1月26日……"], continued_to=Jump(2, "③"),
        persons=[PersonMention("徐衣显", ["市长"])],
    )  # fmt: skip
    return build_issue_document(
        "焦作日报", "jzrb", "2020-01-27", None, [ParsedPage(1, "要闻", [article])]
    )


def test_a_built_document_has_the_documented_shape(doc):
    validate_issue(doc)
    assert doc["format"] == "newspaper-issue/1"
    assert doc["issue"] == {"date": "2020-01-27", "number": None}
    article = doc["pages"][0]["articles"][0]
    assert list(article) == [
        "kind", "kicker", "title", "subtitle", "source", "dateline", "reporters", "paragraphs",
        "continued_to", "continued_from", "editor_code", "persons", "review", "regions",
    ]  # fmt: skip
    assert article["continued_to"] == {"page": 2, "marker": "③"}


def test_the_parsed_seed_page_validates(seed_text):
    validate_issue(
        build_issue_document(
            "焦作日报", "jzrb", "2020-01-27", 1, [parse_page(seed_text, page_number=1)]
        )
    )


def _broken(doc, change):
    bad = copy.deepcopy(doc)
    change(bad)
    return bad


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="newspaper-issue/2"), r"^format: expected"),
        (lambda d: d["paper"].update(slug="JZ RB"), r"^paper\.slug: "),
        (lambda d: d["paper"].update(name=""), r"^paper\.name: must not be empty"),
        (lambda d: d["issue"].update(date="2020-02-30"), r"^issue\.date: expected a date"),
        (lambda d: d["issue"].update(date="27/01/2020"), r"^issue\.date: "),
        (lambda d: d["pages"][0].update(number="1"), r"^pages\[0\]\.number: expected an integer"),
        (lambda d: d["pages"].append(copy.deepcopy(d["pages"][0])), r"^pages\[1\]\.number: page 1 appears twice"),
        (lambda d: d["pages"][0]["articles"][0].update(title=3), r"^pages\[0\]\.articles\[0\]\.title: expected a string$"),
        (lambda d: d["pages"][0]["articles"][0].update(kind="ad"), r"^pages\[0\]\.articles\[0\]\.kind: expected one of"),
        (lambda d: d["pages"][0]["articles"][0]["reporters"].append(7), r"\.reporters\[1\]: expected a string"),
        (lambda d: d["pages"][0]["articles"][0].update(continued_to={"page": "二"}), r"\.continued_to\.page: expected an integer"),
        (lambda d: d["pages"][0]["articles"][0]["persons"][0].update(roles="市长"), r"\.persons\[0\]\.roles: expected a list"),
    ],
)  # fmt: skip
def test_a_broken_document_names_the_path_of_the_problem(doc, change, message):
    with pytest.raises(InterchangeError, match=message):
        validate_issue(_broken(doc, change))


def test_interchange_error_is_a_value_error():
    assert issubclass(InterchangeError, ValueError)


def test_pages_round_trip_through_their_dicts(seed_text):
    page = parse_page(seed_text, page_number=1)
    again = ParsedPage.from_dict(page.to_dict())
    assert again.to_dict() == page.to_dict()
    assert ParsedArticle.from_dict({"id": 17, "url": "/x/", "title": "t"}).title == "t"


def test_every_field_is_read_written_and_checked_by_its_shape():
    article = ParsedArticle(
        kind="photo", kicker="k", title="t", subtitle="s", source="本报", dateline="d",
        reporters=["甲"], paragraphs=["p"], continued_to=Jump(2, "③"), continued_from=Jump(1, ""),
        editor_code="①3", persons=[PersonMention("乙", ["市长"])], review=["r"],
    )  # fmt: skip
    assert set(article.to_dict()) == set(ARTICLE_FIELDS)
    assert ParsedArticle.from_dict(article.to_dict()) == article
    validate_issue(
        build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [ParsedPage(1, "", [article])])
    )
    for name in ARTICLE_FIELDS:
        broken = {**article.to_dict(), name: 3.5}
        doc = build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [ParsedPage(1)])
        doc["pages"][0]["articles"] = [broken]
        with pytest.raises(InterchangeError, match=rf"articles\[0\]\.{name}: expected"):
            validate_issue(doc)


@pytest.mark.parametrize("kind", [[], {}, None, 3, "ad"])
def test_a_kind_that_is_not_a_known_name_is_named_as_the_problem(doc, kind):
    doc["pages"][0]["articles"][0]["kind"] = kind
    with pytest.raises(InterchangeError, match=r"articles\[0\]\.kind: expected one of article, "):
        validate_issue(doc)
