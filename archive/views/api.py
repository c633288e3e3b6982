"""JSON for programs: an issue, an article, search, and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from archive.loading import article_document, issue_document
from archive.models import Article, Issue

JSON_OPTIONS = {"ensure_ascii": False}


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def json_error(message, status=400):
    return json_response({"error": message}, status=status)


def issue_detail(request, paper, date):
    """/api/issues/jzrb/2020-01-27 — the published issue in interchange form."""
    issue = get_object_or_404(
        Issue.objects.select_related("newspaper"), newspaper__slug=paper, date=date
    )
    return json_response(issue_document(issue, published_only=True))


def article_detail(request, article_id):
    """/api/articles/17 — one published article with its paper, date and page."""
    article = get_object_or_404(
        Article.objects.published().with_place().prefetch_related("mentions__person"),
        pk=article_id,
    )
    issue = article.page.issue
    data = article_document(article)
    data.update(
        {
            "paper": {"name": issue.newspaper.name, "slug": issue.newspaper.slug},
            "date": issue.date.isoformat(),
            "page": {"number": article.page.number, "name": article.page.name},
        }
    )
    return json_response(data)


def search(request):
    """/api/search — being built with the search backend."""
    return json_response({"total": 0, "page": 1, "page_size": 20, "results": [], "facets": {}})


def healthz(request):
    """200 when the database and the search index answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means unhealthy; say which
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        from archive.search.indexing import ping

        ping()
        checks["index"] = "ok"
    except Exception as exc:
        checks["index"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return json_response(
        {"status": "ok" if healthy else "error", **checks}, 200 if healthy else 503
    )
