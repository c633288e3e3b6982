"""The people index: everyone mentioned, grouped by the first letter of their pinyin."""

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_people_are_grouped_by_pinyin_initial_in_pinyin_order(client):
    make_article(persons=[("王小平", []), ("徐衣显", []), ("王付举", []), ("胡小平", [])])
    html = client.get("/people/").content.decode()
    assert html.index('id="initial-H-title">H') < html.index('id="initial-W-title">W')
    assert html.index("胡小平") < html.index("王付举") < html.index("王小平") < html.index("徐衣显")
    assert 'href="#initial-X"' in html


def test_people_only_in_unpublished_articles_are_left_out(client):
    make_article(persons=[("王小平", [])])
    make_article(persons=[("秘密人物", [])], published=False)
    make_person("无报道者")
    html = client.get("/people/").content.decode()
    assert "王小平" in html and "秘密人物" not in html and "无报道者" not in html


def test_the_index_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_article(persons=[(f"人物{i}", []) for i in range(50)])
    with django_assert_max_num_queries(2):
        assert client.get("/people/").status_code == 200
