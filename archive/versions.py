"""Every stored state of a page kept (django-reversion): who stored it, when, and how.

A version is one page with its articles and their mentions. load_issue records one each
time it stores a page (and, for a page stored before versions were kept, the state it is
about to replace); an admin edit records one of the edited article's page. Restoring a
version (archive.restoring) brings back the page exactly as it was, and is itself recorded,
so it can be undone.
"""

from collections import defaultdict

import reversion
from django.db.models import Prefetch
from reversion.models import Version

# The comments staff read in the history (and that tell an ingest from an edit).
STORED = "入库"
REPLACED = "替换前的版本"
EDITED = "后台修改"
RESTORED = "恢复到"


def register():
    """Register the page as the unit of history, following its articles and mentions."""
    from archive.models import Article, Mention, Page

    if not reversion.is_registered(Page):
        reversion.register(Page, follow=["articles"])
        reversion.register(Article, follow=["mentions"])
        reversion.register(Mention)


def record(page, *, user=None, comment=STORED, attached=False):
    """Keep the page's current state, with its articles and mentions, as a new version.

    The page is read back whole, unless ``attached``: the loader's own page, just stored,
    whose articles and mentions ``attach`` has given it.
    """
    if not attached:
        page = _read_whole(page)
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(page)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)


def _read_whole(page):
    from archive.models import Article, Mention, Page

    # Three queries: reversion follows the page's articles and their mentions and names
    # each mention by its person, otherwise a query per article and per mention.
    mentions = Mention.objects.select_related("person").order_by("pk")
    return Page.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("order")),
        Prefetch("articles__mentions", queryset=mentions),
    ).get(pk=page.pk)


def attach(page, articles, mentions):
    """Give a page just stored its articles (in order) and their mentions (each with its
    person, in the order stored), as _read_whole's prefetch would: reading them back cost a
    third of a version's time at ingest, ~3 ms a page. False, and nothing attached, unless
    the database gave every one of them its id (a version names each object by it)."""
    if any(obj.pk is None for obj in (*articles, *mentions)):
        return False
    by_article = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    _prefetched(page, "articles", articles)
    for article in articles:
        _prefetched(article, "mentions", by_article[article.pk])
    return True


def _prefetched(instance, name, objects):
    # What Django's prefetch_related leaves on an instance (query.prefetch_one_level): the
    # related manager's queryset with its results filled in, so .all() reads no rows.
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def has_history(page):
    return Version.objects.get_for_object(page).exists()


def history(page):
    """The page's versions, newest first, each with its revision (who, when, comment)."""
    return Version.objects.get_for_object(page).select_related("revision__user")


def last_stored(page):
    """The version recorded by the latest ingest of the page, or None."""
    return history(page).filter(revision__comment__startswith=STORED).first()


def article_states(version):
    """{article id: stored fields} of the articles in a page's version."""
    from archive.models import Article

    revision = version.revision
    return {int(v.object_id): v.field_dict for v in revision.version_set.get_for_model(Article)}
