"""Each person's published articles by month, kept beside the mentions: what a person's page
counts, charts and lists by, at the same cost for 江泽民 in 140,000 articles as for a name in
three.

A PersonMonth row holds, for one person and one month, the published articles whose text
names them (reporters are left out, as the timeline and chart leave them out) and each role
with the first and last day it was printed that month. Rows are recomputed, never adjusted:
a change notes the (person, day) pairs it touches and the months holding them are counted
again from the mentions, inside the same transaction as the change.

Every path that changes mentions or what is published notes its pairs: the loader, publishing
and withdrawing, deleting, restoring a version, merging and splitting people (explicitly,
since bulk_create and update() send no signals), and single saves and deletes (the admin)
through the signals connected in apps.py. ``manage.py check_people --repair`` counts every
month again, should anything have gone around them.

    with person_months.batched():        # one recount at the end, not one per change
        ...
        person_months.touched(pairs)     # [(person_id, date), …]
"""

import threading
from contextlib import contextmanager

from django.db import transaction

from archive.calendars import month_bounds

_state = threading.local()


def month_of(day):
    return day.replace(day=1)


# What each mention row is read as: (person_id, date, roles, is_reporter, article_id).
ROW = ("person_id", "date", "roles", "is_reporter", "article_id")


def summarize(rows):
    """{(person_id, month): {"articles", "signed", "in_print", "roles"}} from ROW tuples of
    published mentions: articles whose text names the person, articles they signed, the
    articles of either kind (each once), and the roles of the text's mentions as
    [[role, first, last], …] in the order they first appear, dates as ISO strings."""
    months = {}
    for person_id, day, roles, is_reporter, article_id in sorted(rows, key=lambda r: r[1]):
        month = months.setdefault((person_id, month_of(day)), [0, 0, set(), {}])
        month[2].add(article_id)
        if is_reporter:
            month[1] += 1
            continue
        month[0] += 1
        for role in roles:
            first, _ = month[3].get(role, (day, day))
            month[3][role] = (first, day)
    return {
        key: {
            "articles": articles,
            "signed": signed,
            "in_print": len(in_print),
            "roles": [[r, f.isoformat(), last.isoformat()] for r, (f, last) in spans.items()],
        }
        for key, (articles, signed, in_print, spans) in months.items()
    }


def touched(pairs):
    """Note that mentions of these (person_id, date) pairs changed; recounted now, or at the
    end of the enclosing batched()."""
    pairs = {(person, month_of(day)) for person, day in pairs if person and day}
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending |= pairs
    elif pairs:
        refresh(pairs)


@contextmanager
def batched():
    """Changes inside are recounted once, when the block ends without an error."""
    if getattr(_state, "pending", None) is not None:  # already inside one
        yield
        return
    _state.pending = set()
    try:
        yield
        pairs, _state.pending = _state.pending, None
        refresh(pairs)
    finally:
        _state.pending = None


def refresh(pairs):
    """Count these (person_id, month) pairs again from the mentions: one read and one write
    per month, whatever the number of people."""
    from archive.models import Mention, PersonMonth

    by_month = {}
    for person, month in pairs:
        by_month.setdefault(month, set()).add(person)
    with transaction.atomic():
        for month, people in sorted(by_month.items()):
            people = sorted(people)
            rows = (
                Mention.objects.published()
                .filter(person__in=people, date__range=month_bounds(month.year, month.month))
                .values_list(*ROW)
            )
            counted = summarize(rows)
            PersonMonth.objects.filter(person__in=people, month=month).delete()
            PersonMonth.objects.bulk_create(
                PersonMonth(person_id=person, month=month, **fields)
                for (person, month), fields in counted.items()
            )


def months_of_people(person_ids):
    """Every (person_id, month) these people have mentions in, to recount them whole (after
    a merge or a split)."""
    from archive.models import Mention, PersonMonth

    held = PersonMonth.objects.filter(person__in=person_ids).values_list("person_id", "month")
    mentioned = (
        Mention.objects.filter(person__in=person_ids)
        .exclude(date=None)
        .values_list("person_id", "date")
        .distinct()
    )
    return {*held, *((p, month_of(d)) for p, d in mentioned)}


