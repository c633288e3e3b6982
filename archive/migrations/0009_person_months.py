"""Each mention gets its article's issue date, and each person their published articles by
month (person_months.py), counted from the mentions already stored."""

import sys

import django.db.models.deletion
from django.db import migrations, models

import archive.readable_json
from archive.calendars import month_bounds
from archive.person_months import ROW, month_of, summarize

# Tell the one running migrate how far a big archive has got, every this many months.
PROGRESS_EVERY = 12


def date_mentions_and_count_months(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    Mention = apps.get_model("archive", "Mention")
    PersonMonth = apps.get_model("archive", "PersonMonth")
    issue_date = Article.objects.filter(pk=models.OuterRef("article_id")).values(
        "page__issue__date"
    )[:1]
    Mention.objects.update(date=models.Subquery(issue_date))
    days = Mention.objects.exclude(date=None).values_list("date", flat=True).distinct()
    months = sorted({month_of(d) for d in days.order_by()})
    for n, month in enumerate(months, start=1):
        rows = Mention.objects.filter(
            article__published=True, date__range=month_bounds(month.year, month.month)
        ).values_list(*ROW)
        PersonMonth.objects.bulk_create(
            PersonMonth(person_id=person, month=month, **fields)
            for (person, month), fields in summarize(rows).items()
        )
        if n % PROGRESS_EVERY == 0 or n == len(months):
            print(f"  people by month: {n}/{len(months)} months counted", file=sys.stderr)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_readable_json"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="月份")),
                ("articles", models.PositiveIntegerField(verbose_name="报道篇数")),
                ("signed", models.PositiveIntegerField(default=0, verbose_name="署名篇数")),
                ("in_print", models.PositiveIntegerField(default=0, verbose_name="见报篇数")),
                (
                    "roles",
                    models.JSONField(
                        blank=True,
                        default=list,
                        encoder=archive.readable_json.ReadableJSONEncoder,
                        verbose_name="职务",
                    ),
                ),
            ],
            options={
                "verbose_name": "人物月度报道",
                "verbose_name_plural": "人物月度报道",
                "ordering": ["person", "month"],
            },
        ),
        migrations.RemoveIndex(
            model_name="mention",
            name="mention_person_idx",
        ),
        migrations.AddField(
            model_name="mention",
            name="date",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="出版日期"),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["person", "date", "article", "is_reporter"], name="mention_person_date_idx"
            ),
        ),
        migrations.AddField(
            model_name="personmonth",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="months",
                to="archive.person",
                verbose_name="人物",
            ),
        ),
        migrations.AddConstraint(
            model_name="personmonth",
            constraint=models.UniqueConstraint(
                fields=("person", "month"), name="person_month_unique"
            ),
        ),
        migrations.AlterField(
            model_name="mention",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mentions",
                to="archive.article",
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["article", "order", "person", "is_reporter"],
                name="mention_article_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="personmonth",
            index=models.Index(fields=["person", "in_print"], name="person_month_count_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["page", "published"], name="article_page_published_idx"),
        ),
        migrations.RunPython(date_mentions_and_count_months, migrations.RunPython.noop),
    ]
