"""Staff merge two names of one person: mentions move, the old URL redirects, history kept."""

from django.db import transaction

from archive.models import Mention, Person, PersonAlias


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


__all__ = ["Person", "by_alias", "merge_people", "most_mentioned"]
