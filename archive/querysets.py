"""The questions the reader pages ask of the archive, as methods of each model's QuerySet.

Each answers in a fixed number of queries, whatever the size of the archive. Readers only
ever see published articles, and an issue only once one of its articles is out.

models.py builds its managers from these classes, so this module cannot import it back: a
method reaches another model through the relation it follows (`_far_end`).
"""

import json
import string
import unicodedata
from collections import OrderedDict

from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import ExtractMonth, ExtractYear, Replace, Substr, Upper

# Bounds on the rows the person-based queries read, so a page about 江泽民 costs the same
# in an archive of 3,000 articles as in one of 3,000,000. Recent rows come first.
RELATED_CANDIDATES = 400
COMPANION_ARTICLES = 500
# /people/ lists one pinyin initial at a time: A–Z, and 其他 for every name whose sort key
# starts with something else (digits, or a script pypinyin leaves as it is).
OTHER_INITIAL = "其他"
INITIALS = [*string.ascii_uppercase, OTHER_INITIAL]


def _far_end(model, *relations):
    """The model at the end of a path of relations: (Issue, "pages", "articles") → Article."""
    for name in relations:
        model = model._meta.get_field(name).related_model
    return model


class IssueQuerySet(models.QuerySet):
    def visible(self):
        """Issues with at least one published article: a draft-only issue is not out yet."""
        articles = _far_end(self.model, "pages", "articles").objects
        published = articles.published().filter(page__issue=OuterRef("pk"))
        return self.filter(Exists(published)).select_related("newspaper")

    def between(self, first, last):
        """The issues dated from `first` to `last`, both included, oldest first."""
        return self.filter(date__range=(first, last)).order_by("date")


