"""Forms for every query parameter a reader or program sends.

SearchForm serves both /search/ and /api/search: any text is a valid query (the query
language never fails), while page numbers, dates and choices are checked here so a bad
value becomes a message, never a server error.
"""

import datetime

from django import forms

from archive.models import Article
from archive.search.results import SORTS

MAX_PAGE = 500
MAX_PAGE_SIZE = 100


class LenientTextField(forms.CharField):
    """Text as typed, minus NUL bytes (Django's default validator would reject the request)."""

    default_validators = []

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "") if value else value


class SearchForm(forms.Form):
    q = LenientTextField(label="检索词", required=False, strip=True)
    paper = forms.SlugField(label="报纸", required=False, max_length=40)
    date_from = forms.DateField(label="起始日期", required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(label="截止日期", required=False, input_formats=["%Y-%m-%d"])
    person = LenientTextField(label="人物", required=False, max_length=50)
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部")] + list(Article.Kind.choices)
    )
    page_number = forms.IntegerField(label="版次", required=False, min_value=1, max_value=999)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[("relevance", "相关度"), ("newest", "日期（新→旧）"), ("oldest", "日期（旧→新）")],
    )
    page = forms.IntegerField(label="页码", required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(
        label="每页条数", required=False, min_value=1, max_value=MAX_PAGE_SIZE
    )

    error_messages = {"date_order": "起始日期不能晚于截止日期。"}

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(self.error_messages["date_order"], code="date_order")
        if data.get("sort") not in SORTS:
            data["sort"] = "relevance"
        data["page"] = data.get("page") or 1
        return data

    def filters(self):
        """The engine's filters from the cleaned data (ISO dates, slugs, names)."""
        data = self.cleaned_data
        filters = {
            "paper": data.get("paper") or None,
            "person": (data.get("person") or "").strip() or None,
            "kind": data.get("kind") or None,
            "page": data.get("page_number") or None,
        }
        for key in ("date_from", "date_to"):
            value = data.get(key)
            filters[key] = value.isoformat() if isinstance(value, datetime.date) else None
        return {key: value for key, value in filters.items() if value}

    def error_text(self):
        """All errors as one line, for the JSON API and the page's message."""
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            parts.extend(f"{label}：{e}" if label else str(e) for e in errors)
        return " ".join(parts)


class HighlightForm(forms.Form):
    """?hl=防控 on a page or an article: the characters to mark on the printed page."""

    hl = LenientTextField(label="标出", required=False, strip=True, max_length=50)

    def text(self):
        return self.cleaned_data.get("hl", "") if self.is_valid() else ""
