"""Every route and query parameter, fuzzed: no answer is ever a server error.

A bounded sample here (bench/fuzz.py runs more, against gunicorn, with schemathesis on the
API): reader pages, feeds and the API as anyone sees them, the admin as staff see it.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Page
from bench.fuzzing import admin_routes, draw_request, site_routes
from tests.commands.helpers import run
from tests.conftest import SEED
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def archive():
    """The seed page, stored and indexed, and a draft beside it."""
    run("ingest", str(SEED))
    page = Page.objects.get()
    make_article(page, order=99, title="草稿", published=False)
    return page


def assert_no_server_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"{url} answered {response.status_code}"


def test_the_fuzzer_knows_every_route():
    routes = [route for route, _ in site_routes()]
    assert "/<slug:paper>/<isodate:date>/<int:page>/<int:article_id>/" in routes
    assert "/people/<str:slug>/" in routes and "/api/search" in routes
    assert any(route.startswith("/admin/archive/article/") for route, _ in admin_routes())


@FUZZ
@given(data=st.data())
def test_reader_routes_never_answer_a_server_error(archive, data):
    route, url = draw_request(data, site_routes())
    assert_no_server_error(Client(raise_request_exception=False), url)


@FUZZ
@given(data=st.data())
def test_admin_routes_never_answer_a_server_error(archive, data):
    staff = Client(raise_request_exception=False)
    staff.force_login(
        User.objects.get_or_create(username="editor", is_staff=True, is_superuser=True)[0]
    )
    route, url = draw_request(data, admin_routes())
    assert_no_server_error(staff, url)


def test_searching_an_archive_that_holds_nothing_yet_is_no_server_error():
    client = Client(raise_request_exception=False)
    client.get("/healthz")  # a load balancer's probe, before the first ingest: an empty index
    assert client.get("/search/", {"q": "防控"}).status_code == 200
