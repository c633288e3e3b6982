"""Forms for every query parameter a reader or program sends.

SearchForm serves /search/, /api/search and /feeds/search/: any text is a valid query (the
query language never fails), while page numbers, dates and choices are checked here so a bad
value becomes a message, never a server error. PeopleForm serves /people/.
"""

import datetime
import re

from django import forms

from archive.models import Article
from archive.querysets import INITIALS
from archive.search.results import SORTS

MAX_PAGE = 500
MAX_PAGE_SIZE = 100
# The search box's maxlength, in UTF-16 code units as browsers count it. A hanzi is 9 bytes
# of the URL once percent-encoded (%E7%8E%8B), the worst any code unit costs, so 300 of them
# are 2,700 bytes: with every other field of the form at its longest the request line stays
# under gunicorn's default limit_request_line of 4,094 (tests/test_search_limits.py checks
# it). It is more than the engine reads (archive.search.query.MAX_QUERY_CHARS), so a reader
# who pastes a long passage sees the note saying how much was used, never "URI Too Long".
QUERY_BOX_CHARS = 300
FIELDS = [("all", "全文"), ("title", "仅标题"), ("byline", "署名（记者、来源、电头）")]


CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


class LenientTextField(forms.CharField):
    """Text as typed, with control characters (NUL, ESC, …) turned into spaces: Django's
    default validator would reject NUL, and XML (the saved-search feed) cannot carry any."""

    default_validators = []

    def to_python(self, value):
        value = CONTROL_CHARS.sub(" ", super().to_python(value) or "")
        return value.strip() if self.strip else value


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SearchForm(forms.Form):
    q = LenientTextField(
        label="检索词",
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": QUERY_BOX_CHARS}),
    )
    field = forms.ChoiceField(label="检索范围", required=False, choices=FIELDS)
    paper = forms.SlugField(label="报纸", required=False, max_length=40)
    date = _date_field("某一期（日期）")
    date_from = _date_field("起始日期")
    date_to = _date_field("截止日期")
    person = LenientTextField(
        label="人物", required=False, max_length=50, widget=forms.TextInput(attrs={"maxlength": 50})
    )
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部")] + list(Article.Kind.choices)
    )
    page_number = forms.IntegerField(
        label="版次",
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
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

    def __init__(self, *args, papers=None, **kwargs):
        """``papers`` ({slug: name}) makes the paper a list to choose from on the page; the
        field still takes any slug, so an unknown paper finds nothing rather than failing."""
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["q"].widget.attrs["autofocus"] = True
        if papers is not None:
            choices = [("", "全部报纸"), *papers.items()]
            chosen = self.data.get("paper")
            if chosen and chosen not in papers:
                choices.append((chosen, chosen))
            self.fields["paper"].widget = forms.Select(choices=choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(self.error_messages["date_order"], code="date_order")
        if data.get("sort") not in SORTS:
            data["sort"] = "relevance"
        data["field"] = data.get("field") or "all"
        data["page"] = data.get("page") or 1
        return data

    def filters(self):
        """The engine's filters from the cleaned data (ISO dates, slugs, names), as
        contracted with archive.search: field only when it narrows the search."""
        data = self.cleaned_data
        filters = {
            "field": data["field"] if data.get("field") not in (None, "", "all") else None,
            "paper": data.get("paper") or None,
            "person": (data.get("person") or "").strip() or None,
            "kind": data.get("kind") or None,
            "page": data.get("page_number") or None,
        }
        for key in ("date", "date_from", "date_to"):
            value = data.get(key)
            filters[key] = value.isoformat() if isinstance(value, datetime.date) else None
        return {key: value for key, value in filters.items() if value}

    def error_text(self):
        """All errors as one line, for the JSON API and the page's message."""
        return _error_text(self)


class PeopleForm(forms.Form):
    """/people/?initial=W&page=2 or /people/?name=小平: one initial, or a name search."""

    initial = forms.ChoiceField(
        label="拼音首字母", required=False, choices=[(i, i) for i in INITIALS]
    )
    name = LenientTextField(
        label="查找姓名",
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": 50, "placeholder": "姓名中的字，或拼音"}
        ),
    )
    page = forms.IntegerField(label="页码", required=False, min_value=1, max_value=MAX_PAGE)

    def error_text(self):
        return _error_text(self)


def _error_text(form):
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}：{e}" if label else str(e) for e in errors)
    return " ".join(parts)


class HighlightForm(forms.Form):
    """?hl=防控 on a page or an article: the characters to mark on the printed page."""

    hl = LenientTextField(label="标出", required=False, strip=True, max_length=50)

    def text(self):
        return self.cleaned_data.get("hl", "") if self.is_valid() else ""
