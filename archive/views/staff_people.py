"""Staff split a person in two: pick the mentions to move, name the difference, confirm."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from archive import versions
from archive.loading import reindex_articles
from archive.models import Article, Page, Person
from archive.people import SplitError, namesakes, split_person, split_selection
from archive.people_forms import PersonSplitForm

# The confirmation lists this many of the articles that move; the count covers them all.
SHOWN_ON_CONFIRM = 50


@staff_member_required
def person_split(request, person_id):
    """/admin/people/17/split/ — GET the form; POST step=preview lists what would move,
    POST step=confirm moves it (both persons' admin history and the pages' versions say so)."""
    if not request.user.has_perm("archive.change_person"):
        raise PermissionDenied
    person = get_object_or_404(Person, pk=person_id)
    form = PersonSplitForm(person, request.POST or None)
    context = {"person": person, "form": form, "namesakes": namesakes(person)}
    if request.method == "POST" and form.is_valid():
        mentions = split_selection(person, **form.selection())
        if request.POST.get("step") == "confirm":
            try:
                return _split(request, person, mentions, form.cleaned_data)
            except SplitError as exc:
                form.add_error(None, str(exc))
        else:
            context["moving"] = _moving(mentions)
    context["articles"] = form.listed_articles()
    return _render(request, context)


def _split(request, person, mentions, data):
    old_label = person.label
    new, touched = split_person(
        person,
        mentions,
        distinction=data["distinction"],
        old_distinction=data["old_distinction"],
    )
    note = f"拆分：{len(touched)} 篇文章从“{old_label}”移到“{new.label}”"
    person_admin = admin.site._registry[Person]
    person_admin.log_change(request, person, f"{note}（新人物 /people/{new.slug}/）")
    person_admin.log_change(request, new, f"{note}（原人物 /people/{person.slug}/）")
    # Each page touched keeps a version with its mentions as they now are.
    for page in Page.objects.filter(articles__in=touched).distinct():
        versions.record(page, user=request.user, comment=f"{versions.EDITED}：{note}")
    reindex_articles(touched)
    messages.success(request, f"已{note}。")
    return redirect(reverse("admin:archive_person_change", args=[new.pk]))


def _moving(mentions):
    ids = sorted({m.article_id for m in mentions.only("article_id")})
    shown = (
        Article.objects.filter(pk__in=ids)
        .with_place()
        .order_by("page__issue__date", "page__number", "order")[:SHOWN_ON_CONFIRM]
    )
    shown = list(shown)
    return {"count": len(ids), "articles": shown, "more": len(ids) - len(shown)}


def _render(request, context):
    person = context["person"]
    context.update(admin.site.each_context(request), title=f"拆分人物：{person.label}")
    return render(request, "admin/archive/person_split.html", context)
