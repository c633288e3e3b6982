"""A page ingested again is searchable throughout: its old articles leave the index in the
same commit that brings the new ones, so a reader searching meanwhile never finds nothing."""

import threading

import pytest
from django.db import connections

from archive import search
from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, ParsedPage
from archive.loading import load_issue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.engines()]

AGAIN = 6


def page_document(edition):
    articles = [
        ParsedArticle(title=f"防控会议{n}", paragraphs=[f"郑州群防群控第{edition}稿，第{n}条。"])
        for n in range(3)
    ]
    return build_issue_document(
        "焦作日报", "jzrb", "2020-01-28", None, [ParsedPage(1, "要闻", articles)]
    )


def test_searches_during_a_reingest_never_answer_empty(search_index):
    load_issue(page_document(0))
    assert len(search.doc_ids("群防群控")) == 3
    answers, done = [], threading.Event()

    def reader():
        while not done.is_set():
            answers.append(len(search.doc_ids("群防群控")))

    searching = threading.Thread(target=reader)
    searching.start()
    try:
        for edition in range(1, AGAIN + 1):
            load_issue(page_document(edition))
    finally:
        done.set()
        searching.join()
        connections.close_all()
    assert len(answers) > AGAIN  # the reader really searched while the page was replaced
    assert set(answers) == {3}  # never 0, never old and new together
    assert search.doc_ids("第6稿") == search.doc_ids("群防群控")
