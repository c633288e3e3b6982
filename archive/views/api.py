"""JSON for programs: an issue, an article, search, and the health check.

Every /api/ view reads only (GET or HEAD; any other method is a 405) and needs no CSRF token,
as it changes nothing. Errors that Django itself answers (unknown URLs, wrong methods, server
errors) are turned into JSON by archive.middleware.ApiErrorsAsJsonMiddleware.
"""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from archive import search as search_index
from archive.exports import stored_article_document, stored_issue_document
from archive.faults import data_folder_state
from archive.models import Article, Issue
from archive.search.consistency import out_of_step
from archive.views.hits import search_hits

JSON_OPTIONS = {"ensure_ascii": False}


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def json_error(message, status=400):
    return json_response({"error": message}, status=status)


def read_only(view):
    """GET and HEAD only: a POST is told 405, not failed by the CSRF check (403)."""
    return csrf_exempt(require_safe(view))


@read_only
def issue_detail(request, paper, date):
    """/api/issues/jzrb/2020-01-27 — the published issue in interchange form."""
    issue = get_object_or_404(Issue.objects.visible(), newspaper__slug=paper, date=date)
    return json_response(stored_issue_document(issue, published_only=True))


@read_only
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


@read_only
def search(request):
    """/api/search?q=防控&page=1&page_size=20&field=all|title|byline&paper=jzrb&date=
    &date_from=&date_to=&page_number=&person=&kind=&sort=

    The same parameters as /search/ (archive.forms.SearchForm): ``date`` with ``paper`` is
    one issue, ``page_number`` one page of it. Any q is valid (the query language never
    fails); bad page, page_size (≤ 100), dates, field, kind or sort values are a 400 with a
    message. ``display_title`` is the headline a reader sees (the lead of an untitled brief).
    """
    from archive.forms import SearchForm

    form = SearchForm(request.GET)
    if not form.is_valid():
        return json_error(form.error_text())
    page_size = form.cleaned_data.get("page_size") or 20
    result = search_hits(form, page_size=page_size)
    results = [
        {
            "id": hit.id,
            "url": hit.url,
            "kicker": hit.kicker,
            "title": hit.title,
            "display_title": hit.display_title,
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
    body["complete"] = result.complete  # false: stopped at the time budget, see notes
    return json_response(body)


@read_only
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
        # An index that answers but lacks what the database published is not healthy either.
        checks["index"] = (checks["database"] == "ok" and out_of_step()) or "ok"
    except Exception as exc:
        checks["index"] = f"error: {exc.__class__.__name__}"
    # Readers are still served from a read-only or full data folder; nothing can be stored.
    checks["data_dir"] = data_folder_state()
    healthy = all(v == "ok" for v in checks.values())
    return json_response(
        {"status": "ok" if healthy else "error", **checks}, 200 if healthy else 503
    )
