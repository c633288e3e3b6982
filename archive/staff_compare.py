"""The stored page a re-upload would replace, read for the review screen's comparison."""

from django.db import transaction

from archive import versions
from archive.models import Article, Page
from archive.review_diff import FIELDS, compare, corrections


def stored_page(paper_slug, date, number):
    return (
        Page.objects.filter(issue__newspaper__slug=paper_slug, issue__date=date, number=number)
        .select_related("issue__newspaper")
        .first()
    )


def stored_items(page):
    """The page's articles as review_diff wants them, each with the corrections staff made
    since the last ingest (the fields that differ from what that ingest stored)."""
    last = versions.last_stored(page)
    ingested = versions.article_states(last) if last else {}
    items = []
    for article in page.articles.order_by("order"):
        fields = {name: getattr(article, name) for name in FIELDS}
        made = corrections(ingested[article.pk], fields) if article.pk in ingested else {}
        items.append(
            {
                "number": article.number,
                "url": article.get_absolute_url(),
                "fields": fields,
                "corrections": made,
            }
        )
    return items


def comparison(state):
    """The diff of the review state's page against the stored one, or None for a new page."""
    page = stored_page(state["paper"]["slug"], state["date"], state["page"]["number"])
    if page is None:
        return None
    diff = compare(stored_items(page), state["page"].get("articles", []))
    diff["page"] = page
    diff["published"] = page.articles.filter(published=True).exists()
    return diff


def put_back_corrections(page, diff, user):
    """After the new parse is stored: the kept corrections onto the articles they belong to.

    A version of its own (后台修改), so the ingest's version stays the bare parse and the
    next re-upload still tells staff corrections from parser output.
    """
    kept = diff["kept_corrections"]
    if not kept:
        return 0
    with transaction.atomic():
        for item in kept:
            Article.objects.filter(page=page, number=item["number"]).update(**item["corrections"])
        versions.record(page, user=user, comment=f"{versions.EDITED}（重新上传时保留的人工修改）")
    return len(kept)
