"""The archive's codec reads back exactly what Whoosh's default codec does."""

import pytest
from whoosh import index as whoosh_index

from archive.search.codec import INLINE_LIMIT, ArchiveCodec
from archive.search.document import index_document
from archive.search.query import parse_query
from archive.search.schema import SCHEMA, whoosh_document
from archive.search.whoosh_query import whoosh_query

TEXTS = [
    "王付举一同检查疫情防控工作。",
    "疫情防控，联防联控，群防群控。",
    "副市长王付举督导疫情防控。",
    "王付举",
    "春节期间的工作" * 200,  # a long posting list: blocks, compression
] + [f"第{n}版 疫情防控 徐衣显" for n in range(300)]  # a term in more than one block

QUERIES = [
    "王付举",
    "疫情防控",
    "防控",
    "联控",
    "徐衣显",
    "第1",
    "王",
    "春节期间的工作",
    "控 -王付举",
]


def build(path, codec):
    path.mkdir()
    ix = whoosh_index.create_in(path, SCHEMA)
    writer = ix.writer(codec=codec) if codec else ix.writer()
    for pk, text in enumerate(TEXTS, start=1):
        fields = {
            "django_id": pk,
            "text": text,
            "url": "",
            "kicker": "",
            "title": text[:8],
            "subtitle": "",
            "paper": "p",
            "paper_name": "",
            "date": "2020-01-27",
            "page": 1,
            "kind": "article",
            "persons": [],
            "reporters": [],
        }
        writer.add_document(**whoosh_document(index_document(fields)))
    writer.commit()
    return ix


def results(ix):
    with ix.searcher() as searcher:
        out = {}
        for q in QUERIES:
            query, _ = whoosh_query(parse_query(q))
            hits = searcher.search(query, limit=None)
            out[q] = [(hit["django_id"], round(hit.score, 4)) for hit in hits]
        return out


def test_same_hits_and_scores_as_the_default_codec(tmp_path):
    assert INLINE_LIMIT > 1  # rare terms are inlined: the path Whoosh ships switched off
    ours = build(tmp_path / "ours", ArchiveCodec())
    stock = build(tmp_path / "stock", None)
    assert results(ours) == results(stock)
    assert all(results(ours)[q] for q in QUERIES)


@pytest.mark.django_db(transaction=True)
@pytest.mark.engines("whoosh")  # the codec is Whoosh's
def test_an_archive_fed_page_by_page_keeps_merging_its_segments(tmp_path, search_index):
    """Whoosh merges small segments on later commits; inlined postings must survive it."""
    import shutil

    from archive.search import search
    from archive.search.whoosh_writing import open_index
    from tests.commands.helpers import run
    from tests.conftest import SEED

    for day in range(1, 13):  # twelve one-page ingests: several merges along the way
        page = tmp_path / f"jzrb-2020-02-{day:02d}-p1.txt"
        shutil.copy(SEED, page)
        run("ingest", str(page))
    assert search("王付举").total == 6 * 12
    assert search("敬告读者").total == 12
    ix = open_index(search_index)
    ix.optimize()
    assert ix.doc_count() == 9 * 12
    assert search("徐衣显").total == 4 * 12
