"""The questions the reader pages ask of the archive, each in a fixed number of queries.

Views stay short stories; the counting, grouping and neighbour-finding lives here.
Readers only ever see published articles, and an issue only once one of its articles is out.
"""

import calendar
import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404

from archive.models import Article, Issue, Mention, Person

CHINESE_DIGITS = "零一二三四五六七八九"


def visible_issues():
    """Issues with at least one published article: a draft-only issue is not out yet."""
    published = Article.objects.published().filter(page__issue=OuterRef("pk"))
    return Issue.objects.filter(Exists(published)).select_related("newspaper")


def published_articles():
    return Article.objects.published().order_by("order")


def issue_pages(issue):
    """The issue's pages in print order, each with its published articles (two queries)."""
    return list(
        issue.pages.defer("source_text")
        .order_by("number")
        .prefetch_related(Prefetch("articles", queryset=published_articles()))
    )


def neighbour_issues(issue):
    """The same paper's previous and next visible issues, or None at either end."""
    same_paper = visible_issues().filter(newspaper=issue.newspaper)
    previous = same_paper.filter(date__lt=issue.date).order_by("-date").first()
    following = same_paper.filter(date__gt=issue.date).order_by("date").first()
    return previous, following


def neighbours(items, current):
    """The items before and after `current` in a list, or None at either end."""
    index = items.index(current)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


def chinese_number(n):
    """Page numbers as printed in jump markers: 2 → 二, 10 → 十, 12 → 十二, 23 → 二十三."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 1 else CHINESE_DIGITS[tens]
    return prefix + "十" + (CHINESE_DIGITS[ones] if ones else "") if n < 100 else str(n)


def jump_label(direction, page, marker):
    """（下转第二版③）/（上接第一版③）, as the paper prints it."""
    return f"（{direction}第{chinese_number(page)}版{marker}）"


def citation(article):
    """GB/T 7714 for a newspaper article: 杨丽娜, 姚广强. 题名[N]. 焦作日报, 2020-01-27(1).

    The standard lists at most three authors, then 等; an unsigned article starts at the title.
    Needs the article's mentions prefetched.
    """
    reporters = [m.person.name for m in article.mentions.all() if m.is_reporter]
    authors = ", ".join(reporters[:3]) + (", 等" if len(reporters) > 3 else "")
    issue = article.page.issue
    where = f"{issue.newspaper.name}, {issue.date:%Y-%m-%d}({article.page.number})."
    head = f"{authors}. " if authors else ""
    return f"{head}{article.display_title}[N]. {where}"


def article_for_reader(paper, date, page, article_id):
    """One published article with its place, both halves of a jump, and its mentions."""
    place = "page__issue__newspaper"
    queryset = (
        Article.objects.published()
        .select_related(place, f"continuation__{place}", f"continues__{place}")
        .prefetch_related(Prefetch("mentions", queryset=Mention.objects.select_related("person")))
    )
    try:
        return queryset.get(
            pk=article_id,
            page__number=page,
            page__issue__date=date,
            page__issue__newspaper__slug=paper,
        )
    except Article.DoesNotExist as exc:
        raise Http404("没有这篇文章") from exc


def issue_articles(issue):
    """Every published article of the issue in reading order, light enough for navigation."""
    articles = list(
        Article.objects.published()
        .filter(page__issue=issue)
        .select_related("page")
        .only("id", "title", "paragraphs", "order", "page__id", "page__number", "page__issue_id")
        .order_by("page__number", "order")
    )
    for article in articles:
        article.page.issue = issue  # reuse the loaded issue: no query per link
    return articles


# Bounds on the rows the person-based queries read, so a page about 江泽民 costs the same
# in an archive of 3,000 articles as in one of 3,000,000. Recent rows come first.
RELATED_CANDIDATES = 400
COMPANION_ARTICLES = 500


def related_articles(article, exclude=(), limit=5):
    """More like this: published articles sharing the most people with this one.

    Reporters are left out: sharing a byline says nothing about the subject. `exclude` takes
    the other halves of a jump, which the article page links already. Only the most recent
    mentions of those people are weighed (RELATED_CANDIDATES rows).
    """
    person_ids = [m.person_id for m in article.mentions.all() if not m.is_reporter]
    if not person_ids:
        return []
    excluded = [article.pk, *(a.pk for a in exclude if a)]
    rows = (
        Mention.objects.filter(person__in=person_ids, is_reporter=False, article__published=True)
        .exclude(article__in=excluded)
        .order_by("-article_id")
        .values_list("article_id", "person_id")[:RELATED_CANDIDATES]
    )
    shared = {}
    for article_id, person_id in rows:
        shared.setdefault(article_id, set()).add(person_id)
    best = sorted(shared, key=lambda pk: (-len(shared[pk]), -pk))[:limit]
    found = Article.objects.with_place().in_bulk(best)
    return [found[pk] for pk in best if pk in found]


def continuation_of(article, name):
    """The other half of a jump, only when a reader may see it."""
    try:
        other = getattr(article, name)
    except Article.DoesNotExist:
        return None
    return other if other is not None and other.published else None


# -- calendars -------------------------------------------------------------------------------


@dataclass
class MonthCalendar:
    """One month as weeks of days; a day with an issue carries the issue's URL."""

    year: int
    month: int
    weeks: list = field(default_factory=list)

    @property
    def label(self):
        return f"{self.year}年{self.month}月"


