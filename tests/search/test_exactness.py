"""Every kind of query a reader types finds exactly the articles whose text contains it.

The texts below carry the cases search issue 14 measured wrong: digits inside longer numbers
(1997, 500000, 12月), full-width digits, Latin letters in words, the punctuation inside
names and numbers, and the byline (source, dateline, reporters) the article page shows.
"""

import random

import pytest

from archive import search
from archive.search import whoosh_backend, whoosh_facets
from archive.search.analysis import fold
from archive.search.query import parse_query
from archive.search.results import FACETS, facet_pairs
from archive.search.whoosh_query import whoosh_query
from tests.factories import make_article
from tests.search.conftest import folded_texts

pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh", "tantivy")]

TEXTS = [
    ("１９９８年新年讲话", ["新华社北京１２月３１日电 在１９９８年来临之际，江泽民发表讲话。"]),
    ("1997—1998赛季", ["本赛季有500000名观众，比1997年多15000人，增长19.5%。"]),
    ("于尔根·吕特格尔斯访华", ["德国部长于尔根·吕特格尔斯说，A股与COVID-19无关。"]),
    ("北京1月", ["北京1月25日电 11月24日的会议，有50人出席；6月、3月、20日。"]),
    ("", ["５０００元，Ｂｒｕｃｅ　Ｓｔｅｉｎｂｅｒｇ到访。"]),
]


@pytest.fixture
def articles():
    made = [make_article(title=title, paragraphs=paragraphs) for title, paragraphs in TEXTS]
    made.append(
        make_article(
            title="全市疫情防控会议",
            paragraphs=["会议要求，落实各项措施。"],
            source="本报",
            reporters=["董柏生"],
        )
    )
    made.append(
        make_article(
            title="",
            paragraphs=["国务院召开会议。"],
            source="新华社",
            dateline="北京1月25日电",
        )
    )
    search.index_articles([a.pk for a in made])
    return made


def truth(query):
    return {pk for pk, text in folded_texts().items() if fold(query) in text}


@pytest.mark.parametrize(
    "query",
    [
        "1",
        "1月",
        "6月",
        "北京1",
        "有50",
        "5000",
        "97",
        "1998年",
        "１９９８年",
        "·",
        "根·吕",
        "19.5%",
        "a股",
        "covid",
        "Steinberg",
        "北京1月25日电",
        "董柏生",
        "新华社",
        "本报讯",
        "的",
        "会",
        "，",
    ],
)
def test_a_query_finds_exactly_the_articles_that_contain_it(articles, query):
    want = truth(query)
    assert want, f"{query!r} should occur in the test texts"
    assert search.doc_ids(query) == want


def test_a_quoted_minus_is_text_not_an_exclusion(articles):
    assert search.doc_ids('"-19"') == truth("-19") == {articles[2].pk}


def test_numbers_are_substrings_not_whole_words(articles):
    assert search.doc_ids("97") == search.doc_ids("1997") == {articles[1].pk}
    assert search.doc_ids("5000") == {articles[1].pk, articles[4].pk}  # 500000 and ５０００
    assert search.doc_ids("1月") == truth("1月") and articles[3].pk in truth("1月")


def test_a_quoted_year_does_not_match_a_season(articles):
    assert search.doc_ids('"1998年"') == {articles[0].pk}


def test_byline_fields_are_searchable_text(articles):
    *_, local, wire = articles
    assert search.doc_ids("董柏生") == {local.pk}
    assert search.doc_ids("北京1月25日电") == {articles[3].pk, wire.pk}
    assert search.doc_ids("新华社") == {articles[0].pk, wire.pk}


def test_random_runs_of_any_text_are_exact(articles):
    texts = folded_texts()
    rng = random.Random(14)
    runs = [run for text in texts.values() for run in text.split()]
    for _ in range(200):
        run = rng.choice(runs)
        size = rng.randint(1, min(8, len(run)))
        start = rng.randint(0, len(run) - size)
        query = run[start : start + size]
        if query.startswith("-") or query.lower() in {"or", "and", "not", "|"} or '"' in query:
            continue
        want = {pk for pk, text in texts.items() if query in text}
        assert search.doc_ids(query) == want, query


