"""Reader pages: home, paper calendar, issue, page, article, people.

Each view fetches what its page shows in a fixed number of queries (see browse_queries) and
hands the template an explicit context. Readers see published articles only.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from archive import browse_queries as q
from archive.models import Newspaper, Person


def home(request):
    """The newest issue's front page, the papers, and this month of 往期回顾."""
    latest = q.visible_issues().order_by("-date", "newspaper__name").first()
    calendar = months = None
    if latest:
        first, last = q.month_bounds(latest.date.year, latest.date.month)
        links = q.issue_links(q.issues_between(latest.newspaper, first, last))
        calendar = q.month_calendar(latest.date.year, latest.date.month, links)
        months = q.paper_months(latest.newspaper)
    context = {
        "latest": latest,
        "front_page": q.front_page(latest) if latest else None,
        "papers": Newspaper.objects.order_by("name"),
        "calendar": calendar,
        "months": months,
    }
    return render(request, "archive/home.html", context)


def paper_detail(request, paper):
    """/jzrb/ — every year and month the paper has issues for."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    context = {"newspaper": newspaper, "years": q.paper_months(newspaper)}
    return render(request, "archive/paper.html", context)


def paper_year(request, paper, year):
    """/jzrb/2020/ — a calendar for each month of the year that has issues."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    if not 1 <= year <= 9999:
        raise Http404("没有这一年")
    calendars = q.year_calendars(newspaper, year)
    if not calendars:
        raise Http404("这一年没有报纸")
    context = {"newspaper": newspaper, "year": year, "calendars": calendars}
    return render(request, "archive/paper_year.html", context)


def paper_month(request, paper, year, month):
    """/jzrb/2020/01/ — one month's calendar and its issues."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("没有这个月")
    first, last = q.month_bounds(year, month)
    issues = q.issues_between(newspaper, first, last)
    if not issues:
        raise Http404("这个月没有报纸")
    context = {
        "newspaper": newspaper,
        "year": year,
        "month": month,
        "calendar": q.month_calendar(year, month, q.issue_links(issues)),
        "issues": issues,
    }
    return render(request, "archive/paper_month.html", context)


def issue_detail(request, paper, date):
    """/jzrb/2020-01-27/ — 版面导航: every page with its articles; the days either side."""
    issue = get_object_or_404(q.visible_issues(), newspaper__slug=paper, date=date)
    previous, following = q.neighbour_issues(issue)
    context = {
        "issue": issue,
        "pages": q.issue_pages(issue),
        "previous": previous,
        "next": following,
    }
    return render(request, "archive/issue.html", context)


def page_detail(request, paper, date, page):
    """/jzrb/2020-01-27/1/ — the page's articles in reading order, with their lead."""
    issue = get_object_or_404(q.visible_issues(), newspaper__slug=paper, date=date)
    pages = list(issue.pages.defer("source_text").order_by("number"))
    current = next((p for p in pages if p.number == page), None)
    if current is None:
        raise Http404("这一期没有这一版")
    previous, following = q.neighbours(pages, current)
    context = {
        "issue": issue,
        "page": current,
        "pages": pages,
        # Through the page's own manager, so each article knows its page without a query.
        "articles": list(current.articles.published().order_by("order")),
        "previous": previous,
        "next": following,
    }
    return render(request, "archive/page.html", context)


def article_detail(request, paper, date, page, article_id):
    """/jzrb/2020-01-27/1/17/ — the article, its jumps, its people, and how to cite it."""
    article = q.article_for_reader(paper, date, page, article_id)
    continued_to = q.continuation_of(article, "continuation")
    continued_from = q.continuation_of(article, "continues")
    in_issue = q.issue_articles(article.page.issue)
    current = next(a for a in in_issue if a.pk == article.pk)
    previous, following = q.neighbours(in_issue, current)
    mentions = list(article.mentions.all())
    context = {
        "article": article,
        "issue": article.page.issue,
        "reporters": [m for m in mentions if m.is_reporter],
        "mentions": [m for m in mentions if not m.is_reporter],
        "jump_to": jump(
            article, "下转", article.jump_to_page, article.jump_to_marker, continued_to
        ),
        "jump_from": jump(
            article, "上接", article.jump_from_page, article.jump_from_marker, continued_from
        ),
        "related": q.related_articles(article, exclude=[continued_to, continued_from]),
        "previous": previous,
        "next": following,
        "citation": q.citation(article),
    }
    return render(request, "archive/article.html", context)


def jump(article, direction, page, marker, target):
    """A jump marker to print: its label, and the other half's URL when a reader may see it."""
    if not page:
        return None
    return {"label": q.jump_label(direction, page, marker), "article": target}


def people_index(request):
    """/people/ — everyone the archive mentions, by pinyin initial."""
    return render(request, "archive/people_index.html", {"groups": q.people_by_initial()})


def person_detail(request, slug):
    """/people/王小平/ — roles over time, the articles, the company they keep, their bylines."""
    person = get_object_or_404(Person, slug=slug)
    context = {
        "person": person,
        "timeline": q.role_timeline(person),
        "articles": q.paginate(q.articles_with(person, reporter=False), request.GET.get("page")),
        "bylines": q.paginate(
            q.articles_with(person, reporter=True), request.GET.get("byline_page")
        ),
        "companions": q.people_mentioned_with(person),
    }
    return render(request, "archive/person.html", context)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
