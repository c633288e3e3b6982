"""Staff: a page's history (every stored version: who, when, how), one-click restore, and
a stored page (a draft, most often) opened again in the side-by-side review."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from archive import restoring, review, versions
from archive.exports import stored_page_document
from archive.models import Page
from archive.views.staff import _render_review


@staff_member_required
def page_versions(request, page_id):
    """/admin/pages/17/versions/ — the versions newest first; POST version=<id> restores one."""
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    if request.method == "POST":
        if not request.user.has_perm("archive.change_article"):
            raise PermissionDenied
        version = get_object_or_404(versions.history(page), pk=request.POST.get("version"))
        restoring.restore(version, user=request.user)
        when = version.revision.date_created
        messages.success(request, f"已恢复 {when:%Y-%m-%d %H:%M} 的版本（恢复本身也已记入历史）。")
        return redirect("admin-page-versions", page_id=page.pk)
    rows = [
        {"version": v, "titles": _titles(v), "current": i == 0}
        for i, v in enumerate(versions.history(page))
    ]
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "title": f"{page} 的版本历史",
        "page": page,
        "rows": rows,
    }
    return render(request, "admin/archive/page_versions.html", context)


def _titles(version):
    """The headlines of a version's articles in page order, to tell versions apart."""
    states = sorted(versions.article_states(version).values(), key=lambda f: f["order"])
    return [
        f["title"] or (f["paragraphs"][0][:24] if f["paragraphs"] else "（无标题）") for f in states
    ]


@staff_member_required
def page_review(request, page_id):
    """/admin/pages/17/review/ — the stored page back on the review screen, beside its text.

    Publishing from there replaces the page as a re-upload does (diff, confirmation, a new
    version); each item keeps its number, so its URL does not change.
    """
    if not request.user.has_perm("archive.change_article"):
        raise PermissionDenied
    page = get_object_or_404(Page.objects.select_related("issue__newspaper"), pk=page_id)
    return _render_review(request, review_state(page))


def review_state(page):
    """The review state of a stored page: its articles as staff left them, and its text."""
    stored = stored_page_document(page)
    lines = review.locate_items(page.source_text, stored["articles"])
    for article, source_lines in zip(stored["articles"], lines, strict=True):
        for key in ("id", "url", "published"):  # the choice is made again on the screen
            article.pop(key, None)
        article["source_lines"] = source_lines
    return {
        "paper": {"name": page.issue.newspaper.name, "slug": page.issue.newspaper.slug},
        "date": page.issue.date.isoformat(),
        "text": page.source_text,
        "page": stored,
    }
