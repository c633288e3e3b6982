"""The tantivy engine gives what the Whoosh engine gives, and sees other processes' commits."""

import pytest

from archive import search
from archive.search.database import documents_for
from archive.search.tantivy_backend import TantivyBackend
from archive.search.whoosh_backend import WhooshBackend
from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db


def NO_TEXT(ids):
    return {}


QUERIES = ["防控", "疫情防控 -春节", "王付举 OR 徐衣显", "，", "1月", "会", '"防控 工作"']


@pytest.fixture
def both(tmp_path):
    """The same articles in a Whoosh index and in a tantivy index."""
    made = []
    for day, people in ((27, [("王付举", [])]), (28, [("徐衣显", []), ("王付举", [])])):
        page = make_page(issue=make_issue(f"2020-01-{day}"), number=day % 3 + 1)
        made.append(make_article(page, persons=people, paragraphs=["疫情防控 工作，会议。"]))
        made.append(make_article(page, title="春节", paragraphs=["1月26日，疫情防控。"]))
        made.append(make_article(page, title="", paragraphs=["徐衣显检查防控。"], kind="brief"))
    docs, _ = documents_for([a.pk for a in made])
    engines = WhooshBackend({"PATH": tmp_path / "w"}), TantivyBackend({"PATH": tmp_path / "t"})
    for engine in engines:
        engine.add(docs)
    return engines


@pytest.mark.parametrize("query", QUERIES)
def test_totals_facets_and_matches_are_the_same_on_both_engines(both, query):
    whoosh, tantivy = both
    assert tantivy.doc_ids(query) == whoosh.doc_ids(query)
    w, t = (e.search(query, page_size=50, text_loader=NO_TEXT) for e in both)
    assert t.total == w.total
    assert t.facets == w.facets
    assert sorted(h.id for h in t.hits) == sorted(h.id for h in w.hits)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_orders_are_the_same_on_both_engines(both, sort):
    dates = [[h.date for h in e.search("防控", sort=sort, text_loader=NO_TEXT).hits] for e in both]
    assert dates[0] == dates[1]


def test_filters_are_the_same_on_both_engines(both):
    for filters in (
        {"person": "徐衣显"},
        {"kind": "brief"},
        {"date_from": "2020-01-28"},
        {"date_to": "2020-01-27", "page": 1},
        {"field": "title"},
    ):
        w, t = (e.search("防控", filters=filters, text_loader=NO_TEXT) for e in both)
        assert (t.total, t.facets) == (w.total, w.facets), filters


def test_a_commit_by_another_process_is_seen_by_a_warm_engine(tmp_path):
    first = make_article(paragraphs=["群防群控"])
    second = make_article(paragraphs=["群防群控工作"])
    reader = TantivyBackend({"PATH": tmp_path / "ix"})
    writer = TantivyBackend({"PATH": tmp_path / "ix"})  # another worker, or the CLI
    writer.apply(syncs=[first.pk])
    assert reader.doc_ids("群防群控") == {first.pk}
    writer.apply(syncs=[second.pk], removes=[first.pk])
    assert reader.doc_ids("群防群控") == {second.pk}
    assert reader.doc_count() == 1


def test_the_version_changes_with_every_commit_from_any_process(tmp_path):
    reader = TantivyBackend({"PATH": tmp_path / "ix"})
    writer = TantivyBackend({"PATH": tmp_path / "ix"})
    assert reader.version() is None  # no index yet: nothing is cached
    writer.apply(syncs=[make_article(paragraphs=["群防群控"]).pk])
    first = reader.version()
    assert first is not None and first == reader.version()
    writer.apply(syncs=[make_article(paragraphs=["联防联控"]).pk])
    assert reader.version() != first


def test_a_full_disk_is_reported_as_the_oserror_a_file_write_gives(tmp_path, monkeypatch):
    import errno

    from archive.search import tantivy_backend

    killed = ValueError("An index writer was killed.. A worker thread encountered an error")
    monkeypatch.setattr(tantivy_backend, "_free_bytes", lambda path: 4096)
    assert tantivy_backend.storage_error(killed, str(tmp_path)).errno == errno.ENOSPC
    monkeypatch.setattr(tantivy_backend, "_free_bytes", lambda path: 10**12)
    assert tantivy_backend.storage_error(killed, str(tmp_path)).errno == errno.EIO


def test_clear_leaves_an_empty_index_that_answers(tmp_path):
    engine = TantivyBackend({"PATH": tmp_path / "ix"})
    engine.apply(syncs=[make_article(paragraphs=["众志成城"]).pk])
    engine.clear()
    assert engine.doc_count() == 0 and engine.search("众志成城").total == 0
    engine.ping()


@pytest.mark.engines("tantivy")
def test_the_site_rebuilds_and_checks_a_tantivy_index(search_index):
    articles = [make_article(paragraphs=[f"第{i}条防控措施"]) for i in range(3)]
    assert search.rebuild(batch_size=2) == 3
    assert set(search.indexed_entries()) == {a.pk for a in articles}
    assert search.doc_count() == 3 and search.optimize() == (0, 0)
