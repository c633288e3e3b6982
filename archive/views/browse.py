"""Reader pages: home, paper calendar, issue, page, article, people (placeholder, being built)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.models import Article, Issue, Newspaper, Page, Person


def home(request):
    latest = Issue.objects.select_related("newspaper").order_by("-date").first()
    return render(request, "archive/home.html", {"latest": latest})


def paper_detail(request, paper):
    newspaper = get_object_or_404(Newspaper, slug=paper)
    return render(request, "archive/home.html", {"newspaper": newspaper})


def paper_year(request, paper, year):
    return paper_detail(request, paper)


def paper_month(request, paper, year, month):
    return paper_detail(request, paper)


def issue_detail(request, paper, date):
    issue = get_object_or_404(Issue, newspaper__slug=paper, date=date)
    return render(request, "archive/home.html", {"latest": issue})


def page_detail(request, paper, date, page):
    page = get_object_or_404(Page, issue__newspaper__slug=paper, issue__date=date, number=page)
    return render(request, "archive/home.html", {"page": page})


def article_detail(request, paper, date, page, article_id):
    article = get_object_or_404(
        Article.objects.published().with_place(),
        pk=article_id,
        page__number=page,
        page__issue__date=date,
        page__issue__newspaper__slug=paper,
    )
    return render(request, "archive/home.html", {"article": article})


def people_index(request):
    return render(request, "archive/home.html", {})


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(request, "archive/home.html", {"person": person})


def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
