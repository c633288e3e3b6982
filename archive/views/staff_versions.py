"""Staff: a page's history (every stored version: who, when, how) and one-click restore."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from archive import restoring, versions
from archive.models import Page


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
