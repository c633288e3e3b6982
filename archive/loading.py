"""The one place that turns parsed pages (interchange JSON) into rows, and rows back into JSON.

Each issue is stored inside one transaction: a page that is ingested again replaces the old
one whole, and a failure leaves the archive exactly as it was. The search index follows the
database once the transaction has committed, one index writer per stored issue.
"""

import datetime
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.text import slugify

from archive import person_months, search, versions
from archive.ingest.interchange import InterchangeError, validate_issue
from archive.ingest.model import ARTICLE_FIELDS, ParsedPage
from archive.models import (
    Article,
    Issue,
    Mention,
    Newspaper,
    Page,
    Person,
    free_person_slugs,
    pinyin_sort_key,
)
from archive.numbering import assign_numbers, text_of
from archive.page_prints import store_print

log = logging.getLogger(__name__)
# How often a load is tried again when a concurrent writer created the same rows first.
RACE_ATTEMPTS = 5
# The interchange article fields an article row holds under the same name (a model field
# or property); reporters and persons are stored as mentions instead.
ROW_FIELDS = tuple(name for name in ARTICLE_FIELDS if name not in ("reporters", "persons"))


class LoadError(ValueError):
    """Input that cannot be stored; the message says what and where."""


@dataclass
class LoadResult:
    issues: int = 0
    pages: int = 0
    articles: int = 0
    flagged: int = 0
    article_ids: list = field(default_factory=list)
    removed_ids: list = field(default_factory=list)

    def add(self, other):
        self.issues += other.issues
        self.pages += other.pages
        self.articles += other.articles
        self.flagged += other.flagged
        self.article_ids += other.article_ids
        self.removed_ids += other.removed_ids

    def summary(self):
        return (
            f"{self.issues} 期 {self.pages} 版 {self.articles} 篇；"
            f"待审 {self.flagged} 篇 (issues={self.issues} pages={self.pages} "
            f"articles={self.articles} flagged={self.flagged})"
        )


def load_issue(
    doc, *, publish=True, source_texts=None, index=True, page_prints=None, user=None, comment=""
):
    """Store one interchange issue document; pages it names replace the stored ones.

    `source_texts` maps a page number to the raw page text it was parsed from, kept on the
    page so staff can compare; `page_prints` maps a page number to the PDF it came from
    (a PagePrint), kept and rendered with the page. Every stored page is kept as a version
    (versions.py) by `user` (None for the command line), with `comment` after 入库 in the
    history. Returns a LoadResult.
    """
    try:
        validate_issue(doc)
    except InterchangeError as exc:
        raise LoadError(str(exc)) from exc
    source_texts, page_prints = source_texts or {}, page_prints or {}
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            return _load_once(doc, publish, source_texts, index, page_prints, user, comment)
        except IntegrityError as exc:
            # Another writer created the same paper, issue, page or person between our
            # look and our insert (PostgreSQL; SQLite serialises writers). Our work was
            # rolled back whole; once theirs is committed, doing it again finds their rows.
            if attempt == RACE_ATTEMPTS:
                raise LoadError(
                    f"另一个入库同时在写同一期，重试 {RACE_ATTEMPTS} 次未成：{exc}"
                ) from exc
            log.info("load_issue: concurrent writer (%s), attempt %d again", exc, attempt + 1)
            time.sleep(0.05 * attempt)


def _load_once(doc, publish, source_texts, index, page_prints, user, comment):
    with transaction.atomic(), person_months.batched():
        newspaper = _newspaper(doc["paper"])
        issue_info = doc["issue"]
        issue, _ = Issue.objects.get_or_create(
            newspaper=newspaper, date=datetime.date.fromisoformat(issue_info["date"])
        )
        # Two loads of one issue take turns (a row lock; SQLite's writer lock already does):
        # the second then replaces the first's pages as a re-upload, never beside them.
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        issue.newspaper = newspaper  # named by every version's page and article
        if issue_info.get("number") is not None and issue.number != issue_info["number"]:
            issue.number = issue_info["number"]
            issue.save(update_fields=["number"])
        result = LoadResult(issues=1)
        pages = [ParsedPage.from_dict(p) for p in doc["pages"]]
        people = _PersonCache(newspaper)
        people.preload(_names_in(pages))
        for page in pages:
            source_text = source_texts.get(page.number, "")
            page_result, stored, attached = _replace_page(issue, page, publish, source_text, people)
            result.add(page_result)
            if page.number in page_prints:
                store_print(stored, page_prints[page.number])
            how = "（发布）" if publish else "（草稿）"
            versions.record(
                stored, user=user, comment=f"{versions.STORED}{how}{comment}", attached=attached
            )
        link_continuations(issue)
        if index:
            ids, removed = list(result.article_ids), list(result.removed_ids)
            # robust: a failed index write is logged, never undoes the stored page;
            # check_index --repair brings the index back in step.
            transaction.on_commit(lambda: sync_index(ids, removed), robust=True)
    return result


