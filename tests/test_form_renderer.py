"""The fast form renderer draws exactly what Django's widget templates draw."""

import datetime
from pathlib import Path

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from archive import admin_forms
from archive.form_renderer import FastRenderer
from archive.forms import HighlightForm, PeopleForm, SearchForm

ROOT = Path(__file__).resolve().parents[1]
FAST, DJANGO = FastRenderer(), DjangoTemplates()


def assert_same_markup(form):
    for name in form.fields:
        fast = _render(form, name, FAST)
        assert fast == _render(form, name, DJANGO), name


def _render(form, name, renderer):
    form.renderer = renderer
    return str(form[name])


def test_the_site_uses_it():
    assert isinstance(get_default_renderer(), FastRenderer)


def test_no_project_template_overrides_a_widget():
    assert not (ROOT / "templates" / "django" / "forms").exists()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": "防控 -春节", "paper": "jzrb", "sort": "newest", "page": "2"},
        {"q": '"<b>&\'王"', "paper": "<x>", "date": "2020-01-27", "page_number": "3"},
        {
            "q": "x",
            "date_from": "2020-02-30",
            "kind": "brief",
            "person": "王付举",
            "field": "title",
        },
        {"q": "1000000", "page_number": "12345", "page_size": "abc"},
    ],
)
def test_search_form_widgets(data):
    papers = {"jzrb": "焦作日报", "rmrb": "人民日报 <&>"}
    form = SearchForm(data, papers=papers)
    if data is not None:
        form.is_valid()
    assert_same_markup(form)
    assert_same_markup(SearchForm(data))


def test_people_and_highlight_forms():
    assert_same_markup(PeopleForm({"initial": "W", "name": "王"}))
    assert_same_markup(PeopleForm())
    assert_same_markup(HighlightForm({"hl": "防控 <i>"}))


@pytest.mark.django_db
def test_admin_forms():
    for form_class in (getattr(admin_forms, name) for name in dir(admin_forms)):
        if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
            try:
                form = form_class()
            except TypeError:
                continue  # an abstract base: it needs arguments
            assert_same_markup(form)


class Awkward(forms.Form):
    """Every value the templates treat specially: True/False attributes, safe strings,
    numbers (localised), lazy labels, option groups, dates."""

    flag = forms.CharField(widget=forms.TextInput(attrs={"required": True, "disabled": False}))
    safe = forms.CharField(widget=forms.TextInput(attrs={"title": mark_safe("<b>ok</b>")}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"step": 1000, "min": 0}))
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    grouped = forms.ChoiceField(
        choices=[
            ("", "全部"),
            ("报纸", [("jzrb", "焦作日报"), ("rmrb", mark_safe("<em>人民</em>日报"))]),
            (1000, 12345),
            ("lazy", gettext_lazy("Yes")),
        ]
    )
    many = forms.MultipleChoiceField(choices=[("a", "甲"), ("b", '乙"<')])
    text = forms.CharField(widget=forms.Textarea)
    box = forms.BooleanField()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "flag": 'a"b<c>&',
            "safe": mark_safe("<i>"),
            "number": "1234567",
            "when": "2020-01-27",
            "hidden": "h&",
            "secret": "p<",
            "grouped": "rmrb",
            "many": ["a", "b"],
            "text": "<t>",
            "box": "on",
        },
        {"number": "x", "when": "27/01/2020", "grouped": "1000"},
    ],
)
def test_awkward_values(data):
    form = Awkward(data)
    if data is not None:
        form.is_valid()
    assert_same_markup(form)


def test_initial_values_and_dates():
    form = Awkward(initial={"when": datetime.date(2020, 1, 27), "number": 5000, "grouped": 1000})
    assert_same_markup(form)
