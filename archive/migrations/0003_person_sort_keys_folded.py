# People's sort keys are NFKC-folded (models.pinyin_sort_key): ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ sorted
# after Z as full-width letters; folded it is brucesteinberg, under B. pypinyin leaves such
# letters as they are, so folding the stored key gives what the new function would.

import unicodedata

from django.db import migrations


def fold_sort_keys(apps, schema_editor):
    Person = apps.get_model("archive", "Person")
    changed = [
        (pk, folded)
        for pk, sort_key in Person.objects.values_list("pk", "sort_key").iterator()
        if (folded := unicodedata.normalize("NFKC", sort_key).lower()) != sort_key
    ]
    for pk, folded in changed:
        Person.objects.filter(pk=pk).update(sort_key=folded)


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_review_flags_as_codes")]

    operations = [migrations.RunPython(fold_sort_keys, migrations.RunPython.noop)]
