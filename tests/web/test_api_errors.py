"""Every /api/ URL answers errors in JSON, whoever produced them: {"error": "…"}."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/999",
        "/api/articles/abc",
        "/api/issues/jzrb/2020-01-27",
        "/api/issues/jzrb/2020-02-30",
        "/api/nothing-here",
        "/api/",
    ],
)
def test_a_missing_record_or_address_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "没有这个地址或这条记录。"}


@pytest.mark.parametrize("url", ["/api/search", "/api/articles/1", "/api/issues/jzrb/2020-01-27"])
def test_a_method_other_than_get_is_a_json_405(url):
    # enforce_csrf_checks: the 405 must come before, and instead of, the CSRF check's 403.
    response = Client(enforce_csrf_checks=True).post(url, {"q": "防控"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "GET" in response.json()["error"]


def test_the_api_own_400_keeps_its_message(client):
    response = client.get("/api/search", {"q": "防控", "page": "0"})
    assert response.status_code == 400
    assert "页码" in response.json()["error"]


def test_a_server_error_is_a_json_500(client, monkeypatch):
    from archive import search

    def broken(*args, **kwargs):
        raise RuntimeError("index on fire")

    monkeypatch.setattr(search, "search", broken)
    client.raise_request_exception = False
    response = client.get("/api/search", {"q": "防控"})
    assert response.status_code == 500
    assert response.json() == {"error": "服务器出错了，请稍后再试。"}


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/jzrb/1999-01-01/")
    assert response.status_code == 404 and "text/html" in response["Content-Type"]
