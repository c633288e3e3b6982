"""Reader pages: home, paper calendar, issue, page, article, people.

Each view asks the models' QuerySets (querysets.py) for what its page shows, in a fixed
number of queries, and hands the template an explicit context. Readers see published
articles only.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from archive.calendars import issue_months, month_bounds, month_calendar, year_calendars
from archive.forms import HighlightForm, PeopleForm
from archive.models import Article, Issue, Newspaper, Person
from archive.page_view import article_clip, page_print
from archive.people import by_alias
from archive.querysets import INITIALS
from archive.views.paging import neighbours, numbered_pages, paginate
from archive.views.preview import as_preview, previewing
from archive.views.search_links import person_chart

# Names on one page of /people/: the longest initials (W, Z, L) run to a few pages.
PEOPLE_PER_PAGE = 240


def home(request):
    """The newest issue's front page, the papers, and this month of 往期回顾."""
    latest = Issue.objects.latest()
    context = {
        "latest": latest,
        "front_page": None,
        "papers": Newspaper.objects.order_by("name"),
        "calendar": None,
        "months": None,
    }
    if latest:
        year, month = latest.date.year, latest.date.month
        paper_issues = latest.newspaper.issues.visible()
        context["front_page"] = latest.pages.for_reading().first()
        context["calendar"] = month_calendar(
            year, month, paper_issues.between(*month_bounds(year, month))
        )
        context["months"] = issue_months(paper_issues)
    return render(request, "archive/home.html", context)


def paper_detail(request, paper):
    """/jzrb/ — every year and month the paper has issues for."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    context = {"newspaper": newspaper, "years": issue_months(newspaper.issues.visible())}
    return render(request, "archive/paper.html", context)


def paper_year(request, paper, year):
    """/jzrb/2020/ — a calendar for each month of the year that has issues."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    if not 1 <= year <= 9999:
        raise Http404("没有这一年")
    calendars = year_calendars(year, newspaper.issues.visible())
    if not calendars:
        raise Http404("这一年没有报纸")
    context = {"newspaper": newspaper, "year": year, "calendars": calendars}
    return render(request, "archive/paper_year.html", context)


def paper_month(request, paper, year, month):
    """/jzrb/2020/01/ — one month's calendar and its issues."""
    newspaper = get_object_or_404(Newspaper, slug=paper)
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("没有这个月")
    issues = list(newspaper.issues.visible().between(*month_bounds(year, month)))
    if not issues:
        raise Http404("这个月没有报纸")
    context = {
        "newspaper": newspaper,
        "year": year,
        "month": month,
        "calendar": month_calendar(year, month, issues),
        "issues": issues,
    }
    return render(request, "archive/paper_month.html", context)


def issue_detail(request, paper, date):
    """/jzrb/2020-01-27/ — 版面导航: every page with its articles; the days either side."""
    preview = previewing(request)
    issues = Issue.objects.select_related("newspaper") if preview else Issue.objects.visible()
    issue = get_object_or_404(issues, newspaper__slug=paper, date=date)
    previous, following = issue.neighbours()
    pages = issue.pages.for_preview() if preview else issue.pages.for_reading()
    context = {
        "issue": issue,
        "pages": list(pages),
        "previous": previous,
        "next": following,
        "preview": preview,
    }
    return _render(request, "archive/issue.html", context)


def page_detail(request, paper, date, page):
    """/jzrb/2020-01-27/1/ — the printed page with its articles' regions (when it came as a
    PDF) and the articles in reading order, with their lead; ?hl=防控 marks a string."""
    preview = previewing(request)
    issues = Issue.objects.select_related("newspaper") if preview else Issue.objects.visible()
    issue = get_object_or_404(issues, newspaper__slug=paper, date=date)
    pages = list(
        issue.pages.in_print_order() if preview else issue.pages.visible().in_print_order()
    )
    current = next((p for p in pages if p.number == page), None)
    if current is None:
        raise Http404("这一期没有这一版")
    previous, following = neighbours(pages, current)
    # Through the page's own manager, so each article knows its page without a query.
    articles = current.articles.all() if preview else current.articles.published()
    articles = list(articles.order_by("order"))
    query = HighlightForm(request.GET).text()
    context = {
        "issue": issue,
        "page": current,
        "pages": pages,
        "articles": articles,
        "print": page_print(current, articles, query),
        "previous": previous,
        "next": following,
        "preview": preview,
    }
    return _render(request, "archive/page.html", context)


