"""Old URL names of people merged into another, so /people/<old>/ redirects."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_c_article_numbers"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True, max_length=80, unique=True, verbose_name="原网址名"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="原姓名")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="合并时间")),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="archive.person",
                        verbose_name="并入的人物",
                    ),
                ),
            ],
            options={
                "verbose_name": "人物旧网址",
                "verbose_name_plural": "人物旧网址",
                "ordering": ["slug"],
            },
        ),
    ]
