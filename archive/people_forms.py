"""The staff form that splits a person: which mentions move, and how to tell the two apart."""

from django import forms

from archive.models import Article, Newspaper

# The split page lists this many of the person's articles to tick; a date range and a paper
# reach the rest (江泽民 has thousands).
LISTED_ARTICLES = 300


class PersonSplitForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(
        label="按文章选", queryset=Article.objects.none(), required=False
    )
    date_from = forms.DateField(label="起始日期", required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(label="截止日期", required=False, input_formats=["%Y-%m-%d"])
    paper = forms.ModelChoiceField(
        label="报纸", queryset=Newspaper.objects.none(), required=False, empty_label="（不限）"
    )
    distinction = forms.CharField(
        label="新人物的区分说明", max_length=40, help_text="如“焦作日报 2020”，显示在姓名旁"
    )
    old_distinction = forms.CharField(
        label="原人物的区分说明", max_length=40, required=False, help_text="可留空"
    )

    def __init__(self, person, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        mine = Article.objects.filter(mentions__person=person)
        self.fields["articles"].queryset = mine
        self.fields["paper"].queryset = Newspaper.objects.filter(
            issues__pages__articles__in=mine
        ).distinct()
        if not self.is_bound:
            self.initial["old_distinction"] = person.distinction

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期晚于截止日期。")
        if not (data.get("articles") or start or end or data.get("paper")):
            raise forms.ValidationError("请勾选文章，或填写日期范围、报纸。")
        return data

    def selection(self):
        """What split_selection takes, from the cleaned data."""
        data = self.cleaned_data
        return {
            "article_ids": [a.pk for a in data["articles"]],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "paper": data["paper"],
        }

    def listed_articles(self):
        """The person's articles to tick, newest first, with the ticked ones marked."""
        ticked = {str(v) for v in (self.data.getlist("articles") if self.is_bound else [])}
        rows = (
            Article.objects.filter(mentions__person=self.person)
            .with_place()
            .order_by("-page__issue__date", "page__number", "order")
            .distinct()[:LISTED_ARTICLES]
        )
        return [(a, str(a.pk) in ticked) for a in rows]
