"""The search and people forms: what they accept, and the engine filters they hand on."""

import pytest

from archive.forms import PeopleForm, SearchForm


def filters(**data):
    form = SearchForm(data)
    assert form.is_valid(), form.errors
    return form.filters()


def test_filters_follow_the_search_contract():
    assert filters(q="防控", field="title", paper="jzrb", date="2020-01-27", page_number="3") == {
        "field": "title",
        "paper": "jzrb",
        "date": "2020-01-27",
        "page": 3,
    }
    assert filters(q="防控", date_from="2020-01-01", date_to="2020-01-31", person=" 王小平 ") == {
        "date_from": "2020-01-01",
        "date_to": "2020-01-31",
        "person": "王小平",
    }


def test_all_fields_is_the_default_and_is_not_sent():
    assert filters(q="防控", field="all") == {} == filters(q="防控")
    form = SearchForm({"q": "防控"})
    assert form.is_valid() and form.cleaned_data["field"] == "all"


@pytest.mark.parametrize(
    "data",
    [{"field": "body"}, {"date": "2020-02-30"}, {"page_number": "0"}, {"date": "27/01/2020"}],
)
def test_bad_values_are_errors_in_chinese(data):
    form = SearchForm({"q": "防控", **data})
    assert not form.is_valid()
    assert any("\u4e00" <= c <= "\u9fff" for c in form.error_text())


def test_the_paper_is_chosen_from_a_list_on_the_page_but_any_slug_is_accepted():
    form = SearchForm({"q": "防控", "paper": "other"}, papers={"jzrb": "焦作日报"})
    html = str(form["paper"])
    assert '<option value="jzrb">焦作日报</option>' in html
    assert '<option value="other" selected>other</option>' in html
    assert form.is_valid()


def test_only_an_empty_page_puts_the_cursor_in_the_box():
    assert "autofocus" in str(SearchForm()["q"])
    assert "autofocus" not in str(SearchForm({"q": "防控"})["q"])


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"initial": "W"}, True),
        ({"initial": "其他"}, True),
        ({"initial": "w"}, False),
        ({"name": "王" * 51}, False),
    ],
)
def test_the_people_form_takes_an_initial_or_a_name(data, valid):
    assert PeopleForm(data).is_valid() is valid
