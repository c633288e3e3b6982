"""The questions the reader pages ask of the archive, as methods of each model's QuerySet.

Each answers in a fixed number of queries, whatever the size of the archive. Readers only
ever see published articles, and an issue only once one of its articles is out.

models.py builds its managers from these classes, so this module cannot import it back: a
method reaches another model through the relation it follows (`_far_end`).
"""

import datetime
import json
import string
import unicodedata
from collections import Counter

from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Replace, Substr, Upper

from archive.calendars import month_bounds

# Bounds on the rows the person-based queries read, so a page about 江泽民 costs the same
# in an archive of 3,000 articles as in one of 3,000,000. Recent rows come first.
RELATED_CANDIDATES = 400
RELATED_PEOPLE = 8
COMPANION_ARTICLES = 500
# …and only the first names each of those articles prints: a list of 1,400 delegates would
# otherwise make one person's companions read 700,000 rows.
COMPANION_NAMES = 20
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

    def latest(self):
        """The newest visible issue (of the paper first in name order on that day), or None.

        The newest day first, walking the date index from the end: ordering by date and
        paper name together would check every issue of twenty years before the first row."""
        visible = self.visible()
        day = visible.order_by("-date").values_list("date", flat=True).first()
        return visible.filter(date=day).order_by("newspaper__name").first() if day else None

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
        """Articles that name the person in their text, newest first: a list Paginator can
        count and slice at the cost of one page, however many there are (MonthSlices)."""
        return MonthSlices(self, person, reporter=False)

    def signed_by(self, person):
        """Articles the person wrote (their name is in the byline), newest first, as
        mentioning() lists them."""
        return MonthSlices(self, person, reporter=True)

    def _naming(self, person, *, reporter, dates=None):
        # No DISTINCT: the mention constraint allows one row per (article, person,
        # is_reporter), and DISTINCT over the joined columns cost 100 ms for a person in
        # 3,800 articles. The dates go in the same filter(), so one join of the mentions
        # reads them from its index (person, is_reporter, date).
        within = {"mentions__date__range": dates} if dates else {}
        return (
            self.with_place()
            .filter(mentions__person=person, mentions__is_reporter=reporter, **within)
            .order_by("-page__issue__date", "page__number", "order")
        )

    def related_to(self, article, exclude=(), limit=5):
        """More like this: published articles sharing the most people with `article`.

        Reporters are left out: sharing a byline says nothing about the subject. `exclude`
        takes the other halves of a jump, which the article page links already. Only the
        first RELATED_PEOPLE people the article names are weighed, and only each one's
        latest mentions (RELATED_CANDIDATES rows in all): one query per person walks its
        index newest first, where one query for all of them would read and sort every
        mention of the busiest. Needs the article's mentions prefetched.
        """
        person_ids = [m.person_id for m in article.mentions.all() if not m.is_reporter]
        person_ids = list(dict.fromkeys(person_ids))[:RELATED_PEOPLE]
        if not person_ids:
            return []
        excluded = [article.pk, *(a.pk for a in exclude if a)]
        mentions = (
            article.mentions.model.objects.published().in_text().exclude(article__in=excluded)
        )
        each = RELATED_CANDIDATES // len(person_ids)
        shared = {}
        for person_id in person_ids:
            latest = (
                mentions.filter(person=person_id)
                .order_by("-date", "-article_id")
                .values_list("article_id", flat=True)[:each]
            )
            for article_id in latest:
                shared.setdefault(article_id, set()).add(person_id)
        best = sorted(shared, key=lambda pk: (-len(shared[pk]), -pk))[:limit]
        found = self.with_place().in_bulk(best)
        return [found[pk] for pk in best if pk in found]


