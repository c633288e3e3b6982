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
