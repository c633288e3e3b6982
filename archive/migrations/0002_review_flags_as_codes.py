# Review notes were English prose; they become flag codes (archive.ingest.flags).

from django.db import migrations


def to_codes(apps, schema_editor):
    from archive.ingest.flags import from_legacy

    Article = apps.get_model("archive", "Article")
    for article in Article.objects.exclude(review=[]).only("pk", "review").iterator():
        codes = [from_legacy(note) for note in article.review]
        if codes != article.review:
            Article.objects.filter(pk=article.pk).update(review=codes)


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop)]
