"""`manage.py check_index [--repair]`: find every difference between database and index."""

import pytest
from django.core.management.base import CommandError

from archive.ingest import parse_page
from archive.ingest.interchange import build_issue_document
from archive.loading import load_issue
from archive.models import Article
from archive.search import search
from tests.commands.helpers import run
from tests.conftest import SEED

pytestmark = pytest.mark.django_db(transaction=True)


def store_seed(index=True):
    page = parse_page(SEED.read_text(encoding="utf-8"), page_number=1)
    load_issue(build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [page]), index=index)


def test_an_archive_in_step_with_its_index_is_reported_clean():
    store_seed()
    assert "index matches the database" in run("check_index")


def test_articles_stored_but_never_indexed_are_found_and_repaired():
    store_seed(index=False)  # as if the process died between commit and indexing
    assert search("王付举").total == 0
    with pytest.raises(CommandError, match="differs"):
        run("check_index")
    output = run("check_index", "--repair")
    assert "missing: 9" in output and "repaired" in output
    assert search("王付举").total == 6
    assert "index matches the database" in run("check_index")


def test_a_deleted_article_left_in_the_index_is_removed():
    store_seed()
    gone = Article.objects.get(order=6)
    Article.objects.filter(pk=gone.pk).delete()  # behind the index's back
    assert search("敬告读者").total == 1
    output = run("check_index", "--repair")
    assert f"stray: 1 ({gone.pk})" in output
    assert search("敬告读者").total == 0


def test_an_unpublished_article_left_in_the_index_is_removed():
    store_seed()
    Article.objects.filter(order=6).update(published=False)
    assert "stray: 1" in run("check_index", "--repair")
    assert search("敬告读者").total == 0


def test_an_edited_headline_not_reindexed_is_found_stale():
    store_seed()
    article = Article.objects.get(order=4)
    Article.objects.filter(pk=article.pk).update(title="王小平到马村区督导检查")
    output = run("check_index", "--repair")
    assert f"stale: 1 ({article.pk})" in output
    (hit,) = search("王小平到马村区督导检查").hits
    assert hit.title == "王小平到马村区督导检查"


def test_an_edited_body_not_reindexed_is_found_stale():
    store_seed()
    article = Article.objects.get(order=6)
    Article.objects.filter(pk=article.pk).update(paragraphs=["本报1月31日起恢复正常出版。"])
    output = run("check_index", "--repair")
    assert f"stale: 1 ({article.pk})" in output
    assert search("恢复正常出版").total == 1


@pytest.mark.engines("whoosh")  # reads Whoosh's own files
def test_optimize_merges_the_index_into_one_segment(tmp_path, search_index):
    import shutil

    from archive.search.whoosh_writing import open_index

    for day in (1, 2, 3):
        page = tmp_path / f"jzrb-2020-02-0{day}-p1.txt"
        shutil.copy(SEED, page)
        run("ingest", str(page))
    assert len(open_index(search_index)._segments()) > 1
    output = run("check_index", "--optimize")
    assert "segments -> 1" in output
    assert len(open_index(search_index)._segments()) == 1
    assert search("王付举").total == 18
