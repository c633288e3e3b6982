"""Staff curate people: merge two names of one person (mentions move, the old URL
redirects) or split one name into two people (the chosen mentions move to a new namesake)."""

from django.db import transaction
from django.db.models import Q

from archive import person_months
from archive.models import Mention, Person, PersonAlias, free_person_slug


def merge_people(keep, others):
    """Merge each person of `others` into `keep`; returns the ids of the articles touched.

    A mention already held by `keep` in the same article and role (reporter or not) takes
    the other's roles; the rest move over. Each merged person's slug becomes an alias of
    `keep`, as do the aliases it had, so every URL it ever had still leads somewhere.
    """
    touched = set()
    with transaction.atomic():
        for other in others:
            if other.pk == keep.pk:
                continue
            touched |= _move_mentions(keep, other)
            PersonAlias.objects.filter(person=other).update(person=keep)
            PersonAlias.objects.create(slug=other.slug, name=other.name, person=keep)
            other.delete()
        # keep now holds every month the others had (theirs went with their rows).
        person_months.touched(person_months.months_of_people([keep.pk]))
    return sorted(touched)


def _move_mentions(keep, other):
    held = {(m.article_id, m.is_reporter): m for m in keep.mentions.all()}
    touched = set()
    for mention in list(other.mentions.all()):
        touched.add(mention.article_id)
        existing = held.get((mention.article_id, mention.is_reporter))
        if existing is None:
            Mention.objects.filter(pk=mention.pk).update(person=keep)
            continue
        roles = list(dict.fromkeys([*existing.roles, *mention.roles]))
        Mention.objects.filter(pk=existing.pk).update(roles=roles)
        mention.delete()
    return touched


def by_alias(slug):
    """The person an old URL name now belongs to, or None."""
    alias = PersonAlias.objects.select_related("person").filter(slug=slug).first()
    return alias.person if alias else None


def most_mentioned(people):
    """Of several people, the one to keep: the most mentions, then the oldest row."""
    return max(people, key=lambda p: (p.mentions.count(), -p.pk))


class SplitError(ValueError):
    """A split staff asked for that cannot be done; the message says why, in Chinese."""


def split_selection(person, *, article_ids=(), date_from=None, date_to=None, paper=None):
    """The person's mentions in the chosen articles, and in every article of the date range
    and paper when either is given (both bounds inclusive; an open bound is no limit)."""
    chosen = Q(article__in=list(article_ids))
    if date_from or date_to or paper:
        period = Q()
        if date_from:
            period &= Q(article__page__issue__date__gte=date_from)
        if date_to:
            period &= Q(article__page__issue__date__lte=date_to)
        if paper:
            period &= Q(article__page__issue__newspaper=paper)
        chosen |= period
    return person.mentions.filter(chosen)


def split_person(person, mentions, *, distinction, old_distinction=None):
    """Move `mentions` of `person` to a new person of the same name told apart by
    `distinction` (人民日报 1998); returns (the new person, the ids of the articles moved).

    The old person keeps its row and URL (/people/李贵鲜/); the new one gets the next free
    slug (/people/李贵鲜-2/). `old_distinction`, when given, tells the old one apart too.
    """
    distinction = (distinction or "").strip()
    old_distinction = person.distinction if old_distinction is None else old_distinction.strip()
    moving = list(mentions.values_list("pk", "article_id"))
    total = person.mentions.count()
    if not moving:
        raise SplitError("没有选中要移出的文章。")
    if len(moving) == total:
        raise SplitError("所选文章是这位人物的全部提及，至少要留一篇给原人物。")
    if not distinction:
        raise SplitError("请填写新人物的区分说明。")
    if distinction == old_distinction:
        raise SplitError("新人物的区分说明不能与原人物相同。")
    if Person.objects.filter(name=person.name, distinction=distinction).exists():
        raise SplitError(f"已有同名人物“{person.name}（{distinction}）”。")
    with transaction.atomic():
        if old_distinction != person.distinction:
            if Person.objects.filter(name=person.name, distinction=old_distinction).exists():
                raise SplitError(f"已有同名人物“{person.name}（{old_distinction or '无说明'}）”。")
            person.distinction = old_distinction
            person.save(update_fields=["distinction"])
        new = Person.objects.create(
            name=person.name,
            distinction=distinction,
            slug=free_person_slug(person.name),
            sort_key=person.sort_key,
        )
        Mention.objects.filter(pk__in=[pk for pk, _ in moving]).update(person=new)
        person_months.touched(person_months.months_of_people([person.pk, new.pk]))
    return new, sorted({article_id for _, article_id in moving})


def namesakes(person):
    """Other people of the same name, each with its distinction, oldest first."""
    return list(Person.objects.filter(name=person.name).exclude(pk=person.pk).order_by("pk"))


__all__ = [
    "Person",
    "SplitError",
    "by_alias",
    "merge_people",
    "most_mentioned",
    "namesakes",
    "split_person",
    "split_selection",
]
