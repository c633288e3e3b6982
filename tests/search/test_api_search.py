import pytest
from django.urls import reverse

from archive.models import Mention
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh", "tantivy")]
URL = reverse("archive:api-search")


def test_api_search_returns_hits_with_snippets_and_facets(client, seed_articles):
    data = client.get(URL, {"q": "王付举", "page_size": 2}).json()
    assert data["total"] == 6 and data["page"] == 1 and data["page_size"] == 2
    assert len(data["results"]) == 2
    hit = data["results"][0]
    assert set(hit) >= {
        "id",
        "url",
        "kicker",
        "title",
        "subtitle",
        "paper",
        "date",
        "page",
        "snippet",
    }
    assert "<mark>王付举</mark>" in hit["snippet"]
    assert data["facets"]["year"] == [["2020", 6]]
    # The person facet counts the articles whose extracted persons include the name.
    mentioned = Mention.objects.filter(person__name="王付举", is_reporter=False).count()
    if mentioned:
        assert ["王付举", mentioned] in data["facets"]["person"]


def test_api_filters_and_sorts(client, seed_articles):
    assert client.get(URL, {"q": "防控", "kind": "notice"}).json()["total"] == 1
    assert client.get(URL, {"q": "防控", "paper": "other"}).json()["total"] == 0
    assert client.get(URL, {"q": "防控", "date_from": "2020-01-28"}).json()["total"] == 0
    assert client.get(URL, {"q": "防控", "sort": "newest"}).json()["total"] == 9


@pytest.mark.parametrize(
    "params",
    [
        {"q": "防控", "page_size": "101"},
        {"q": "防控", "page": "0"},
        {"q": "防控", "date_to": "yesterday"},
        {"q": "防控", "kind": "essay"},
        {"q": "防控", "sort": "random"},
        {"q": "防控", "paper": "焦作 日报"},
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["error"]


# A NUL never reaches the view: tests/web/test_invalid_characters.py (a 400 in JSON).
@pytest.mark.parametrize("q", ['"', "OR", "-", "title:x", "😀", "防控" * 5000, ""])
def test_any_query_text_is_fine(client, q):
    make_article(paragraphs=["防控"])
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
