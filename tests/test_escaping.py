"""Stored markup stays text in search results, the JSON API and the admin (pages: tests/web)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Newspaper
from archive.search import index_articles
from tests.factories import make_article, make_issue, make_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "x<img src=x onerror=alert(1)>"


def assert_inert(body):
    assert "<script>alert" not in body and "<img src=x" not in body


@pytest.fixture
def hostile():
    page = make_page(1, make_issue("2020-01-27"))
    article = make_article(
        page,
        kicker=IMG,
        title=f"防控{SCRIPT}",
        paragraphs=[f"疫情防控{IMG}要求", SCRIPT],
        persons=[(IMG, [SCRIPT])],
        reporters=[SCRIPT],
        review=[SCRIPT],
    )
    index_articles([article.pk])
    return article


def test_search_results_and_snippets_escape_stored_markup(client, hostile):
    body = client.get("/search/", {"q": "防控"}).content.decode()
    assert "<mark>防控</mark>" in body
    assert_inert(body)


def test_the_api_snippet_marks_matches_and_escapes_the_rest(client, hostile):
    response = client.get("/api/search", {"q": "防控"})
    assert response["Content-Type"].startswith("application/json")
    (hit,) = response.json()["results"]
    assert "<mark>防控</mark>" in hit["snippet"]
    assert_inert(hit["snippet"])
    # Plain fields are data, returned as stored; JSON served with nosniff is never HTML.
    assert hit["title"] == f"防控{SCRIPT}"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_article_api_returns_text_as_data(client, hostile):
    response = client.get(f"/api/articles/{hostile.pk}")
    assert json.loads(response.content)["paragraphs"][1] == SCRIPT
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/archive/article/",
        "/admin/archive/article/?review=flagged",
        "ARTICLE",
        "/admin/archive/person/",
        "/admin/archive/mention/",
    ],
)
def test_admin_pages_escape_stored_markup(staff, hostile, url):
    if url == "ARTICLE":
        url = f"/admin/archive/article/{hostile.pk}/change/"
    body = staff.get(url).content.decode()
    assert_inert(body)


def test_the_staff_review_preview_escapes_the_uploaded_text(staff):
    paper = Newspaper.objects.create(name="焦作日报", slug="jzrb")
    page_text = f"本报讯（记者刘婧）{SCRIPT}会议召开。\n{IMG}\n\n{SCRIPT}\n"
    response = staff.post(
        "/admin/ingest/",
        {
            "paper": paper.pk,
            "date": "2020-01-27",
            "page": 1,
            "upload": SimpleUploadedFile("p.txt", page_text.encode("utf-8")),
        },
    )
    assert response.status_code == 200
    assert_inert(response.content.decode())