def pairs_of_articles(article_ids):
    """(person_id, date) of every mention in these articles."""
    from archive.models import Mention

    return set(
        Mention.objects.filter(article__in=list(article_ids)).values_list("person_id", "date")
    )


def differences(progress=None):
    """[(person_id, month, stored, counted)] where the rows differ from the mentions (each a
    dict of PersonMonth's counts, or None where there is no row); reads
    the mentions a month at a time."""
    from archive.models import Mention, PersonMonth

    days = Mention.objects.exclude(date=None).values_list("date", flat=True).distinct()
    stored = PersonMonth.objects.values_list("month", flat=True).distinct()
    months = sorted({month_of(d) for d in days.order_by()} | set(stored.order_by()))
    found = []
    for n, month in enumerate(months, start=1):
        rows = (
            Mention.objects.published()
            .filter(date__range=month_bounds(month.year, month.month))
            .values_list(*ROW)
        )
        counted = summarize(rows)
        fields = ("articles", "signed", "in_print", "roles")
        stored = {
            (row["person_id"], month): {f: row[f] for f in fields}
            for row in PersonMonth.objects.filter(month=month).values("person_id", *fields)
        }
        for key in sorted(counted.keys() | stored.keys()):
            if counted.get(key) != stored.get(key):
                found.append((*key, stored.get(key), counted.get(key)))
        if progress:
            progress(n, len(months))
    return found


# -- single saves and deletes (the admin, a version restored) ------------------------------


def connect():
    """Called once from apps.py: single saves and deletes note their pairs."""
    from django.db.models import signals

    from archive.models import Article, Issue, Mention, Page

    signals.pre_save.connect(_mention_before, sender=Mention, dispatch_uid="pm-mention-pre")
    signals.post_save.connect(_mention_saved, sender=Mention, dispatch_uid="pm-mention-post")
    signals.post_delete.connect(_mention_saved, sender=Mention, dispatch_uid="pm-mention-del")
    for model in (Article, Page, Issue):
        signals.post_save.connect(_dates_moved, sender=model, dispatch_uid=f"pm-{model.__name__}")


def _mention_before(sender, instance, raw, **kwargs):
    # The pair it leaves when it moves to another person, counted once it has moved.
    old = (
        sender.objects.filter(pk=instance.pk) if instance.pk and not raw else sender.objects.none()
    )
    instance._months_before = list(old.values_list("person_id", "date"))


def _mention_saved(sender, instance, **kwargs):
    touched([(instance.person_id, instance.date), *getattr(instance, "_months_before", ())])


def _dates_moved(sender, instance, raw, **kwargs):
    """An article, page or issue saved: mentions whose date is not their issue's take it (a
    page moved, an issue redated); an article's months are counted again (published or
    not, as the admin may have changed it)."""
    if raw:
        return
    from archive.models import Mention

    kind = sender._meta.model_name
    path = {"article": "article", "page": "article__page", "issue": "article__page__issue"}
    day = {
        "article": lambda: instance.page.issue.date,
        "page": lambda: instance.issue.date,
        "issue": lambda: instance.date,
    }[kind]()
    mentions = Mention.objects.filter(**{path[kind]: instance.pk})
    moved = mentions.exclude(date=day)
    old = set(moved.values_list("person_id", "date"))
    if old:
        moved.update(date=day)
        touched(old | {(person, day) for person, _ in old})
    if kind == "article":
        touched(mentions.values_list("person_id", "date"))


def redate(mentions):
    """Give these mentions their article's issue date (a version restored holds none)."""
    from django.db.models import OuterRef, Subquery

    from archive.models import Article

    issue_date = Article.objects.filter(pk=OuterRef("article_id")).values("page__issue__date")
    mentions.update(date=Subquery(issue_date[:1]))
