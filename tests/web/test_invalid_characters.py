"""NUL bytes in a URL never reach the database: a 404 for a path, a 400 for a parameter."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url", ["/people/a%00b/", "/jzrb%00/", "/%00", "/api/articles/1%00", "/search%00/"]
)
def test_a_nul_in_the_path_is_a_404_page_that_says_why(reader, url):
    make_article()
    response = reader.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "无效字符" in body


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=防控&paper=jz%00rb",
        "/search/?q=防控&person=王%00",
        "/people/?letter=%00",
        "/jzrb/?x%00=1",
    ],
)
def test_a_nul_in_a_query_parameter_is_a_400_page_in_the_site_style(reader, url):
    make_article()
    response = reader.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "查询参数中含有无效字符" in html and 'lang="zh-Hans"' in html


def test_the_api_refuses_a_nul_in_json(reader):
    response = reader.get("/api/search?q=%00")
    assert response.status_code == 400
    assert "无效字符" in response.json()["error"]


def test_an_admin_filter_holding_a_nul_is_a_400_not_a_server_error(reader):
    staff = User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests-only")
    reader.force_login(staff)
    assert reader.get("/admin/archive/article/?kind=%00").status_code == 400
    assert reader.get("/admin/archive/article/?kind=notice").status_code == 200


def test_broken_utf8_in_a_url_is_no_server_error(reader):
    make_article()
    for url in ["/people/%ED%A0%80/", "/search/?q=%ED%A0%80", "/people/%FF/", "/search/?q=%C0"]:
        assert reader.get(url).status_code < 500, url
