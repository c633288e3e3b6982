"""The people index: one pinyin initial at a time (A–Z and 其他), paged, with a name search."""

import pytest

from archive.models import Person
from archive.views.browse import PEOPLE_PER_PAGE
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def names_listed(html):
    listing = html[html.index('id="people-list"') :]
    return [name for name in ("胡小平", "王付举", "王小平", "徐衣显", "杨丽娜") if name in listing]


def test_people_index_opens_at_the_first_initial_with_people(client):
    make_article(persons=[("王小平", []), ("徐衣显", []), ("王付举", []), ("胡小平", [])])
    html = client.get("/people/").content.decode()
    assert names_listed(html) == ["胡小平"]
    assert 'href="?initial=W"' in html and 'href="?initial=X"' in html
    assert '<span class="letters__none" title="没有">A</span>' in html


def test_one_initial_lists_its_people_in_pinyin_order(client):
    make_article(persons=[("王小平", []), ("徐衣显", []), ("王付举", []), ("胡小平", [])])
    html = client.get("/people/", {"initial": "W"}).content.decode()
    assert names_listed(html) == ["王付举", "王小平"]
    assert html.index("王付举") < html.index("王小平")
    assert '?initial=W" aria-current="page" title="2人">W</a>' in html


def test_full_width_latin_names_are_filed_under_their_letter(client):
    make_article(persons=[("ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ", []), ("Zoe", [])])
    assert Person.objects.get(name="ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ").sort_key == "brucesteinberg"
    html = client.get("/people/", {"initial": "B"}).content.decode()
    assert "ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ" in html
    assert (
        "ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ"
        not in client.get("/people/", {"initial": "Z"}).content.decode()
    )


def test_names_without_a_latin_initial_are_under_other(client):
    make_article(persons=[("2号选手", []), ("王小平", [])])
    html = client.get("/people/", {"initial": "其他"}).content.decode()
    assert "2号选手" in html and "王小平" not in html.split('id="people-list"')[1]


def test_a_name_search_matches_any_part_of_the_name_or_its_pinyin(client):
    make_article(persons=[("王小平", []), ("胡小平", []), ("徐衣显", []), ("Ｂｒｕｃｅ", [])])
    html = client.get("/people/", {"name": "小平"}).content.decode()
    assert names_listed(html) == ["胡小平", "王小平"] and "2人" in html
    assert names_listed(client.get("/people/", {"name": "xiaoping"}).content.decode()) == [
        "胡小平",
        "王小平",
    ]
    assert "Ｂｒｕｃｅ" in client.get("/people/", {"name": "bruce"}).content.decode()
    assert "没有姓名含" in client.get("/people/", {"name": "无此人"}).content.decode()


def test_a_long_initial_is_paged_and_the_pages_keep_the_initial(client):
    make_article(persons=[(f"王{i:03d}", []) for i in range(PEOPLE_PER_PAGE + 5)])
    first = client.get("/people/", {"initial": "W"}).content.decode()
    assert "王000" in first and f"王{PEOPLE_PER_PAGE + 4:03d}" not in first
    assert 'href="?initial=W&amp;page=2"' in first
    second = client.get("/people/", {"initial": "W", "page": 2}).content.decode()
    assert f"王{PEOPLE_PER_PAGE + 4:03d}" in second
    assert client.get("/people/", {"initial": "W", "page": 3}).status_code == 404


@pytest.mark.parametrize("params", [{"initial": "ß"}, {"page": "x"}, {"page": "0"}])
def test_bad_parameters_are_not_found(client, params):
    make_article(persons=[("王小平", [])])
    assert client.get("/people/", params).status_code == 404


def test_people_only_in_unpublished_articles_are_left_out(client):
    make_article(persons=[("王小平", [])])
    make_article(persons=[("王秘密", [])], published=False)
    make_person("王无报道")
    html = client.get("/people/", {"initial": "W"}).content.decode()
    assert "王小平" in html and "王秘密" not in html and "王无报道" not in html
    assert "1人" in html


def test_the_index_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_article(persons=[(f"人物{i}", []) for i in range(50)])
    # The initials' counts, the page's count and slice, and the page's people's articles.
    with django_assert_max_num_queries(4):
        assert client.get("/people/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/people/", {"name": "人物"}).status_code == 200