class PageQuerySet(models.QuerySet):
    def visible(self):
        """Pages with at least one published article: a page saved as a draft is not out."""
        articles = _far_end(self.model, "articles").objects
        return self.filter(Exists(articles.published().filter(page=OuterRef("pk"))))

    def in_print_order(self):
        """Pages by number, without their raw source text (it is for staff, and the largest
        column)."""
        return self.defer("source_text").order_by("number")

    def for_reading(self):
        """Visible pages in print order, each with its published articles (two queries)."""
        published = _far_end(self.model, "articles").objects.published().order_by("order")
        return (
            self.visible()
            .in_print_order()
            .prefetch_related(Prefetch("articles", queryset=published))
        )

    def for_preview(self):
        """Every page in print order with every article, drafts included (staff preview)."""
        articles = _far_end(self.model, "articles").objects.order_by("order")
        return self.in_print_order().prefetch_related(Prefetch("articles", queryset=articles))


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_place(self):
        """Articles with their page, issue and paper, for citations and links in one query."""
        return self.select_related("page__issue__newspaper")

    def with_people(self):
        """Articles with their mentions and persons, fetched in one extra query.

        Joining the person into the mention query keeps the only IN list to the articles:
        prefetching "mentions__person" puts every person id of an issue in one IN list,
        which SQLite refuses once a big issue names a thousand people.
        """
        mentions = _far_end(self.model, "mentions").objects.select_related("person")
        return self.prefetch_related(Prefetch("mentions", queryset=mentions.order_by("order")))

    def texts_of(self, ids):
        """{id: (title, paragraphs)} of these articles: what a page of search hits shows.

        One plain SELECT, not a values_list: on every search page, the ORM's compiling and
        the JSONField's converters cost twice the reading itself (1.0 against 0.5 ms for 20
        hits at 10× the corpus). SQLite hands the paragraphs over as JSON text, PostgreSQL's
        jsonb as a list already.
        """
        ids = list(ids)
        if not ids:
            return {}
        meta, connection = self.model._meta, connections[self.db]
        pk, title, paragraphs = (meta.get_field(n).column for n in ("id", "title", "paragraphs"))
        names = map(connection.ops.quote_name, (pk, title, paragraphs, meta.db_table, pk))
        sql = "SELECT {}, {}, {} FROM {} WHERE {} IN ({})".format(
            *names, ", ".join(["%s"] * len(ids))
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            rows = cursor.fetchall()
        return {
            pk: (title, json.loads(paragraphs) if isinstance(paragraphs, str) else paragraphs)
            for pk, title, paragraphs in rows
        }

    def for_reading(self):
        """Articles with their place, both halves of a jump with theirs, and their people."""
        place = "page__issue__newspaper"
        jumps = (f"continuation__{place}", f"continues__{place}")
        return self.select_related(place, *jumps).with_people()

    def mentioning(self, person):
        """Articles that name the person in their text, newest first."""
        return self._naming(person, reporter=False)

    def signed_by(self, person):
        """Articles the person wrote (their name is in the byline), newest first."""
        return self._naming(person, reporter=True)

    def _naming(self, person, *, reporter):
        # No DISTINCT: the mention constraint allows one row per (article, person,
        # is_reporter), and DISTINCT over the joined columns cost 100 ms for a person in
        # 3,800 articles.
        return (
            self.with_place()
            .filter(mentions__person=person, mentions__is_reporter=reporter)
            .order_by("-page__issue__date", "page__number", "order")
        )

    def related_to(self, article, exclude=(), limit=5):
        """More like this: published articles sharing the most people with `article`.

        Reporters are left out: sharing a byline says nothing about the subject. `exclude`
        takes the other halves of a jump, which the article page links already. Only the
        most recent mentions of those people are weighed (RELATED_CANDIDATES rows). Needs
        the article's mentions prefetched.
        """
        person_ids = [m.person_id for m in article.mentions.all() if not m.is_reporter]
        if not person_ids:
            return []
        excluded = [article.pk, *(a.pk for a in exclude if a)]
        rows = (
            article.mentions.model.objects.published()
            .in_text()
            .filter(person__in=person_ids)
            .exclude(article__in=excluded)
            .order_by("-article_id")
            .values_list("article_id", "person_id")[:RELATED_CANDIDATES]
        )
        shared = {}
        for article_id, person_id in rows:
            shared.setdefault(article_id, set()).add(person_id)
        best = sorted(shared, key=lambda pk: (-len(shared[pk]), -pk))[:limit]
        found = self.with_place().in_bulk(best)
        return [found[pk] for pk in best if pk in found]


class PersonQuerySet(models.QuerySet):
    def in_print(self):
        """People named in, or signing, at least one published article, each once."""
        # Exists stops at a person's first published mention; a join would read them all.
        mentions = _far_end(self.model, "mentions").objects
        return self.filter(Exists(mentions.published().filter(person=OuterRef("pk"))))

    def listed(self):
        """In pinyin order, as the people index lists them."""
        return self.order_by("sort_key", "name")

    def with_article_counts(self):
        """These people as a list, each with ``article_count``: the published articles
        naming or signed by them. One query that reads only these people's mentions, so a
        page of the index costs its own people, not everyone's."""
        people = list(self)
        mentions = _far_end(self.model, "mentions").objects.published()
        counts = dict(
            mentions.filter(person__in=[p.pk for p in people])
            .values("person")
            .annotate(n=Count("article", distinct=True))
            .values_list("person", "n")
        )
        for person in people:
            person.article_count = counts.get(person.pk, 0)
        return people

    def with_initial(self, initial):
        """People whose pinyin starts with ``initial`` (A–Z), or with no Latin letter (其他)."""
        if initial == OTHER_INITIAL:
            return self.exclude(sort_key__regex=r"^[a-z]")
        return self.filter(sort_key__startswith=initial.lower())

    def named_like(self, text):
        """People whose name contains ``text`` as typed or NFKC-folded (Ｂｒｕｃｅ is Bruce);
        Latin text also matches the pinyin, so ``xiaoping`` finds 王小平."""
        folded = unicodedata.normalize("NFKC", text).strip()
        match = Q(name__icontains=text) | Q(name__icontains=folded)
        pinyin = "".join(folded.lower().split())
        if pinyin.isascii() and pinyin.isalpha() and len(pinyin) > 1:
            # The sort key spells 王小平 "wang xiao ping"; readers type it with or without spaces.
            compact = Replace("sort_key", Value(" "), Value(""))
            return self.alias(compact_pinyin=compact).filter(
                match | Q(compact_pinyin__contains=pinyin)
            )
        return self.filter(match)

    def initial_counts(self):
        """[(initial, how many people)] for every initial in INITIALS, in one query."""
        rows = (
            self.annotate(first=Upper(Substr("sort_key", 1, 1)))
            .values("first")
            .annotate(people=Count("pk"))
            .values_list("first", "people")
        )
        counts = dict.fromkeys(INITIALS, 0)
        for first, people in rows:
            counts[first if first in counts else OTHER_INITIAL] += people
        return list(counts.items())

    def mentioned_with(self, person, limit=10):
        """The people most often named in the same published articles as `person`.

        Counted over the person's latest COMPANION_ARTICLES articles, so the query stays
        bounded for the most-mentioned people.
        """
        articles = list(
            person.mentions.published()
            .in_text()
            .order_by("-article_id")
            .values_list("article_id", flat=True)[:COMPANION_ARTICLES]
        )
        return list(
            self.filter(mentions__article__in=articles, mentions__is_reporter=False)
            .exclude(pk=person.pk)
            .annotate(together=Count("mentions__article", distinct=True))
            .order_by("-together", "sort_key")[:limit]
        )


class MentionQuerySet(models.QuerySet):
    def published(self):
        """Mentions in articles readers may see."""
        return self.filter(article__published=True)

    def in_text(self):
        """Mentions of people the text names, leaving out the byline's reporters."""
        return self.filter(is_reporter=False)

    def per_month(self):
        """[("1998-01", articles)] naming the person in text, published, oldest month first.

        On a person's mentions: ``person.mentions.per_month()``. One grouped query; the
        mention constraint keeps one row per article, so rows count articles.
        """
        rows = (
            self.published()
            .in_text()
            .annotate(
                year=ExtractYear("article__page__issue__date"),
                month=ExtractMonth("article__page__issue__date"),
            )
            .values("year", "month")
            .annotate(articles=Count("pk"))
            .order_by("year", "month")
            .values_list("year", "month", "articles")
        )
        return [(f"{year:04d}-{month:02d}", articles) for year, month, articles in rows]

    def role_timeline(self):
        """Each role with the first and last issue date it appears, earliest first.

        On a person's published mentions in text: ``person.mentions.role_timeline()``.
        """
        rows = (
            self.published()
            .in_text()
            .values_list("roles", "article__page__issue__date")
            .order_by("article__page__issue__date")
        )
        spans = OrderedDict()
        for roles, date in rows:
            for role in roles:
                first, _ = spans.get(role, (date, date))
                spans[role] = (first, date)
        return [{"role": r, "first": first, "last": last} for r, (first, last) in spans.items()]
