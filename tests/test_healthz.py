"""/healthz: 200 when the database and the search index answer, 503 when either does not."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_archive_answers_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "index": "ok", "data_dir": "ok"}


def test_an_unreadable_index_answers_503(client, settings, search_index):
    from haystack import connections

    search_index.parent.mkdir(parents=True, exist_ok=True)
    search_index.write_text("not a folder")  # the index path is a file: nothing can open it
    connections.thread_local.connections = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["index"].startswith("error")


def test_a_database_that_does_not_answer_gives_503(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")


def test_an_index_that_lacks_published_articles_answers_503(client, search_index):
    # A crash between the database commit and the index write: the rows are there, the
    # index never heard of them.
    from tests.factories import make_article

    make_article()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["index"] == (
        "out of step: 0 indexed, 1 published (manage.py check_index --repair)"
    )
    from django.core.management import call_command

    call_command("check_index", "--repair", stdout=open("/dev/null", "w"))
    assert client.get("/healthz").json()["index"] == "ok"