def month_calendar(year, month, links):
    """`links` maps a date to the URL of that day's issue; other days are plain numbers."""
    weeks = [
        [{"day": d.day if d.month == month else None, "date": d, "url": links.get(d)} for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return MonthCalendar(year, month, weeks)


def issue_links(issues):
    return {issue.date: issue.get_absolute_url() for issue in issues}


def paper_months(newspaper):
    """Years → months with the number of issues in each, for the paper's front door."""
    rows = (
        visible_issues()
        .filter(newspaper=newspaper)
        .values_list("date", flat=True)
        .order_by("-date")
    )
    years = OrderedDict()
    for date in rows:
        months = years.setdefault(date.year, OrderedDict())
        months[date.month] = months.get(date.month, 0) + 1
    return years


def issues_between(newspaper, first, last):
    return list(
        visible_issues().filter(newspaper=newspaper, date__range=(first, last)).order_by("date")
    )


def year_calendars(newspaper, year):
    """The twelve months of a year that have issues, each as a calendar (one query)."""
    issues = issues_between(newspaper, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    links = issue_links(issues)
    months = sorted({issue.date.month for issue in issues})
    return [month_calendar(year, month, links) for month in months]


def month_bounds(year, month):
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last_day)


# -- people ----------------------------------------------------------------------------------


def role_timeline(person):
    """Each role with the first and last issue date the archive shows it, earliest first."""
    rows = (
        Mention.objects.filter(person=person, is_reporter=False, article__published=True)
        .values_list("roles", "article__page__issue__date")
        .order_by("article__page__issue__date")
    )
    spans = OrderedDict()
    for roles, date in rows:
        for role in roles:
            first, _ = spans.get(role, (date, date))
            spans[role] = (first, date)
    return [{"role": role, "first": first, "last": last} for role, (first, last) in spans.items()]


def articles_with(person, *, reporter):
    """Published articles that mention the person (or that they signed), newest first.

    No DISTINCT: the mention constraint allows one row per (article, person, is_reporter),
    and DISTINCT over the joined columns cost 100 ms for a person in 3,800 articles.
    """
    return (
        Article.objects.published()
        .with_place()
        .filter(mentions__person=person, mentions__is_reporter=reporter)
        .order_by("-page__issue__date", "page__number", "order")
    )


def people_mentioned_with(person, limit=10):
    """The people most often mentioned in the same published articles as this person.

    Counted over the person's latest COMPANION_ARTICLES articles, so the query stays
    bounded for the most-mentioned people.
    """
    articles = list(
        Mention.objects.filter(person=person, is_reporter=False, article__published=True)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:COMPANION_ARTICLES]
    )
    return list(
        Person.objects.filter(mentions__article__in=articles, mentions__is_reporter=False)
        .exclude(pk=person.pk)
        .annotate(together=Count("mentions__article", distinct=True))
        .order_by("-together", "sort_key")[:limit]
    )


def people_by_initial():
    """Everyone with a published mention, grouped by the first letter of their pinyin."""
    people = (
        Person.objects.filter(mentions__article__published=True)
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("sort_key", "name")
    )
    groups = OrderedDict()
    for person in people:
        initial = person.sort_key[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(person)
    return groups


def paginate(queryset, number, per_page=20):
    """One page of results; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("没有这一页") from exc


def front_page(issue):
    """The issue's first page with its published articles, or None if it has no pages."""
    return (
        issue.pages.defer("source_text")
        .order_by("number")
        .prefetch_related(Prefetch("articles", queryset=published_articles()))
        .first()
    )
