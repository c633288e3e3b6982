"""404 and 500 pages in the site's style; the 500 page needs neither database nor request."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_chinese_in_the_site_style(client):
    response = client.get("/jzrb/2020-01-27/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到这一页" in html and 'lang="zh-Hans"' in html
    assert "/static/css/site.css" in html and 'id="site-search-q"' in html


def test_the_server_error_page_renders_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html and 'lang="zh-Hans"' in html and "/static/css/site.css" in html


def test_static_files_are_served_without_collectstatic(client):
    assert client.get("/static/css/site.css").status_code == 200
    assert client.get("/static/js/copy.js").status_code == 200
