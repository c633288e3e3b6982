"""Stored issues as interchange documents: what `export`, the API and version history read.

The inverse of loading.load_issue: ``load_issue(stored_issue_document(issue))`` stores the
same issue again (drafts as drafts, since each article says whether it is published).
"""

from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, PersonMention
from archive.loading import ROW_FIELDS
from archive.models import Article, Issue


def stored_article_document(article):
    """One stored article as interchange JSON, with its id and url.

    Needs the article's mentions with persons prefetched to stay at one query per page.
    """
    mentions = sorted(article.mentions.all(), key=lambda m: m.order)
    parsed = ParsedArticle(
        reporters=[m.person.name for m in mentions if m.is_reporter],
        persons=[
            PersonMention(m.person.name, list(m.roles)) for m in mentions if not m.is_reporter
        ],
        published=article.published,
        number=article.number,
        **{name: getattr(article, name) for name in ROW_FIELDS},
    )
    return {"id": article.pk, "url": article.get_absolute_url(), **parsed.to_dict()}


def stored_issue_document(issue, *, published_only=False):
    """One stored issue as an interchange document."""
    articles = _stored_articles(published_only).filter(page__issue=issue)
    by_page = {}
    for article in articles:
        by_page.setdefault(article.page_id, []).append(stored_article_document(article))
    pages = [
        _page_document(page, by_page.get(page.pk, []))
        for page in (issue.pages.visible() if published_only else issue.pages).order_by("number")
    ]
    paper = issue.newspaper
    return build_issue_document(paper.name, paper.slug, issue.date, issue.number, pages)


def stored_page_document(page):
    """One stored page, drafts included, as the interchange page (the review screen's)."""
    articles = _stored_articles(published_only=False).filter(page=page)
    return _page_document(page, [stored_article_document(a) for a in articles])


def _stored_articles(published_only):
    articles = (
        Article.objects.select_related("page__issue__newspaper")
        .with_people()
        .order_by("page__number", "order")
    )
    return articles.filter(published=True) if published_only else articles


def _page_document(page, articles):
    return {"number": page.number, "name": page.name, "articles": articles, **_print_fields(page)}


def _print_fields(page):
    """A page's review flags and, once its PDF is kept, the URLs of its picture and PDF."""
    fields = {"review": list(page.review)} if page.review else {}
    if page.image:
        fields["image"] = page.image.url
    if page.pdf:
        fields["pdf"] = page.pdf.url
    return fields


def export_issues(*, paper=None, date_from=None, date_to=None):
    """Every stored issue matching the filters, oldest first, as interchange documents."""
    issues = Issue.objects.select_related("newspaper").order_by("newspaper__slug", "date")
    if paper:
        issues = issues.filter(newspaper__slug=paper)
    if date_from:
        issues = issues.filter(date__gte=date_from)
    if date_to:
        issues = issues.filter(date__lte=date_to)
    for issue in issues.iterator(chunk_size=50):
        yield stored_issue_document(issue)
