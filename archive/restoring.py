"""Restore a page to one of its versions (archive.versions keeps them).

Apart from versions.py because it needs the loader's continuation links and index sync,
and the loader records versions: one module each way, no import cycle.
"""

from django.db import transaction
from django.utils import timezone

from archive import versions
from archive.loading import link_continuations, sync_index
from archive.models import Page


def restore(version, *, user=None):
    """Bring the page back to `version`: articles added since go, replaced ones return.

    Returns (restored article ids, removed article ids) for the search index.
    """
    page = Page.objects.get(pk=version.object_id)
    before = set(page.articles.values_list("pk", flat=True))
    with transaction.atomic():
        version.revision.revert(delete=True)
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