def _newspaper(paper):
    name = paper["name"].strip()
    slug = (paper.get("slug") or "").strip() or slugify(name, allow_unicode=False) or "paper"
    newspaper = Newspaper.objects.filter(slug=slug).first()
    if newspaper is None:
        namesake = Newspaper.objects.filter(name=name).first()
        if namesake is not None:
            raise LoadError(
                f"paper name {name!r} already belongs to slug {namesake.slug!r}, not {slug!r}"
            )
        newspaper = Newspaper.objects.create(name=name, slug=slug, place=paper.get("place", ""))
    elif newspaper.name != name:
        raise LoadError(f"paper.slug {slug!r} already belongs to {newspaper.name!r}, not {name!r}")
    return newspaper


def _replace_page(issue, parsed, publish, source_text, people):
    """Store a parsed page in place of the stored one, keeping what links point to.

    The page keeps its row, and every article whose text survives keeps its row id and its
    number (numbering.py), so both /jzrb/2020-01-27/1/<number>/ and the old id URLs still
    lead to it. Returns the counts, the stored page and whether its articles and mentions
    are attached to it (versions.attach).
    """
    result = LoadResult(pages=1)
    old = Page.objects.filter(issue=issue, number=parsed.number).first()
    stored, page_pk = [], old.pk if old is not None else None
    if old is not None:
        if not versions.has_history(old):
            # Stored before versions were kept: keep what is about to be replaced.
            versions.record(old, comment=versions.REPLACED)
        stored = [
            (a.pk, a.number, article_text(a))
            for a in old.articles.only("pk", "number", "kicker", "title", "subtitle", "paragraphs")
        ]
        result.removed_ids = [pk for pk, _, _ in stored]
        people.remember(Mention.objects.filter(article__page=old).select_related("person"))
        old.delete()
    page = Page.objects.create(
        pk=page_pk,  # delete() has cleared old.pk
        issue=issue,
        number=parsed.number,
        name=parsed.name,
        source_text=source_text,
        review=list(parsed.review),
    )
    given = [a.number for a in parsed.articles]
    if not stored and parsed.articles and None not in given:
        numbers = given  # an export restored: every permalink as it was
    else:
        numbers = assign_numbers(
            [(number, text) for _, number, text in stored],
            [article_text(a) for a in parsed.articles],
        )
    pk_of = {number: pk for pk, number, _ in stored}
    articles = [
        _article_row(page, order, art, publish, number, pk_of.get(number))
        for order, (art, number) in enumerate(zip(parsed.articles, numbers, strict=True), start=1)
    ]
    Article.objects.bulk_create(articles)
    # bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35; fetch them otherwise.
    if any(a.pk is None for a in articles):
        articles = list(page.articles.order_by("order"))
    mentions = []
    for article, art in zip(articles, parsed.articles, strict=True):
        mentions += _mentions(article, art, people)
    people.flush()
    mentions = _one_mention_each(mentions)
    for mention in mentions:
        mention.date = issue.date
    Mention.objects.bulk_create(mentions)
    person_months.touched((m.person_id, m.date) for m in mentions)
    result.articles = len(articles)
    result.flagged = sum(1 for a in articles if a.review)
    result.article_ids = [a.pk for a in articles]
    return result, page, versions.attach(page, articles, mentions)


def _one_mention_each(mentions):
    """The first mention of each (article, person, reporter or not), as the unique constraint
    keeps them: a name printed twice in one article is one mention."""
    seen, kept = set(), []
    for mention in mentions:
        # Set again now that new persons have ids: person_id follows, the person stays cached
        # (assigning person_id alone would drop it, and naming the mention would read it).
        mention.person = mention.person
        key = (mention.article_id, mention.person_id, mention.is_reporter)
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept


def article_text(article):
    """What makes an article the same one across parses: its headline and its text."""
    return text_of(article.kicker, article.title, article.subtitle, article.paragraphs)


def _article_row(page, order, art, publish, number, pk=None):
    fields = {name: getattr(art, name) for name in ROW_FIELDS}
    # An export says which articles were drafts; a parse leaves it to the caller.
    published = publish if art.published is None else art.published
    return Article(pk=pk, page=page, order=order, number=number, published=published, **fields)


def _mentions(article, art, people):
    """The article's reporters, then the people its text names, each in printed order."""
    reporters = [
        Mention(article=article, person=people.get(name, article.pk), is_reporter=True, order=order)
        for order, name in enumerate(art.reporters)
    ]
    named = [
        Mention(
            article=article, person=people.get(p.name, article.pk), roles=list(p.roles), order=order
        )
        for order, p in enumerate(art.persons)
    ]
    return reporters + named


def _names_in(pages):
    names = set()
    for page in pages:
        for art in page.articles:
            names.update(name.strip() for name in art.reporters)
            names.update(person.name.strip() for person in art.persons)
    return names


