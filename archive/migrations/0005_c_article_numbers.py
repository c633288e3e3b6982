"""Articles get a stable number on their page, the key of their permalink.

Existing articles are numbered by their order on the page, which is what the first ingest
of a page gives them too.
"""

from django.db import migrations, models
from django.db.models import F


def number_by_order(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    Article.objects.update(number=F("order"))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_page_prints_and_regions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="number",
            field=models.PositiveSmallIntegerField(
                editable=False, null=True, verbose_name="文章编号"
            ),
        ),
        migrations.RunPython(number_by_order, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="number",
            field=models.PositiveSmallIntegerField(editable=False, verbose_name="文章编号"),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("page", "number"), name="article_unique_page_number"
            ),
        ),
    ]
