"""JSON fields written as readable UTF-8 (archive.readable_json), and the rows already stored
with \\u escapes rewritten so. The encoder changes nothing in the schema (state only: no
table is rebuilt); on PostgreSQL jsonb has its own form and no row is touched."""

import json
import sys

from django.db import migrations, models

import archive.readable_json

# (model, its JSON fields): the text columns that held \u escapes.
JSON_FIELDS = {
    "article": ("paragraphs", "review", "regions"),
    "page": ("review",),
    "mention": ("roles",),
}
BATCH = 2000
# Tell the one running migrate how far a big archive has got, every this many rows.
PROGRESS_EVERY = 50_000


def _readable(text):
    return json.dumps(json.loads(text), cls=archive.readable_json.ReadableJSONEncoder)


def rewrite_escaped_rows(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    quote = connection.ops.quote_name
    for model_name, fields in JSON_FIELDS.items():
        table = apps.get_model("archive", model_name)._meta.db_table
        columns = ", ".join(quote(f) for f in fields)
        escaped = " OR ".join(f"{quote(f)} LIKE '%\\u%'" for f in fields)
        assignments = ", ".join(f"{quote(f)} = %s" for f in fields)
        done, last = 0, 0
        with connection.cursor() as cursor:
            while True:
                cursor.execute(
                    f"SELECT id, {columns} FROM {quote(table)} WHERE id > %s AND ({escaped}) "
                    f"ORDER BY id LIMIT {BATCH}",
                    [last],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                cursor.executemany(
                    f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",
                    [[*(_readable(v) for v in values), pk] for pk, *values in rows],
                )
                last = rows[-1][0]
                before, done = done, done + len(rows)
                if done // PROGRESS_EVERY > before // PROGRESS_EVERY:
                    print(f"  {table}: {done:,} rows rewritten as readable JSON", file=sys.stderr)


def _field(**options):
    return models.JSONField(
        default=list, encoder=archive.readable_json.ReadableJSONEncoder, **options
    )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_p_person_distinction"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="paragraphs",
                    field=_field(verbose_name="正文段落"),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="regions",
                    field=_field(blank=True, verbose_name="版面区域"),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="review",
                    field=_field(blank=True, verbose_name="待审原因"),
                ),
                migrations.AlterField(
                    model_name="mention",
                    name="roles",
                    field=_field(blank=True, verbose_name="职务"),
                ),
                migrations.AlterField(
                    model_name="page",
                    name="review",
                    field=_field(blank=True, verbose_name="待审原因"),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rewrite_escaped_rows, migrations.RunPython.noop, elidable=True),
    ]
