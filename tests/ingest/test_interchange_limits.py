"""Validation matches the database: sizes, ranges, NUL and lone surrogates, named by path."""

import copy

import pytest

from archive.ingest.interchange import InterchangeError, build_issue_document, validate_issue
from archive.ingest.model import (
    ARTICLE_FIELDS,
    MAX_LENGTHS,
    Jump,
    ParsedArticle,
    ParsedPage,
    PersonMention,
)


@pytest.fixture
def doc():
    article = ParsedArticle(
        title="坚决打赢疫情防控阻击战", source="本报", reporters=["杨丽娜"],
        paragraphs=["1月26日……"], continued_to=Jump(2, "③"),
        persons=[PersonMention("徐衣显", ["市长"])],
    )  # fmt: skip
    return build_issue_document(
        "焦作日报", "jzrb", "2020-01-27", 3, [ParsedPage(1, "要闻", [article])]
    )


def changed(doc, change):
    bad = copy.deepcopy(doc)
    change(bad, bad["pages"][0], bad["pages"][0]["articles"][0])
    return bad


ATTACKS = [
    (lambda d, p, a: p.update(number=None), r"^pages\[0\]\.number: expected an integer from 1 to 32767$"),
    (lambda d, p, a: p.update(number=2**70), r"^pages\[0\]\.number: expected a page number from 1 to 32767, got 1180591620717411303424$"),
    (lambda d, p, a: p.update(number=-1), r"^pages\[0\]\.number: expected a page number from 1 to 32767, got -1$"),
    (lambda d, p, a: p.update(number=32768), r"pages\[0\]\.number: .* got 32768$"),
    (lambda d, p, a: p.update(number=True), r"pages\[0\]\.number: expected an integer"),
    (lambda d, p, a: d["issue"].update(number=-1), r"^issue\.number: expected an issue number from 0"),
    (lambda d, p, a: d["issue"].update(number=2**40), r"^issue\.number: .* got 1099511627776$"),
    (lambda d, p, a: a.update(title="题" * 301), r"^pages\[0\]\.articles\[0\]\.title: 301 characters, at most 300 fit$"),
    (lambda d, p, a: a.update(kicker="\ud800"), r"\.kicker: contains a lone surrogate \(broken text\) at position 0$"),
    (lambda d, p, a: a["paragraphs"].append("防\x00控"), r"\.paragraphs\[1\]: contains a NUL character at position 1$"),
    (lambda d, p, a: a["reporters"].append("名" * 51), r"\.reporters\[1\]: 51 characters, at most 50 fit$"),
    (lambda d, p, a: a["persons"][0].update(name="名" * 51), r"\.persons\[0\]\.name: 51 characters"),
    (lambda d, p, a: a["persons"][0]["roles"].append("市\x00长"), r"\.persons\[0\]\.roles\[1\]: contains a NUL"),
    (lambda d, p, a: a.update(source="本" * 51), r"\.source: 51 characters, at most 50 fit$"),
    (lambda d, p, a: a.update(editor_code="①" * 21), r"\.editor_code: 21 characters, at most 20"),
    (lambda d, p, a: a["review"].append("\udfff"), r"\.review\[0\]: contains a lone surrogate"),
    (lambda d, p, a: a.update(continued_to={"page": 40000, "marker": "③"}), r"\.continued_to\.page: .* got 40000$"),
    (lambda d, p, a: a.update(continued_from={"page": 0, "marker": ""}), r"\.continued_from\.page: .* got 0$"),
    (lambda d, p, a: a.update(continued_to={"page": 2, "marker": "③③③③③"}), r"\.continued_to\.marker: 5 characters, at most 4"),
    (lambda d, p, a: p.update(name="版" * 51), r"^pages\[0\]\.name: 51 characters, at most 50"),
    (lambda d, p, a: d["paper"].update(name="报" * 101), r"^paper\.name: 101 characters, at most 100"),
    (lambda d, p, a: d["paper"].update(slug="j" * 41), r"^paper\.slug: 41 characters, at most 40"),
    (lambda d, p, a: d["paper"].update(place=["河南"]), r"^paper\.place: expected a string$"),
    (lambda d, p, a: d["paper"].update(name="焦作\x00日报"), r"^paper\.name: contains a NUL"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), ATTACKS)
def test_an_attackers_document_is_refused_naming_the_path(doc, change, message):
    with pytest.raises(InterchangeError, match=message):
        validate_issue(changed(doc, change))


def test_values_exactly_at_the_limits_are_stored_as_they_are(doc):
    def at_limits(d, p, a):
        p.update(number=32767, name="版" * 50)
        d["issue"].update(number=2**31 - 1)
        a.update(title="题" * 300, continued_to={"page": 32767, "marker": "③" * 4})
        a["reporters"].append("名" * 50)

    validate_issue(changed(doc, at_limits))


def test_every_text_field_has_a_size_and_every_size_a_field():
    texts = {name for name, shape in ARTICLE_FIELDS.items() if shape is str}
    assert texts <= set(MAX_LENGTHS)
    assert set(MAX_LENGTHS) <= set(ARTICLE_FIELDS)
