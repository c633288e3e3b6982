"""People staff curate: the old URL names of people merged into another; and each person's
published articles by month (person_months.py keeps them).

Kept apart from models.py (which holds the archive's own rows) so that module stays small;
models.py imports it, so Django sees the model as the archive app's.
"""

from django.db import models

from archive.querysets import PersonMonthQuerySet
from archive.readable_json import ReadableJSONEncoder


class PersonAlias(models.Model):
    """/people/<slug>/ of a person merged into another: the URL redirects to the one kept."""

    slug = models.SlugField("原网址名", max_length=80, unique=True, allow_unicode=True)
    name = models.CharField("原姓名", max_length=50)
    person = models.ForeignKey(
        "archive.Person", models.CASCADE, related_name="aliases", verbose_name="并入的人物"
    )
    created = models.DateTimeField("合并时间", auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = verbose_name_plural = "人物旧网址"

    def __str__(self):
        return f"{self.name} → {self.person}"


class PersonMonth(models.Model):
    """One person's published articles in one month, and the roles their text printed."""

    person = models.ForeignKey(
        "archive.Person", models.CASCADE, related_name="months", verbose_name="人物"
    )
    month = models.DateField("月份")  # its first day
    articles = models.PositiveIntegerField("报道篇数")  # whose text names them
    signed = models.PositiveIntegerField("署名篇数", default=0)  # bylines
    in_print = models.PositiveIntegerField("见报篇数", default=0)  # either, each once
    # [[role, first day, last day], …] in the order the roles first appear that month.
    roles = models.JSONField("职务", encoder=ReadableJSONEncoder, default=list, blank=True)

    objects = PersonMonthQuerySet.as_manager()

    class Meta:
        ordering = ["person", "month"]
        verbose_name = verbose_name_plural = "人物月度报道"
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="person_month_unique"),
        ]
        indexes = [
            # A page of the people index sums each one's articles from this index alone.
            models.Index(fields=["person", "in_print"], name="person_month_count_idx"),
        ]

    def __str__(self):
        return f"{self.person} {self.month:%Y-%m}：{self.articles}篇"

    def get_absolute_url(self):
        return self.person.get_absolute_url()
