"""The seed page, parsed and stored through the real loader, indexed after commit."""

import pytest

from archive.models import Article
from archive.search.analysis import fold
from archive.search_indexes import article_text
from tests.conftest import SEED


@pytest.fixture
def seed_articles(db, django_capture_on_commit_callbacks):
    """The 9 items of 焦作日报 2020-01-27 第1版, published and indexed."""
    from archive.ingest import parse_page
    from archive.ingest.interchange import build_issue_document
    from archive.loading import load_issue

    page = parse_page(SEED.read_text(encoding="utf-8"), page_number=1)
    doc = build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [page])
    with django_capture_on_commit_callbacks(execute=True):
        load_issue(doc)
    return list(Article.objects.published().order_by("pk"))


def folded_texts(articles=None):
    """Folded searchable text of every published article: the truth for substring checks.

    The text is the one the index is built from (search_indexes.article_text), so the checks
    test what production indexes.
    """
    articles = articles or Article.objects.published().prefetch_related("mentions__person")
    return {article.pk: fold(article_text(article)) for article in articles}