class _PersonCache:
    """Persons by name for one load: existing rows fetched once, new ones created in bulk.

    A name several people share (a person split by staff) goes, in an article that survives
    a re-ingest, to the person it named there before; elsewhere to the one with the most
    mentions in this paper, then the most mentions anywhere, then the oldest row.
    """

    def __init__(self, newspaper=None):
        self.newspaper = newspaper
        self.by_name = {}
        self.pending = {}
        self.kept = {}  # (article id, name) → the person a replaced mention named

    def preload(self, names):
        namesakes = defaultdict(list)
        for person in Person.objects.filter(name__in=list(names)).order_by("pk"):
            namesakes[person.name].append(person)
        shared = [p.pk for group in namesakes.values() if len(group) > 1 for p in group]
        here, anywhere = self._mention_counts(shared)
        for name, group in namesakes.items():
            self.by_name[name] = max(group, key=lambda p: (here[p.pk], anywhere[p.pk], -p.pk))

    def _mention_counts(self, person_ids):
        here, anywhere = Counter(), Counter()
        if person_ids:
            mentions = Mention.objects.filter(person__in=person_ids)
            for counts, rows in (
                (here, mentions.filter(article__page__issue__newspaper=self.newspaper)),
                (anywhere, mentions),
            ):
                counts.update(dict(rows.values_list("person").annotate(n=Count("pk"))))
        return here, anywhere

    def remember(self, mentions):
        """The persons the mentions of a page about to be replaced name, by article."""
        for mention in mentions:
            self.kept[(mention.article_id, mention.person.name)] = mention.person

    def get(self, name, article_id=None):
        name = name.strip()
        if (article_id, name) in self.kept:
            return self.kept[(article_id, name)]
        if name in self.by_name:
            return self.by_name[name]
        person = self.pending.get(name) or Person(name=name)
        self.pending[name] = person
        return person

    def flush(self):
        if not self.pending:
            return
        slugs = free_person_slugs(self.pending)
        for name, person in self.pending.items():
            person.slug = slugs[name]
            person.sort_key = pinyin_sort_key(name)
        Person.objects.bulk_create(self.pending.values())
        created = Person.objects.filter(name__in=list(self.pending), distinction="")
        for person in created:
            self.by_name[person.name] = person
        for name, person in self.pending.items():
            person.pk = self.by_name[name].pk
        self.pending = {}


def link_continuations(issue):
    """Join the parts of continued articles both ways, whichever page arrived first.

    （下转第二版③） on page 1 and （上接第一版③） on page 2 name each other by page and marker.
    """
    articles = list(
        Article.objects.filter(page__issue=issue).select_related("page").order_by("page__number")
    )
    continued_from = {
        (a.jump_from_page, a.jump_from_marker, a.page.number): a
        for a in articles
        if a.jump_from_page
    }
    for first in articles:
        if not first.jump_to_page:
            continue
        second = continued_from.get((first.page.number, first.jump_to_marker, first.jump_to_page))
        if second is None:
            second = continued_from.get((first.page.number, "", first.jump_to_page))
        target = second.pk if second else None
        if first.continuation_id != target:
            if target:
                Article.objects.filter(continuation_id=target).exclude(pk=first.pk).update(
                    continuation=None
                )
            Article.objects.filter(pk=first.pk).update(continuation_id=target)


class IndexWriteError(RuntimeError):
    """The database holds the change but the search index could not be written."""


def sync_index(article_ids=(), removed_ids=()):
    """Bring the index in step after a commit: (re)index stored rows, remove replaced ones.

    One index commit for both, so a search never sees the page without its articles in
    between. A full disk or another OS error while writing raises IndexWriteError; Whoosh
    writes new segments before it switches its table of contents, so the index keeps its
    old state.
    """
    gone = sorted(set(removed_ids) - set(article_ids))
    try:
        if gone or article_ids:
            search.apply(syncs=list(article_ids), removes=gone)
    except OSError as exc:
        raise IndexWriteError(
            f"search index not written ({exc.strerror or exc}); the database is saved: "
            "free space, then run `manage.py check_index --repair`"
        ) from exc


def reindex_articles(article_ids):
    """After an edit in the admin: bring these articles' index entries up to date."""
    sync_index(list(article_ids))


def set_published(queryset, published):
    ids = list(queryset.values_list("pk", flat=True))
    with transaction.atomic():
        count = Article.objects.filter(pk__in=ids).update(published=published)
        person_months.touched(person_months.pairs_of_articles(ids))
    transaction.on_commit(lambda: reindex_articles(ids), robust=True)
    return count


def delete_articles(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    with transaction.atomic(), person_months.batched():
        Article.objects.filter(pk__in=ids).delete()  # each mention's delete notes its month
        transaction.on_commit(lambda: sync_index((), ids), robust=True)
    return len(ids)
