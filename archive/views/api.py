"""JSON for programs: an issue, an article, search, and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from archive import search as search_index
from archive.faults import data_folder_state
from archive.loading import stored_article_document, stored_issue_document
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
    return json_response(stored_issue_document(issue, published_only=True))


def article_detail(request, article_id):
    """/api/articles/17 — one published article with its paper, date and page."""
    article = get_object_or_404(
        Article.objects.published().with_place().with_people(),
        pk=article_id,
    )
    issue = article.page.issue
    data = stored_article_document(article)
    data.update(
        {
            "paper": {"name": issue.newspaper.name, "slug": issue.newspaper.slug},
            "date": issue.date.isoformat(),
            "page": {"number": article.page.number, "name": article.page.name},
        }
    )
    return json_response(data)


def search(request):
    """/api/search?q=防控&page=1&page_size=20&paper=jzrb&date_from=&date_to=&person=&kind=&sort=

    Any q is valid (the query language never fails); bad page, page_size (≤ 100), dates,
    kind or sort values are a 400 with a message.
    """
    from archive.forms import SearchForm

    form = SearchForm(request.GET)
    if not form.is_valid():
        return json_error(form.error_text())
    data = form.cleaned_data
    page_size = data.get("page_size") or 20
    result = search_index.search(
        data["q"], page=data["page"], page_size=page_size, filters=form.filters(), sort=data["sort"]
    )
    results = [
        {
            "id": hit.id,
            "url": hit.url,
            "kicker": hit.kicker,
            "title": hit.title,
            "subtitle": hit.subtitle,
            "paper": {"name": hit.paper_name, "slug": hit.paper},
            "date": hit.date,
            "page": hit.page,
            "snippet": hit.snippet,
        }
        for hit in result.hits
    ]
    facets = {
        name: [[value, count] for value, count in pairs] for name, pairs in result.facets.items()
    }
    body = {"total": result.total, "page": result.page, "page_size": page_size}
    body.update({"results": results, "facets": facets, "notes": result.notes})
    return json_response(body)


def healthz(request):
    """200 when the database and the search index answer and the data folder can be written,
    503 otherwise, naming what is wrong."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means unhealthy; say which
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        search_index.ping()
        checks["index"] = "ok"
    except Exception as exc:
        checks["index"] = f"error: {exc.__class__.__name__}"
    # Readers are still served from a read-only or full data folder; nothing can be stored.
    checks["data_dir"] = data_folder_state()
    healthy = all(v == "ok" for v in checks.values())
    return json_response(
        {"status": "ok" if healthy else "error", **checks}, 200 if healthy else 503
    )
