"""Versions: every stored page is kept; restoring one brings the page back exactly."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import restoring, versions
from archive.exports import stored_issue_document
from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, ParsedPage, PersonMention
from archive.ingest.pfr import read_pfr
from archive.loading import load_issue
from archive.models import Article, Issue, Mention, Page
from tests.conftest import CORPUS_GBK

pytestmark = pytest.mark.django_db


def doc(*titles, persons=()):
    articles = [
        ParsedArticle(
            title=title,
            paragraphs=[f"{title}的正文，记录全市疫情防控工作的进展。"],
            persons=[PersonMention(name, ["市长"]) for name in persons],
        )
        for title in titles
    ]
    page = ParsedPage(1, "要闻", articles)
    return build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [page])


def export():
    return stored_issue_document(Issue.objects.get())


def test_every_store_is_a_version_with_who_and_how():
    editor = User.objects.create_user("editor")
    load_issue(doc("第一篇"), index=False)
    load_issue(doc("第一篇", "第二篇"), index=False, publish=False, user=editor)
    history = list(versions.history(Page.objects.get()))
    assert [v.revision.comment for v in history] == ["入库（草稿）", "入库（发布）"]
    assert history[0].revision.user == editor and history[1].revision.user is None


def test_a_page_stored_before_versions_keeps_what_it_replaces():
    load_issue(doc("旧的"), index=False)
    page = Page.objects.get()
    versions.history(page).delete()  # as an archive from before versions were kept
    load_issue(doc("新的"), index=False)
    assert [v.revision.comment for v in versions.history(page)] == ["入库（发布）", "替换前的版本"]


def test_restore_brings_a_replaced_version_back_exactly():
    load_issue(doc("第一篇", "第二篇", persons=["徐衣显"]), index=False)
    edited = Article.objects.get(title="第二篇")
    edited.subtitle = "人工补上的副题"
    edited.save()
    versions.record(edited.page, comment=versions.EDITED)
    before = export()
    load_issue(doc("完全不同的一篇", "第一篇", "又一篇"), index=False)
    assert export() != before
    replaced = versions.history(Page.objects.get())[1]
    assert replaced.revision.comment == versions.EDITED
    restoring.restore(replaced)
    assert export() == before
    latest = versions.history(Page.objects.get()).first()
    assert latest.revision.comment.startswith(versions.RESTORED)


def test_a_restore_can_itself_be_undone():
    load_issue(doc("甲"), index=False)
    load_issue(doc("乙乙乙乙"), index=False)
    second = export()
    restoring.restore(versions.history(Page.objects.get())[1])
    assert export()["pages"][0]["articles"][0]["title"] == "甲"
    restoring.restore(versions.history(Page.objects.get())[1])
    assert export() == second


def test_the_history_lists_versions_and_restores_one_with_a_click(staff):
    load_issue(doc("第一篇", "第二篇"), index=False)
    before = export()
    load_issue(doc("换掉的一篇"), index=False)
    page = Page.objects.get()
    url = f"/admin/pages/{page.pk}/versions/"
    html = staff.get(url).content.decode()
    assert "换掉的一篇" in html and "第一篇；第二篇" in html and "恢复此版本" in html
    old = versions.history(page)[1]
    response = staff.post(url, {"version": old.pk})
    assert response.status_code == 302
    assert export() == before
    assert "editor" in staff.get(url).content.decode()


def test_an_admin_edit_is_a_version_by_its_editor(staff):
    load_issue(doc("第一篇"), index=False)
    article = Article.objects.get()
    from tests.test_admin_article_form import form_data

    data = form_data(staff, article, subtitle="补上的副题")
    assert staff.post(f"/admin/archive/article/{article.pk}/change/", data).status_code == 302
    latest = versions.history(article.page).first()
    assert latest.revision.comment == versions.EDITED and latest.revision.user.username == "editor"


def test_a_version_reads_the_page_in_the_same_few_queries_however_many_people_it_names():
    def reads_for_a_version(titles, persons):
        load_issue(doc(*titles, persons=persons), index=False)
        with CaptureQueriesContext(connection) as captured:
            versions.record(Page.objects.get(), comment=versions.EDITED)
        # Writes come in batches as the database allows; the reads must not grow.
        return sum(1 for q in captured if q["sql"].startswith("SELECT"))

    small = reads_for_a_version(["一篇"], ["徐衣显"])
    large = reads_for_a_version([f"第{n}篇" for n in range(30)], [f"人物{n}" for n in range(40)])
    assert small == large
    kept = versions.history(Page.objects.get()).first()
    assert kept.revision.comment == versions.EDITED
    assert len(versions.article_states(kept)) == 30
    assert kept.revision.version_set.count() == 1 + 30 + 30 * 40


def _contents(revision):
    return {
        (v.content_type_id, v.object_id): (v.serialized_data, v.object_repr)
        for v in revision.version_set.all()
    }


def assert_each_version_is_the_page_as_read_back(pages):
    """The loader makes a page's version from the objects it has just stored; a version read
    back from the database afterwards holds exactly the same objects, fields and names."""
    for page in pages:
        stored = versions.history(page).first()
        versions.record(page, comment="重读")
        read_back = versions.history(page).first()
        assert read_back.revision_id != stored.revision_id
        assert _contents(read_back.revision) == _contents(stored.revision)


def test_a_version_made_at_ingest_equals_the_page_read_back():
    load_issue(doc("第一篇", "第二篇", persons=["徐衣显", "王付举", "徐衣显"]), index=False)
    # A name printed twice in one article is one mention, as the unique constraint keeps it.
    assert Article.objects.get(title="第一篇").mentions.count() == 2
    load_issue(doc("第一篇", "第三篇", persons=["徐衣显"]), index=False)  # a re-ingest
    assert_each_version_is_the_page_as_read_back(Page.objects.all())


@pytest.mark.skipif(not CORPUS_GBK.exists(), reason="the PFR corpus is not beside the checkout")
def test_versions_of_a_corpus_day_equal_its_pages_read_back():
    first_day = next(read_pfr(CORPUS_GBK))
    load_issue(first_day, index=False)
    pages = Page.objects.all()
    assert pages.count() > 1 and Mention.objects.count() > 100
    assert_each_version_is_the_page_as_read_back(pages)


def test_a_version_at_ingest_reads_no_person_back_one_by_one():
    load_issue(doc("第一篇", persons=["王付举"]), index=False)  # the person exists already
    names = ["徐衣显", "王付举", "新来的人", "又一位"]
    with CaptureQueriesContext(connection) as queries:
        load_issue(doc("第一篇", "第二篇", persons=names), index=False)
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert not [
        sql for sql in reads if 'FROM "archive_person" WHERE "archive_person"."id" =' in sql
    ]
