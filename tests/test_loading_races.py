"""Concurrent loads of the same page, paper and people on PostgreSQL: taken in turn, no 500.

SQLite lets one writer in at a time, so these races only exist on PostgreSQL (where CI runs
the suite a second time). Each thread is a writer with its own connection, as two gunicorn
workers or two `manage.py ingest` runs are.
"""

import threading

import pytest
from django.db import connection, connections

from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, ParsedPage, PersonMention
from archive.loading import load_issue
from archive.models import Article, Issue, Newspaper, Page, Person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; no race to run"
    ),
]

WRITERS = 6


def issue_document(title, names):
    article = ParsedArticle(
        title=title,
        paragraphs=["市委书记王小平在会上讲话。"],
        persons=[PersonMention(name, ["市委书记"]) for name in names],
    )
    page = ParsedPage(1, "要闻", [article])
    return build_issue_document("焦作日报", "jzrb", "2020-01-28", None, [page])


def run_at_once(jobs):
    """Start every job together; the exceptions they raised, in order."""
    start, errors = threading.Barrier(len(jobs)), []

    def writer(job):
        try:
            start.wait()
            job()
        except Exception as exc:  # the test is about exactly these
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_publishing_the_same_page_at_once_stores_it_once():
    doc = issue_document("同一版同时发布", ["王小平"])
    errors = run_at_once([lambda: load_issue(doc, index=False)] * WRITERS)
    assert errors == []
    assert (Newspaper.objects.count(), Issue.objects.count(), Page.objects.count()) == (1, 1, 1)
    assert Article.objects.get().title == "同一版同时发布"


def test_new_people_and_a_new_paper_created_at_once_are_each_one_row():
    # Different titles, the same new people and paper: every load keeps its own page content.
    jobs = [
        (lambda n=n: load_issue(issue_document(f"第{n}次", ["王小平", "李贵鲜"]), index=False))
        for n in range(WRITERS)
    ]
    assert run_at_once(jobs) == []
    assert sorted(Person.objects.values_list("name", flat=True)) == ["李贵鲜", "王小平"]
    assert Page.objects.count() == 1 and Article.objects.count() == 1
