"""whoosh_match computes the same document sets as Whoosh's own matchers, faster."""

import random

import pytest
from whoosh import query as wq

from archive import search
from archive.search.analysis import bigrams, fold
from archive.search.whoosh_match import cover, docnums_for
from archive.search.whoosh_writing import open_index
from tests.factories import make_article

# Whoosh's own matchers and segments: this engine only.
pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh")]

TEXTS = [
    "北京1月25日电 国务院召开会议，1998年新年讲话。",
    "1997—1998赛季，北京队有500000名观众。",
    "于尔根·吕特格尔斯说，北京1月很冷。",
    "联防联控，联防联控，群防群控。",
    "北京 1月 分开写的北京和1月。",
    "不到2000只。2010年2000多只。",
]


@pytest.fixture
def segmented(search_index):
    """The texts in three commits (three segments), one article then deleted."""
    made = [make_article(title="", paragraphs=[t]) for t in TEXTS]
    search.index_articles([made[0].pk, made[1].pk])
    search.index_articles([made[2].pk, made[3].pk])
    search.index_articles([made[4].pk, made[5].pk])
    search.apply(removes=[made[1].pk])
    assert len(open_index(search_index)._segments()) > 1
    return made


def test_cover_pins_every_character():
    for count in range(1, 12):
        picks = cover(count)
        covered = {c for i in picks for c in (i, i + 1)}
        assert covered == set(range(count + 1)) and picks[-1] == count - 1


def test_phrases_terms_and_combinations_match_whooshs_own(segmented):
    searcher = search.backend().searcher()
    rng = random.Random(3)
    runs = [r for t in TEXTS for r in fold(t).split()]
    queries = [wq.Term("chars", "京"), wq.Term("text", "北京")]
    for _ in range(60):
        run = rng.choice(runs)
        size = rng.randint(2, min(7, len(run)))
        start = rng.randint(0, len(run) - size)
        queries.append(wq.Phrase("text", bigrams(run[start : start + size])))
    queries.append(wq.And([queries[2], wq.Or([queries[3], queries[4]])]))
    for q in queries:
        if isinstance(q, wq.Phrase) and len(q.words) == 1:
            q = wq.Term("text", q.words[0])
        assert docnums_for(searcher, q) == set(searcher.docs_for_query(q)), q


def test_deleted_documents_are_not_matched(segmented):
    deleted = segmented[1].pk
    assert deleted not in search.doc_ids("500000")
    assert search.doc_ids("500000") == set()
    assert search.doc_ids("北京1月") == {segmented[0].pk, segmented[2].pk}


def test_every_bigram_of_the_cover_must_sit_at_its_offset(segmented):
    # 20 and 00 fit at 2000只, 20 and 0年 at 2010年: no 2000年 anywhere.
    assert search.doc_ids("2000年") == set()
    assert search.doc_ids("2000多") == {segmented[5].pk}
