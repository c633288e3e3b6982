"""Static files: pages render even when collectstatic has not been run."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_a_missing_manifest_falls_back_to_the_plain_name(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "archive.storage.StaticStorage"},
    }
    assert static("css/site.css") == "/static/css/site.css"


def test_the_home_page_renders_without_collectstatic(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "archive.storage.StaticStorage"},
    }
    response = client.get("/")
    assert response.status_code == 200
    assert "/static/css/site.css" in response.content.decode()
