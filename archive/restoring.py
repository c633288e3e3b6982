"""Restore a page to one of its versions (archive.versions keeps them).

Apart from versions.py because it needs the loader's continuation links and index sync,
and the loader records versions: one module each way, no import cycle.
"""

from django.db import transaction
from django.utils import timezone

from archive import person_months, versions
from archive.loading import link_continuations, sync_index
from archive.models import Mention, Page


def restore(version, *, user=None):
    """Bring the page back to `version`: articles added since go, replaced ones return.

    Returns (restored article ids, removed article ids) for the search index.
    """
    page = Page.objects.get(pk=version.object_id)
    before = set(page.articles.values_list("pk", flat=True))
    with transaction.atomic(), person_months.batched():
        on_page = Mention.objects.filter(article__page_id=version.object_id)
        person_months.touched(on_page.values_list("person_id", "date"))
        version.revision.revert(delete=True)
        # A version's mentions may predate their dates (or hold the issue's old one).
        person_months.redate(on_page)
        person_months.touched(on_page.values_list("person_id", "date"))
        page = Page.objects.get(pk=version.object_id)
        link_continuations(page.issue)
        when = timezone.localtime(version.revision.date_created)
        versions.record(
            page, user=user, comment=f"{versions.RESTORED} {when:%Y-%m-%d %H:%M:%S} 的版本"
        )
        after = set(page.articles.values_list("pk", flat=True))
        transaction.on_commit(
            lambda: sync_index(sorted(after), sorted(before - after)), robust=True
        )
    return after, before - after