def article_detail(request, paper, date, page, article_id):
    """/jzrb/2020-01-27/1/3/ — the article, its jumps, its people, and how to cite it.

    The last part is the article's number on the page; the URLs of earlier versions, which
    ended in the row id (/jzrb/2020-01-27/1/3158/), redirect permanently to the number.
    """
    preview = previewing(request)
    on_page = (Article.objects.all() if preview else Article.objects.published()).filter(
        page__number=page, page__issue__date=date, page__issue__newspaper__slug=paper
    )
    article = on_page.for_reading().filter(number=article_id).first()
    if article is None:
        legacy = get_object_or_404(on_page.with_place(), pk=article_id)
        return redirect(legacy.get_absolute_url(), permanent=True)
    continuation, beginning = article.readable_continuation(), article.readable_beginning()
    previous, following = neighbours(article.page.issue.reading_order(drafts=preview), article)
    mentions = list(article.mentions.all())
    context = {
        "article": article,
        "issue": article.page.issue,
        "reporters": [m for m in mentions if m.is_reporter],
        "mentions": [m for m in mentions if not m.is_reporter],
        "continuation": continuation,
        "beginning": beginning,
        "related": Article.objects.related_to(article, exclude=[continuation, beginning]),
        "clip": article_clip(article, HighlightForm(request.GET).text()),
        "previous": previous,
        "next": following,
        "preview": preview,
    }
    return _render(request, "archive/article.html", context)


def _render(request, template, context):
    response = render(request, template, context)
    return as_preview(response) if context["preview"] else response


def people_index(request):
    """/people/?initial=W&page=2 or /people/?name=小平 — everyone in print, one pinyin initial
    (the first one with people when none is chosen) or the names matching, a page at a time."""
    form = PeopleForm(request.GET)
    if not form.is_valid():
        raise Http404(form.error_text())
    people, data = Person.objects.in_print(), form.cleaned_data
    counts = people.initial_counts()
    initial = None
    if data["name"]:
        people = people.named_like(data["name"])
    else:
        initial = data["initial"] or next((i for i, n in counts if n), INITIALS[0])
        people = people.with_initial(initial)
    listed = paginate(people.listed(), data["page"], per_page=PEOPLE_PER_PAGE)
    listed.object_list = listed.object_list.with_article_counts()
    context = {
        "form": form,
        "counts": counts,
        "initial": initial,
        "name": data["name"],
        "people": listed,
        "pages": numbered_pages(request.GET, listed.number, listed.paginator.num_pages),
    }
    return render(request, "archive/people_index.html", context)


def person_detail(request, slug):
    """/people/王小平/ — roles over time, mentions per year, the articles, the company they
    keep, their bylines."""
    # The person and its namesakes (a split person) in one query.
    same_name = Person.objects.filter(slug=slug).values("name")
    everyone = list(Person.objects.filter(name__in=same_name).order_by("pk"))
    person = next((p for p in everyone if p.slug == slug), None)
    if person is None:
        # A person merged into another: the old URL leads to the one kept.
        merged_into = by_alias(slug)
        if merged_into is None:
            raise Http404("没有这个人物")
        return redirect(merged_into.get_absolute_url(), permanent=True)
    articles = Article.objects.published()
    context = {
        "person": person,
        "timeline": person.months.role_timeline(),
        "chart": person_chart(person, person.months.per_month()),
        "articles": paginate(articles.mentioning(person), request.GET.get("page")),
        "bylines": paginate(articles.signed_by(person), request.GET.get("byline_page")),
        "companions": Person.objects.mentioned_with(person),
        "namesakes": [p for p in everyone if p.pk != person.pk],
    }
    return render(request, "archive/person.html", context)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