def test_boolean_forms(articles):
    a, b = search.doc_ids("会议"), search.doc_ids("北京")
    assert search.doc_ids("会议 AND 北京") == search.doc_ids("会议 北京") == a & b
    assert search.doc_ids("会议 OR 北京") == search.doc_ids("会议 or 北京") == a | b
    assert search.doc_ids("会议|北京") == a | b
    assert search.doc_ids("会议 NOT 北京") == search.doc_ids("会议 -北京") == a - b
    assert a - b and a & b


@pytest.mark.parametrize("rank_limit", [1500, 1])
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_a_common_character_pages_and_counts_exactly(articles, monkeypatch, rank_limit, sort):
    # rank_limit 1: the path of queries too common to score (的 at 10× the corpus).
    monkeypatch.setattr(whoosh_backend, "RANK_LIMIT", rank_limit)
    for query in ("，", "会"):
        want = truth(query)
        result = search.search(query, page_size=2, sort=sort, text_loader=lambda ids: {})
        assert result.total == len(want)
        assert sum(count for _, count in result.facets["year"]) == result.total
        seen = []
        for page in range(1, result.total // 2 + 2):
            seen += [h.id for h in search.search(query, page=page, page_size=2, sort=sort).hits]
        assert sorted(seen) == sorted(want)
    if sort == "relevance":
        # Headline matches first (全市疫情防控会议), whether scored or not.
        assert seen[0] == articles[5].pk


@pytest.mark.engines("whoosh")
def test_facets_from_the_complement_equal_facets_counted_directly(articles):
    searcher = search.backend().searcher()
    docnums = set(searcher.docs_for_query(whoosh_query(parse_query("，"))[1]))
    everything = whoosh_facets.live_docnums(searcher)
    assert len(docnums) > len(everything) // 2
    direct = {name: whoosh_facets._counts(searcher, name, docnums) for name in FACETS}
    assert {k: dict(v) for k, v in whoosh_facets.facets_of(searcher, docnums).items()} == {
        k: dict(facet_pairs(k, v)) for k, v in direct.items()
    }


def test_search_within_the_title_or_the_byline(articles):
    *_, local, wire = articles
    within = {"field": "title"}
    assert search.search("会议", filters=within).total == 1  # 全市疫情防控会议
    assert search.search("北京1月", filters=within).total == 1  # the title 北京1月
    byline = {"field": "byline"}
    assert [h.id for h in search.search("董柏生", filters=byline).hits] == [local.pk]
    # In the byline only the wire's dateline, not the body that starts with one.
    assert [h.id for h in search.search("北京1月25日电", filters=byline).hits] == [wire.pk]
    assert [h.id for h in search.search("本报讯", filters=byline).hits] == [local.pk]
    assert search.search("会", filters=byline).total == 0


def test_a_quoted_phrase_keeps_its_spaces(search_index):
    spaced = make_article(title="", paragraphs=["群防群控 众志成城"])
    apart = make_article(title="", paragraphs=["众志成城，群防群控。"])
    joined = make_article(title="", paragraphs=["群防群控众志成城"])
    search.index_articles([spaced.pk, apart.pk, joined.pk])
    assert search.doc_ids('"群防群控 众志成城"') == {spaced.pk}
    assert search.doc_ids('"群控 众志"') == {spaced.pk}
    assert search.doc_ids('"控 众志"') == {spaced.pk}
    assert search.doc_ids("群防群控 众志成城") == {spaced.pk, apart.pk, joined.pk}


def test_a_one_character_piece_of_a_quoted_phrase_must_stand_where_the_query_puts_it(
    search_index,
):
    # Issue 14: "防控 a 工作" once matched any article with 防控, 工作 three apart and an a
    # anywhere; the pairs across each space make every piece exact.
    exact = make_article(title="", paragraphs=["疫情防控 a 工作"])
    other = make_article(title="", paragraphs=["疫情防控 b 工作，a 字在别处"])
    longer = make_article(title="", paragraphs=["防控 ab 工作"])
    edge = make_article(title="", paragraphs=["疫情防控 ba 工作"])
    search.index_articles([exact.pk, other.pk, longer.pk, edge.pk])
    assert search.doc_ids('"防控 a 工作"') == {exact.pk}
    assert search.doc_ids('"防控 a"') == {exact.pk, longer.pk}  # a may start a longer run
    assert search.doc_ids('"a 工作"') == {exact.pk, edge.pk}  # or end one
    assert search.doc_ids('"控 b"') == {other.pk, edge.pk}
    assert search.search('"防控 a 工作"').total == 1
