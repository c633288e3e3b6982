"""People staff curate: the old URL names of people merged into another.

Kept apart from models.py (which holds the archive's own rows) so that module stays small;
models.py imports it, so Django sees the model as the archive app's.
"""

from django.db import models


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