class PersonQuerySet(models.QuerySet):
    def in_print(self):
        """People named in, or signing, at least one published article, each once."""
        # A person has a month (person_months.py) only once a published article names or
        # is signed by them; Exists stops at the first, read from the months' own index,
        # where a published mention would cost a look at its article too.
        months = _far_end(self.model, "months").objects
        return self.filter(Exists(months.filter(person=OuterRef("pk"))))

    def listed(self):
        """In pinyin order, as the people index lists them."""
        return self.order_by("sort_key", "name")

    def with_article_counts(self):
        """These people as a list, each with ``article_count``: the published articles
        naming or signed by them. Summed from their months (person_months.py) in one query,
        so a page of the index costs its own people's months, not their mentions."""
        people = list(self)
        months = _far_end(self.model, "months").objects
        counts = dict(
            months.filter(person__in=[p.pk for p in people])
            .values("person")
            .annotate(n=Sum("in_print"))
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
        """The people most often named in the same published articles as `person`, each
        with ``together``: how many of those articles.

        Counted over the person's latest COMPANION_ARTICLES articles and the first
        COMPANION_NAMES names of each, so the rows read stay bounded for the most-mentioned
        people and the longest lists; counted from those articles' mentions (their index by
        article), not by joining every person to every mention.
        """
        mentions = person.mentions.model.objects
        articles = list(
            person.mentions.published()
            .in_text()
            .order_by("-date", "-article_id")
            .values_list("article_id", flat=True)[:COMPANION_ARTICLES]
        )
        # One in-text mention per (article, person): counting rows counts articles.
        together = Counter(
            mentions.filter(article__in=articles, is_reporter=False, order__lt=COMPANION_NAMES)
            .exclude(person=person.pk)
            .order_by()  # Meta.ordering would join four tables to sort rows only counted
            .values_list("person_id", flat=True)
        )
        if not together:
            return []
        # Those above the last count kept, then pinyin order among those tied at it.
        cutoff = sorted(together.values(), reverse=True)[:limit][-1]
        above = self.in_bulk([pk for pk, n in together.items() if n > cutoff]).values()
        tied = [pk for pk, n in together.items() if n == cutoff]
        ranked = sorted(above, key=lambda p: (-together[p.pk], p.sort_key))
        ranked += self.filter(pk__in=tied).order_by("sort_key", "pk")[: limit - len(ranked)]
        for other in ranked:
            other.together = together[other.pk]
        return ranked


class MentionQuerySet(models.QuerySet):
    def published(self):
        """Mentions in articles readers may see."""
        return self.filter(article__published=True)

    def in_text(self):
        """Mentions of people the text names, leaving out the byline's reporters."""
        return self.filter(is_reporter=False)


class PersonMonthQuerySet(models.QuerySet):
    """On a person's months (person_months.py): ``person.months.per_month()``."""

    def per_month(self):
        """[("1998-01", articles)], oldest month first: published articles naming the person
        in their text."""
        months = self.filter(articles__gt=0).order_by("month")
        return [(f"{m:%Y-%m}", n) for m, n in months.values_list("month", "articles")]

    def role_timeline(self):
        """Each role with the first and last issue date it appears, earliest first."""
        spans = {}
        for roles in self.order_by("month").values_list("roles", flat=True):
            for role, first, last in roles:
                spans.setdefault(role, [first, last])[1] = last
        timeline = [
            {
                "role": role,
                "first": datetime.date.fromisoformat(first),
                "last": datetime.date.fromisoformat(last),
            }
            for role, (first, last) in spans.items()
        ]
        return sorted(timeline, key=lambda span: span["first"])


class MonthSlices:
    """A person's articles (or bylines) newest first, for Paginator: counted from their
    months, and each
    slice read only from the months that hold it, so the 5,000th page of 江泽民 costs what
    the first does."""

    def __init__(self, articles, person, *, reporter):
        self.articles, self.person, self.reporter = articles, person, reporter
        self._months = None

    def months(self):
        """[(month, articles)], newest first."""
        if self._months is None:
            counted = "signed" if self.reporter else "articles"
            months = self.person.months.filter(**{f"{counted}__gt": 0}).order_by("-month")
            self._months = list(months.values_list("month", counted))
        return self._months

    def count(self):
        return sum(n for _, n in self.months())

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        skipped, covered, chosen = 0, 0, []
        for month, n in self.months():
            if not chosen and skipped + n <= start:
                skipped += n  # months newer than the slice
                continue
            chosen.append(month)
            covered += n
            if skipped + covered >= stop:
                break
        if not chosen or stop <= start:
            return []
        dates = (chosen[-1], month_bounds(chosen[0].year, chosen[0].month)[1])
        articles = self.articles._naming(self.person, reporter=self.reporter, dates=dates)
        return list(articles[start - skipped : stop - skipped])
