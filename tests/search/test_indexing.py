import random
import shutil
import threading
import time

import pytest
import tantivy
from django.core.management import call_command
from whoosh import index as whoosh_index

from archive import search
from archive.models import Article
from archive.search.analysis import CJK_RUN, fold
from archive.search.pending import PendingOperations
from archive.search.tantivy_backend import TantivyBackend
from archive.search.whoosh_writing import open_index
from tests.factories import make_article
from tests.search.conftest import folded_texts

pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh", "tantivy")]


def ids(query):
    return search.doc_ids(query)


class OtherWriter:
    """The index's write lock held by someone else (an ingest), until ``commit()``."""

    def __init__(self, path):
        self.tantivy = isinstance(search.backend(), TantivyBackend)
        if self.tantivy:
            search.backend().index()  # the index exists before the other opens it
            self.writer = tantivy.Index.open(str(path)).writer(15_000_000, 1)
        else:
            self.writer = open_index(path).writer()

    def commit(self):
        self.writer.commit()
        if self.tantivy:
            self.writer.wait_merging_threads()


def index_exists(path):
    if isinstance(search.backend(), TantivyBackend):
        return tantivy.Index.exists(str(path))
    return whoosh_index.exists_in(path)


def test_wang_fuju_finds_the_six_seed_articles_that_name_him(seed_articles):
    truth = {pk for pk, text in folded_texts().items() if "王付举" in text}
    assert len(truth) == 6
    assert ids("王付举") == truth


def test_fangkong_finds_every_seed_item(seed_articles):
    assert ids("防控") == {a.pk for a in seed_articles}


def test_a_traditional_query_finds_the_simplified_text(seed_articles):
    assert ids("堅決打贏疫情防控阻擊戰") == ids("坚决打赢疫情防控阻击战") != set()
    assert ids("徐衣顯") == ids("徐衣显") != set()
    assert ids("傳導壓實責任") == ids("传导压实责任") != set()


def test_exact_substring_truth_on_the_seed(seed_articles):
    texts = folded_texts()
    rng = random.Random(27)
    queries = ["徐衣显", "王付举", "王小平", "习近平", "王建修"]
    runs = [r for t in texts.values() for r in CJK_RUN.findall(t) if len(r) >= 2]
    while len(queries) < 80:
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        queries.append(run[start : start + size])
    hits = found = expected = 0
    for query in queries:
        truth = {pk for pk, text in texts.items() if fold(query) in text}
        got = ids(query)
        hits, found, expected = hits + len(got & truth), found + len(got), expected + len(truth)
    assert hits / expected == 1.0
    assert hits / found >= 0.99


def test_unpublished_articles_are_not_searchable():
    shown = make_article(paragraphs=["王付举检查"])
    hidden = make_article(paragraphs=["王付举督导"], published=False)
    search.index_articles([shown.pk, hidden.pk])
    assert ids("王付举") == {shown.pk}
    Article.objects.filter(pk=shown.pk).update(published=False)
    search.index_articles([shown.pk])
    assert ids("王付举") == set()


def test_a_search_after_a_write_sees_it_with_the_same_cached_searcher():
    first = make_article(paragraphs=["联防联控"])
    search.index_articles([first.pk])
    assert ids("联防联控") == {first.pk}
    second = make_article(paragraphs=["联防联控工作"])
    search.index_articles([second.pk])
    assert ids("联防联控") == {first.pk, second.pk}


def test_a_delete_waits_for_a_writer_holding_the_lock(search_index):
    article = make_article(paragraphs=["群防群控"])
    search.index_articles([article.pk])
    holder = OtherWriter(search_index)  # another writer, e.g. an ingest
    done = threading.Thread(target=search.remove_articles, args=([article.pk],))
    done.start()
    time.sleep(0.3)
    assert ids("群防群控") == {article.pk}  # searches keep working meanwhile
    holder.commit()
    done.join(10)
    assert ids("群防群控") == set()


def test_a_delete_that_cannot_get_the_lock_is_queued_and_applied_by_the_next_writer(
    search_index, settings
):
    article = make_article(paragraphs=["众志成城"])
    other = make_article(paragraphs=["筑牢防线"])
    search.index_articles([article.pk])
    settings.SEARCH_WRITER_TIMEOUT = 0.2
    holder = OtherWriter(search_index)
    search.remove_articles([article.pk])
    holder.commit()
    assert ids("众志成城") == {article.pk}  # not yet: it waits in the queue file
    assert PendingOperations(search_index).path.read_text().strip()
    search.index_articles([other.pk])
    assert ids("众志成城") == set()
    assert ids("筑牢防线") == {other.pk}
    assert PendingOperations(search_index).path.read_text() == ""


@pytest.mark.engines("whoosh")
def test_a_lock_file_left_by_a_crashed_writer_blocks_nobody(search_index):
    article = make_article(paragraphs=["守住输入关"])
    open_index(search_index)
    # What a killed process leaves: the lock file exists, but no process holds the flock.
    (search_index / "MAIN_WRITELOCK").write_text("")
    search.index_articles([article.pk])
    assert ids("守住输入关") == {article.pk}


def test_rebuild_indexes_every_published_article_in_batches():
    published = [make_article(paragraphs=[f"第{i}条防控措施"]) for i in range(5)]
    make_article(paragraphs=["防控草稿"], published=False)
    assert search.rebuild(batch_size=2) == 5
    assert ids("防控") == {a.pk for a in published}


def test_haystack_commands_rebuild_update_and_clear_the_index(search_index):
    article = make_article(paragraphs=["严把疫情输入关"])
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert ids("输入关") == {article.pk}
    second = make_article(paragraphs=["严把输入关"])
    call_command("update_index", verbosity=0)
    assert ids("输入关") == {article.pk, second.pk}
    call_command("clear_index", interactive=False, verbosity=0)
    assert ids("输入关") == set()
    assert index_exists(search_index)


def test_ping_opens_the_index():
    search.ping()


def test_ping_reads_the_folder_not_a_searcher_kept_from_before(search_index):
    search.index_articles([make_article(paragraphs=["严把疫情输入关"]).pk])
    search.ping()  # the kept searcher is open now
    assert search.doc_count() == 1
    shutil.rmtree(search_index)
    search.ping()
    assert search.doc_count() == 0  # what /healthz then reports as out of step


def test_a_replacement_that_cannot_get_the_lock_is_queued_whole(search_index, settings):
    old = make_article(paragraphs=["众志成城"])
    search.index_articles([old.pk])
    new = make_article(paragraphs=["筑牢防线"])
    settings.SEARCH_WRITER_TIMEOUT = 0.2
    holder = OtherWriter(search_index)
    assert search.apply(syncs=[new.pk], removes=[old.pk]) is False
    holder.commit()
    assert ids("众志成城") == {old.pk} and ids("筑牢防线") == set()
    assert search.apply_pending() is True
    assert ids("众志成城") == set() and ids("筑牢防线") == {new.pk}
    assert PendingOperations(search_index).path.read_text() == ""
